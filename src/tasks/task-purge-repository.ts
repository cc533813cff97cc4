import { batchDeleteItems } from "#src/db/batch-write.ts";
import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller } from "#src/db/errors.ts";
import { labelsPartition } from "#src/tasks/label-repository.ts";
import { labelKey } from "#src/tasks/task-labels.ts";
import { labelPartition } from "#src/tasks/task-repository.ts";
import { queryPages } from "#src/db/query-pages.ts";

/**
 * Deleting a list's tasks for good (a purged list, a deleted account's lists and Inbox): a
 * keys-only Query of the partition `owner`, its keys deleted 25 to a BatchWriteItem. Loaded
 * only by a purge or an account's deletion, never at a cold start.
 *
 * A list's labels live beside its tasks (label-repository.ts): the list's labels in
 * "<list>#labels" and each label's copies of its tasks' keys in "<list>#L#<label key>"
 * (task-repository.ts). They go too, each label's copies before the tasks or the label that
 * name it, so a purge stopped half-way still knows, when run again, which copies are left.
 */

const callDynamo = dynamoCaller("task store");
const BUSY = "The task store is busy; please try again.";

/**
 * Deletes every item of one partition, a Query page (up to 1 MB) at a time, 25 keys to a
 * BatchWriteItem; `before` runs on each page's items before they go. How many it deleted.
 */
async function deletePartition(
  owner: string,
  project: string,
  before?: (items: Record<string, unknown>[]) => Promise<void>,
): Promise<number> {
  let deleted = 0;
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().tasks,
    KeyConditionExpression: "#owner = :owner",
    ProjectionExpression: project,
    ExpressionAttributeNames: {
      "#owner": "owner",
      ...(project.includes("#labels") ? { "#labels": "labels" } : {}),
    },
    ExpressionAttributeValues: { ":owner": owner },
  })) {
    if (before) await before(items);
    const keys = items.map((item) => ({ owner: item.owner, id: item.id }));
    await batchDeleteItems(callDynamo, getTableNames().tasks, keys, BUSY);
    deleted += keys.length;
  }
  return deleted;
}

/**
 * Deletes every task of a list that is gone (a deleted list past its undo window, a deleted
 * account's lists), with its labels and their copies: the tasks' partition a Query page at a
 * time (keys and labels), each page's labels' copies deleted before its tasks, then the list's
 * labels, each one's copies before it. Idempotent, so a purge that stopped half-way is finished
 * by running it again. Returns how many tasks it deleted. About 1 WCU per KB of each task and
 * index entry; 1,000 tasks are a Query page or two and 40 BatchWriteItems, and each label adds
 * a Query of its copies (and their deletes) and is deleted once.
 */
export async function deleteAllTasksOfList(listId: string): Promise<number> {
  const cleared = new Set<string>();
  const clearLabel = async (key: string) => {
    if (cleared.has(key)) return;
    cleared.add(key);
    await deletePartition(labelPartition(listId, key), "#owner, id");
  };
  const deleted = await deletePartition(listId, "#owner, id, #labels", async (tasks) => {
    const keys = tasks.flatMap((task) =>
      Array.isArray(task.labels) ? task.labels.filter((label) => typeof label === "string").map(labelKey) : [],
    );
    for (const key of new Set(keys)) await clearLabel(key);
  });
  // The list's labels, including those no task carries any more (each item's id is its key).
  await deletePartition(labelsPartition(listId), "#owner, id", async (labels) => {
    for (const label of labels) await clearLabel(String(label.id));
  });
  return deleted;
}
