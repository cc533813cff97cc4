import { getTableNames } from "#src/db/client.ts";
import { batchPutItems } from "#src/db/batch-write.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import type { Task } from "#src/tasks/task.ts";

const callDynamo = dynamoCaller("task store");

/**
 * What undo needs, kept in the `undo` table (not in the cookie) until `expiresAt`:
 *
 *   id "<undo id>", taskId "#"        the undo: owner, kind, count, expiresAt, usedAt once used
 *   id "<undo id>", taskId "<task>"   one per task: the task as it was before, and for a change
 *                                     the version the change made (undo applies only to that)
 *
 * One item per task keeps each under DynamoDB's 400 KB limit (a task can be ~20 KB); the items
 * of one undo are one Query. The "#" item is claimed with a conditional update, so an undo
 * runs at most once however often its button is pressed; a use that fails part-way releases it.
 */
export type UndoKind = "delete" | "change";

export interface UndoEntry {
  before: Task;
  /** For a change: the version the change produced; the undo applies only if it is still that. */
  afterVersion?: number;
  /** For a move: the list the change put the task in (undo moves it back to `before.listId`). */
  afterListId?: string;
}

export interface UndoRecord {
  id: string;
  owner: string;
  kind: UndoKind;
  expiresAt: number;
  entries: UndoEntry[];
}

const HEADER = "#";

export async function saveUndo(record: UndoRecord): Promise<void> {
  const table = getTableNames().undo;
  const { id, owner, kind, expiresAt, entries } = record;
  const items: Record<string, unknown>[] = [
    { id, taskId: HEADER, owner, kind, count: entries.length, expiresAt },
    ...entries.map((entry) => ({ id, taskId: entry.before.id, expiresAt, ...entry })),
  ];
  await batchPutItems(callDynamo, table, items, "Could not keep what undo needs.");
}

export type ClaimResult = { ok: true; kind: UndoKind } | { ok: false; reason: "gone" | "used" | "expired" | "foreign" };

/** Marks the undo used, once; says why not when it cannot be. */
export async function claimUndo(id: string, owner: string, nowSeconds: number): Promise<ClaimResult> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().undo,
          Key: { id, taskId: HEADER },
          UpdateExpression: "SET usedAt = :now",
          ConditionExpression:
            "attribute_exists(id) AND #owner = :owner AND attribute_not_exists(usedAt) AND expiresAt > :now",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": owner, ":now": nowSeconds },
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      ),
    );
    return { ok: true, kind: result.Attributes?.kind as UndoKind };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // Why not: from the failed write's old image, or (where that is not supported) a read.
    const old = (error as { Item?: Record<string, unknown> }).Item ?? (await getHeader(id));
    if (!old) return { ok: false, reason: "gone" };
    if (old.owner !== owner) return { ok: false, reason: "foreign" };
    if (old.usedAt !== undefined) return { ok: false, reason: "used" };
    return { ok: false, reason: "expired" };
  }
}

/** Frees an undo whose use failed part-way, so the same button can be pressed again. */
export async function releaseUndo(id: string, owner: string): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().undo,
          Key: { id, taskId: HEADER },
          UpdateExpression: "REMOVE usedAt",
          ConditionExpression: "attribute_exists(usedAt) AND #owner = :owner",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": owner },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

async function getHeader(id: string): Promise<Record<string, unknown> | undefined> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: getTableNames().undo,
        KeyConditionExpression: "id = :id AND taskId = :header",
        ExpressionAttributeValues: { ":id": id, ":header": HEADER },
        ConsistentRead: true,
      }),
    ),
  );
  return result.Items?.[0];
}

/** The tasks an undo covers (one Query, paged only past 1 MB). */
export async function getUndoEntries(id: string): Promise<UndoEntry[]> {
  const entries: UndoEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const after = start;
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().undo,
          KeyConditionExpression: "id = :id AND taskId > :header",
          ExpressionAttributeValues: { ":id": id, ":header": HEADER },
          ConsistentRead: true,
          ...(after ? { ExclusiveStartKey: after } : {}),
        }),
      ),
    );
    for (const item of result.Items ?? [])
      entries.push({
        before: taskBefore(item.before),
        ...(typeof item.afterVersion === "number" ? { afterVersion: item.afterVersion } : {}),
        ...(typeof item.afterListId === "string" ? { afterListId: item.afterListId } : {}),
      });
    start = result.LastEvaluatedKey;
  } while (start);
  return entries;
}

/**
 * The task an entry restores. Records written before lists name its list `owner` (the user's
 * sub, which is the Inbox's id); an undo made just before an upgrade still restores into it.
 */
function taskBefore(value: unknown): Task {
  const { owner, ...task } = value as Task & { owner?: string };
  return { ...task, listId: task.listId ?? String(owner) };
}
