import { getTableNames } from "#src/db/client.ts";
import { batchGetItems } from "#src/db/batch-get.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { logError } from "#src/logging.ts";
import { hasLabel, labelKey } from "#src/tasks/task-labels.ts";
import {
  dueSortKey,
  fromItem,
  labelPartition,
  ownerStatusKey,
  prioritySortKey,
  settleMoves,
  sortKeyOf,
  type SortAttribute,
} from "#src/tasks/task-repository.ts";
import { searchTextFor } from "#src/tasks/task-search.ts";
import type { Task } from "#src/tasks/task.ts";

const callDynamo = dynamoCaller("task store");

/**
 * The labels' copies of a task's keys ("<list>#L#<label key>" / task id; task-repository.ts's
 * header says why and how writes keep them in step). Loaded on first use, by a write of a task
 * that has labels, a move and a label's view: a cold start, and most requests, carry none of it.
 */

/** What a copy holds of its task: its keys in the label's partition, its status and search words. */
type CopySource = Pick<
  Task,
  "id" | "listId" | "title" | "description" | "status" | "dueDate" | "priority" | "version"
> & {
  dueTime?: string | null;
};

function copyItem(task: CopySource, key: string): Record<string, unknown> {
  const partition = labelPartition(task.listId, key);
  return {
    owner: partition,
    id: task.id,
    listId: task.listId,
    status: task.status,
    priority: task.priority,
    version: task.version,
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    ...(task.dueDate && task.dueTime ? { dueTime: task.dueTime } : {}),
    ownerStatus: ownerStatusKey(partition, task.status),
    dueSort: dueSortKey(task.id, task.dueDate, task.dueTime),
    prioritySort: prioritySortKey(task.id, task.dueDate, task.dueTime, task.priority),
    searchText: searchTextFor(task.title, task.description),
  };
}

/** Writes the task's copy under each of these labels, unless a newer write's copy is there already. */
export async function putLabelCopies(task: CopySource, labels: readonly string[]): Promise<void> {
  await Promise.all(
    [...new Set(labels.map(labelKey))].map(async (key) => {
      try {
        await callDynamo(({ client, commands }) =>
          client.send(
            new commands.PutCommand({
              TableName: getTableNames().tasks,
              Item: copyItem(task, key),
              ConditionExpression: "attribute_not_exists(version) OR version <= :version",
              ExpressionAttributeValues: { ":version": task.version },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }),
  );
}

/** Deletes the task's copies under these label keys, unless a newer write has put one back. */
export async function deleteLabelCopies(listId: string, id: string, keys: readonly string[], version: number) {
  await Promise.all(
    [...new Set(keys)].map(async (key) => {
      try {
        await callDynamo(({ client, commands }) =>
          client.send(
            new commands.DeleteCommand({
              TableName: getTableNames().tasks,
              Key: { owner: labelPartition(listId, key), id },
              ConditionExpression: "attribute_not_exists(version) OR version <= :version",
              ExpressionAttributeValues: { ":version": version },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }),
  );
}

/** The copies of new tasks' labels, for a batch put (fresh ids: no condition needed). */
export function copyItemsOf(tasks: readonly Task[]): Record<string, unknown>[] {
  return tasks.flatMap((task) => [...new Set((task.labels ?? []).map(labelKey))].map((key) => copyItem(task, key)));
}

/**
 * The tasks behind a label page's copies, read together (one consistent BatchGetItem): the
 * copies that still match their task (it carries the label, and has the status and sort key the
 * copy was found by) become the tasks themselves; the others are mended and left out.
 */
export async function tasksBehindCopies(entries: { task: Task; key: string }[], label: string, sortKey: SortAttribute) {
  if (entries.length === 0) return [];
  const items = await batchGetItems(
    callDynamo,
    getTableNames().tasks,
    entries.map(({ task }) => ({ owner: task.listId, id: task.id })),
    "The task store is busy; please try again.",
  );
  // A task a move left half-way is settled first: the copy then meets the task that stands.
  const tasks = await settleMoves(items.map(fromItem));
  const byKey = new Map(tasks.map((task) => [`${task.listId}/${task.id}`, task]));
  const shown: Task[] = [];
  const mending: Promise<void>[] = [];
  for (const { task: copy } of entries) {
    const task = byKey.get(`${copy.listId}/${copy.id}`);
    const matches =
      task !== undefined &&
      hasLabel(task.labels, label) &&
      task.status === copy.status &&
      sortKeyOf(task, sortKey) === sortKeyOf(copy, sortKey);
    if (matches) {
      shown.push(task);
      continue;
    }
    mending.push(
      task && hasLabel(task.labels, label)
        ? putLabelCopies(task, [label])
        : deleteLabelCopies(copy.listId, copy.id, [label], task?.version ?? copy.version),
    );
  }
  // Mending is a courtesy to the next page: a failure here must not fail this one.
  await Promise.all(mending).catch((error: unknown) => logError("Mending a label's copies failed", error));
  return shown;
}
