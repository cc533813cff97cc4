import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { queryPages } from "#src/db/query-pages.ts";

/**
 * Purging deleted lists, in the lists table (list-purge-service.ts; loaded only when a purge
 * or a list deletion runs, never at a cold start):
 *
 *   pk P#<userId>   sk L#<listId>   a list its owner deleted (deletedAt), to purge once its undo
 *                                   window is over: the only way back to a deleted list's tasks
 *                                   once every member's directory entry is gone
 *   pk L#<listId>   sk #            the list item: purgingAt marks a purge begun (no restore
 *                                   from then on); deleted last
 */

const callDynamo = dynamoCaller("list store");

const listKey = (listId: string) => ({ pk: `L#${listId}`, sk: "#" });
const purgeKey = (ownerId: string, listId: string) => ({ pk: `P#${ownerId}`, sk: `L#${listId}` });

/** A deleted list waiting for its purge, as its owner's purge entry records it. */
export interface PurgeEntry {
  listId: string;
  deletedAt: string;
}

/**
 * Records that the owner deleted the list, before the list is marked: the purge finds deleted
 * lists here (the directory entries go with the deletion). Rewriting it is harmless.
 */
export async function putPurgeEntry(ownerId: string, listId: string, deletedAt: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.PutCommand({
        TableName: getTableNames().lists,
        Item: { ...purgeKey(ownerId, listId), deletedAt },
      }),
    ),
  );
}

/** The owner's deleted lists waiting for their purge: one Query (a handful of items, usually none). */
export async function queryPurgeEntries(ownerId: string): Promise<PurgeEntry[]> {
  const entries: PurgeEntry[] = [];
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().lists,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `P#${ownerId}` },
    ConsistentRead: true,
  })) {
    for (const item of items)
      entries.push({ listId: String(item.sk).slice(2), deletedAt: String(item.deletedAt ?? "") });
  }
  return entries;
}

/**
 * Deletes the owner's purge entry, if it still records this deletion: a list restored and
 * deleted again meanwhile has a newer entry, which stays.
 */
export async function deletePurgeEntry(entry: PurgeEntry & { ownerId: string }): Promise<void> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: getTableNames().lists,
          Key: purgeKey(entry.ownerId, entry.listId),
          ConditionExpression: "deletedAt = :deletedAt",
          ExpressionAttributeValues: { ":deletedAt": entry.deletedAt },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/**
 * Starts a deleted list's purge: marks it purging, unless it was restored or its deletion is
 * later than `deletedBefore` (still in its undo window). From then on it cannot be restored
 * (setListMark refuses), so no restore can race the tasks going. True when the purge may go
 * on (marked now or before); false when the list is not deleted, or not long enough.
 */
export async function markListPurging(listId: string, deletedBefore: string): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().lists,
          Key: listKey(listId),
          UpdateExpression: "SET purgingAt = if_not_exists(purgingAt, :now)",
          ConditionExpression: "attribute_exists(deletedAt) AND (attribute_exists(purgingAt) OR deletedAt <= :before)",
          ExpressionAttributeValues: { ":now": new Date().toISOString(), ":before": deletedBefore },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Deletes the item of a list being purged (never of a live one): the last step of a purge. */
export async function deletePurgedList(listId: string): Promise<void> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: getTableNames().lists,
          Key: listKey(listId),
          ConditionExpression: "attribute_exists(purgingAt)",
        }),
      ),
    );
  } catch (error) {
    // Gone already (a purge run again), or not being purged: nothing to delete.
    if (!isConditionalCheckFailed(error)) throw error;
  }
}
