import { batchDeleteItems } from "#src/db/batch-write.ts";
import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller } from "#src/db/errors.ts";

/**
 * Deleting a list's tasks for good (a purged list, a deleted account's lists and Inbox): a
 * keys-only Query of the partition `owner`, its keys deleted 25 to a BatchWriteItem. Loaded
 * only by a purge or an account's deletion, never at a cold start.
 */

const callDynamo = dynamoCaller("task store");

/**
 * Deletes every task of a list that is gone (a deleted list past its undo window, a deleted
 * account's lists): one keys-only base-table Query page (up to 1 MB) at a time, its keys
 * deleted 25 to a BatchWriteItem. Idempotent, so a purge that stopped half-way is finished
 * by running it again. Returns how many tasks it deleted. About 1 WCU per KB of each task and
 * index entry; 1,000 tasks are a Query page or two and 40 BatchWriteItems.
 */
export async function deleteAllTasksOfList(listId: string): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().tasks,
          KeyConditionExpression: "#owner = :owner",
          ProjectionExpression: "#owner, id",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": listId },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    const keys = (page.Items ?? []).map((item) => ({ owner: item.owner, id: item.id }));
    await batchDeleteItems(callDynamo, getTableNames().tasks, keys, "The task store is busy; please try again.");
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
