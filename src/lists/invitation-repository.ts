import { batchGetItems } from "#src/db/batch-get.ts";
import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { isInvitedRole, type Invitation } from "#src/lists/invitation.ts";
import { fromItem as listFromItem } from "#src/lists/list-repository.ts";
import type { List } from "#src/lists/list.ts";
import { queryPages } from "#src/db/query-pages.ts";

/**
 * Invitations, in the lists table beside the list they are for
 * (docs/decisions/2026-12-07-lists-as-the-unit-of-access.md):
 *
 *   pk L#<listId>   sk I#<invitationId>   the invitation (authority): email, role, invitedBy,
 *                                         expiresAt (TTL). The owner's page Queries these.
 *   pk E#<email>    sk I#<invitationId>   the invitee's copy: listId, listName, role, ...
 *                                         The invitee's pending invitations Query these.
 *
 * The authority item decides; the invitee's copy only says where to look, like the directory.
 * Written authority first, then the copy; deleted in the same order. A copy without its
 * authority (a revoke or an accept that stopped half-way) grants nothing and is tidied on sight.
 * TTL deletion is lazy (up to days late), so every reader checks expiresAt itself.
 */

const callDynamo = dynamoCaller("list store");

const authorityKey = (listId: string, id: string) => ({ pk: `L#${listId}`, sk: `I#${id}` });
const inviteeKey = (email: string, id: string) => ({ pk: `E#${email}`, sk: `I#${id}` });

function toItem(invitation: Invitation): Record<string, unknown> {
  const { id: _id, ...rest } = invitation;
  return rest;
}

function fromItem(item: Record<string, unknown>): Invitation | null {
  if (!isInvitedRole(item.role)) return null;
  return {
    id: String(item.sk).slice(2),
    listId: String(item.listId),
    listName: String(item.listName ?? ""),
    email: String(item.email),
    role: item.role,
    invitedBy: String(item.invitedBy ?? ""),
    invitedByEmail: String(item.invitedByEmail ?? ""),
    createdAt: String(item.createdAt ?? ""),
    expiresAt: Number(item.expiresAt),
  };
}

/** Stores the invitation, then the invitee's copy; a second put of the same id refreshes both. */
export async function putInvitation(invitation: Invitation): Promise<void> {
  const table = getTableNames().lists;
  for (const key of [authorityKey(invitation.listId, invitation.id), inviteeKey(invitation.email, invitation.id)]) {
    await callDynamo(({ client, commands }) =>
      client.send(new commands.PutCommand({ TableName: table, Item: { ...key, ...toItem(invitation) } })),
    );
  }
}

/** The invitation itself (the authority), strongly consistent; null when there is none. */
export async function getInvitation(listId: string, id: string): Promise<Invitation | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({
        TableName: getTableNames().lists,
        Key: authorityKey(listId, id),
        ConsistentRead: true,
      }),
    ),
  );
  return result.Item ? fromItem(result.Item) : null;
}

/** The invitee's copy of an invitation (it names the list to look in); null when there is none. */
export async function getInviteeCopy(email: string, id: string): Promise<Invitation | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({ TableName: getTableNames().lists, Key: inviteeKey(email, id), ConsistentRead: true }),
    ),
  );
  return result.Item ? fromItem(result.Item) : null;
}

async function queryPartition(pk: string, skPrefix: string): Promise<Invitation[]> {
  const invitations: Invitation[] = [];
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().lists,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  })) {
    for (const item of items) {
      const invitation = fromItem(item);
      if (invitation) invitations.push(invitation);
    }
  }
  return invitations;
}

/** The list's invitations, expired ones included (the caller filters): one Query. */
export function queryListInvitations(listId: string): Promise<Invitation[]> {
  return queryPartition(`L#${listId}`, "I#");
}

/** The invitee's copies for this email (hints: verify with getInvitationsWithLists): one Query. */
export function queryInviteeCopies(email: string): Promise<Invitation[]> {
  return queryPartition(`E#${email}`, "I#");
}

/**
 * The authority items behind these copies and the lists they are for, in one BatchGetItem
 * (both live in the lists table). Missing ones are absent from the maps.
 */
export async function getInvitationsWithLists(
  copies: readonly Pick<Invitation, "listId" | "id">[],
): Promise<{ invitations: Map<string, Invitation>; lists: Map<string, List> }> {
  const listIds = [...new Set(copies.map((copy) => copy.listId))];
  const items = await batchGetItems(
    callDynamo,
    getTableNames().lists,
    [...copies.map((copy) => authorityKey(copy.listId, copy.id)), ...listIds.map((id) => ({ pk: `L#${id}`, sk: "#" }))],
    "The list store is busy; please try again.",
  );
  const invitations = new Map<string, Invitation>();
  const lists = new Map<string, List>();
  for (const item of items) {
    if (item.sk === "#") {
      const list = listFromItem(item);
      lists.set(list.id, list);
    } else {
      const invitation = fromItem(item);
      if (invitation) invitations.set(invitation.id, invitation);
    }
  }
  return { invitations, lists };
}

/**
 * Deletes the invitation, if it still names `email` (so a stale copy can never delete a newer
 * invitation of someone else); true when it was there to delete.
 */
export async function deleteInvitation(listId: string, id: string, email: string): Promise<boolean> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: getTableNames().lists,
          Key: authorityKey(listId, id),
          ConditionExpression: "email = :email",
          ExpressionAttributeValues: { ":email": email },
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    return Boolean(result.Attributes);
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export async function deleteInviteeCopy(email: string, id: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(new commands.DeleteCommand({ TableName: getTableNames().lists, Key: inviteeKey(email, id) })),
  );
}
