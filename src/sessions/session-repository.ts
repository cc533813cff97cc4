import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import type { DirectoryEntry } from "#src/lists/list-repository.ts";
import { queryPages } from "#src/db/query-pages.ts";

const callDynamo = dynamoCaller("session store");

/**
 * sessions table: one item per signed-in browser. The key is a SHA-256 of the session id the
 * cookie carries, so someone who can read the table still cannot forge a cookie from it; the
 * tokens are sealed with a key derived from that id (see token-seal.ts).
 * expiresAt (epoch seconds) is the table's TTL attribute; DynamoDB deletes lazily, so readers
 * check it too.
 * `settings` caches the user's account settings, so a page view needs this one item only; an
 * item without it predates the cache. The bySub index (keys only) finds every session of a
 * user when their settings change.
 * `directory` caches the user's list directory (which lists to look in, with their names for the
 * navigation), so a list page is the session, the list and its Query. It is a hint, never access:
 * every list's own item decides that. Any change to the user's directory removes the copy from
 * each of their sessions and bumps `directoryEpoch`; a copy is stored back only if the epoch it
 * was read under still holds, so a change racing a page's read is never hidden by it.
 */
export interface SessionRecord {
  id: string;
  sub: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  createdAt: string;
  expiresAt: number;
  /** The sign-in's auth_time (epoch seconds, Cognito's clock); absent in items from before it was kept. */
  authTime?: number;
  settings?: SessionSettings;
  directory?: SessionDirectory;
  /** Bumped by every change to the user's directory; absent until the first. */
  directoryEpoch?: number;
  /**
   * Set on the session that asked for its account's deletion: its next request finishes the
   * deletion (account-deletion-service.ts) instead of showing a page.
   */
  deleting?: boolean;
}

/** The user's directory as a page read it, and when (epoch milliseconds). */
export interface SessionDirectory {
  readAt: number;
  entries: DirectoryEntry[];
  /**
   * When each invitation waiting for the user's email expires (epoch seconds), read with the
   * directory: the navigation's count of pending invitations, expired ones left out at read
   * time. Absent in copies from before it was kept.
   */
  invitations?: number[];
}

/** The account settings a session carries (the same shape as the accounts service's). */
export interface SessionSettings {
  timeZone: string | null;
  /** Absent in sessions cached before the setting existed: then on. */
  shortcuts?: boolean;
  /** Absent in sessions cached before the setting existed: then All tasks. */
  startView?: "all" | "today";
}

export async function putSession(session: SessionRecord): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.PutCommand({
        TableName: getTableNames().sessions,
        Item: session,
        ConditionExpression: "attribute_not_exists(id)",
      }),
    ),
  );
}

export async function getSession(id: string): Promise<SessionRecord | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(new commands.GetCommand({ TableName: getTableNames().sessions, Key: { id }, ConsistentRead: true })),
  );
  return (result.Item as SessionRecord | undefined) ?? null;
}

/** Sets one attribute of a live session; false (and nothing written) if it was ended meanwhile. */
async function setIfSessionExists(
  id: string,
  attribute: "accessToken" | "settings" | "deleting",
  value: unknown,
): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().sessions,
          Key: { id },
          UpdateExpression: "SET #attribute = :value",
          ConditionExpression: "attribute_exists(id)",
          ExpressionAttributeNames: { "#attribute": attribute },
          ExpressionAttributeValues: { ":value": value },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Stores a refreshed access token; does nothing if the session was ended meanwhile. */
export function updateSessionAccessToken(id: string, accessToken: string): Promise<boolean> {
  return setIfSessionExists(id, "accessToken", accessToken);
}

/** Marks the session as the one deleting its account; false if it was ended meanwhile. */
export function markSessionDeleting(id: string): Promise<boolean> {
  return setIfSessionExists(id, "deleting", true);
}

export async function deleteSession(id: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(new commands.DeleteCommand({ TableName: getTableNames().sessions, Key: { id } })),
  );
}

/** Replaces the cached settings; does nothing (false) if the session was ended meanwhile. */
export function updateSessionSettings(id: string, settings: SessionSettings): Promise<boolean> {
  return setIfSessionExists(id, "settings", settings);
}

/** The ids of every session item of one user (a user has a handful; pages are followed anyway). */
export async function querySessionIdsBySub(sub: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().sessions,
    IndexName: "bySub",
    KeyConditionExpression: "#sub = :sub",
    ExpressionAttributeNames: { "#sub": "sub" },
    ExpressionAttributeValues: { ":sub": sub },
  })) {
    for (const item of items) if (typeof item.id === "string") ids.push(item.id);
  }
  return ids;
}

/**
 * Stores the directory a page read, unless the user's directory changed since the session item
 * was read (its epoch moved) or the session ended: false then, and nothing written.
 */
export async function storeSessionDirectory(
  id: string,
  directory: SessionDirectory,
  epoch: number | undefined,
): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().sessions,
          Key: { id },
          UpdateExpression: "SET directory = :directory",
          ConditionExpression:
            epoch === undefined
              ? "attribute_exists(id) AND attribute_not_exists(directoryEpoch)"
              : "attribute_exists(id) AND directoryEpoch = :epoch",
          ExpressionAttributeValues: { ":directory": directory, ...(epoch === undefined ? {} : { ":epoch": epoch }) },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Drops a session's copy of the directory and moves its epoch on; an ended session is left alone. */
export async function forgetSessionDirectory(id: string): Promise<void> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().sessions,
          Key: { id },
          UpdateExpression: "REMOVE directory ADD directoryEpoch :one",
          ConditionExpression: "attribute_exists(id)",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/**
 * After a change to a user's directory of lists: every session of theirs drops its copy (the
 * directory writers in list-repository.ts call this, so no change can forget it).
 */
export async function forgetDirectoryOfUser(sub: string): Promise<void> {
  const ids = await querySessionIdsBySub(sub);
  await Promise.all(ids.map(forgetSessionDirectory));
}
