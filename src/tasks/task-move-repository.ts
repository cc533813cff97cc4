import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { ConflictError } from "#src/errors.ts";
import { labelKey } from "#src/tasks/task-labels.ts";
import { deleteLabelCopies, putLabelCopies } from "#src/tasks/label-copy-repository.ts";
import { moveMarkOf, readTask, toItem, type MoveMark } from "#src/tasks/task-repository.ts";
import type { Task } from "#src/tasks/task.ts";

const callDynamo = dynamoCaller("task store");

/**
 * Moves a task to another list, keeping its id: the partition is the list, so a move is a new
 * item in the target and the removal of the old one, two writes and no transaction (the local
 * DynamoDB has none). Built so that stopping between them never loses the task, shows it twice
 * only until the next read of it, and finishes or rolls back however often it is retried:
 *
 *   1. Put the copy in the target at version + 1, carrying the mark `movedFrom` = { owner: the
 *      source list, version: the version moved }, on `attribute_not_exists(id)`. A copy already
 *      there with this very mark is this move's own earlier attempt: carry on.
 *   2. Delete the source on `version = <the version moved>` (settleMove).
 *      - Done, or already gone: the move finished; step 3.
 *      - The source changed meanwhile (an edit in another tab): its edit wins; roll back by
 *        deleting the marked copy (still exactly what step 1 wrote, see below) and report a conflict.
 *   3. Remove the mark from the copy (`attribute_exists(movedFrom)`; the version stays, so a form
 *      opened on the copy stays valid).
 *
 * A marked copy is settled (steps 2 and 3, or the roll-back) by whoever meets it next: every
 * read here (getTask, getTasks, findTaskInLists, queryTaskPage) and every change of it, since
 * updateTask and deleteTask refuse a marked item (`attribute_not_exists(movedFrom)`) and settle
 * it before writing. So the marked copy never changes before it is settled, which is what makes
 * the roll-back's condition (`version` still step 1's) safe. A page that reads both copies at
 * once (across lists) shows the one that survives.
 *
 * Labels (task-repository.ts's header): a label belongs to a list, so the moved task's labels'
 * copies are written in the target's label partitions before step 1 (as any write gives copies
 * before the task), and once the move is settled the copies on the losing side go: the source's
 * when it finished, the target's when it rolled back. A copy left by a move stopped before that
 * is found without its task on the label's next page and deleted there (tasksBehindCopies), or by
 * the list's purge. The caller gives `task` the labels as the target list spells them.
 */
export async function moveTask(
  task: Task,
  target: { listId: string; indexUser: string | undefined },
  updatedAt: string,
  updatedBy: string,
  settled = false,
): Promise<Task> {
  const targetListId = target.listId;
  const moved: Task = { ...task, listId: targetListId, version: task.version + 1, updatedAt, updatedBy };
  const mark = { owner: task.listId, version: task.version };
  if (moved.labels?.length) await putLabelCopies(moved, moved.labels);
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().tasks,
          Item: { ...toItem(moved, target.indexUser), movedFrom: mark },
          ConditionExpression: "attribute_not_exists(id)",
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // Our own earlier attempt (or this one's lost reply) carries the same mark: carry on.
    const existing = await readTask(targetListId, task.id);
    const existingMark = existing && moveMarkOf(existing);
    const ours = existingMark?.listId === mark.owner && existingMark.version === mark.version;
    // An earlier move of an older version, stopped half-way: settle it (it rolls back, since the
    // task changed since), then try this one afresh, once.
    if (existing && existingMark && !ours && !settled) {
      await settleMoves([existing]);
      return moveTask(task, target, updatedAt, updatedBy, true);
    }
    if (!ours) throw new ConflictError("task.id_taken", "That list already has this task.", null);
  }
  const outcome = await settleMove(moved, { listId: mark.owner, version: mark.version }, task.labels);
  if (outcome.kept) return outcome.kept;
  throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", outcome.source);
}

type Settled = { kept: Task; source?: undefined } | { kept: null; source: Task | null };

/**
 * Finishes a marked copy's move, or rolls it back when its source changed (moveTask explains).
 * `sourceLabels`: the labels the task had in its source, when known (the copy's otherwise).
 */
async function settleMove(copy: Task, mark: MoveMark, sourceLabels = copy.labels): Promise<Settled> {
  const table = getTableNames().tasks;
  let source: Task | null = null;
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: table,
          Key: { owner: mark.listId, id: copy.id },
          ConditionExpression: "version = :moved",
          ExpressionAttributeValues: { ":moved": mark.version },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // Gone (an earlier settle, or this delete's lost reply) is finished; still there is changed.
    source = await readTask(mark.listId, copy.id);
  }
  if (!source) {
    try {
      await callDynamo(({ client, commands }) =>
        client.send(
          new commands.UpdateCommand({
            TableName: table,
            Key: { owner: copy.listId, id: copy.id },
            UpdateExpression: "REMOVE movedFrom",
            ConditionExpression: "attribute_exists(movedFrom)",
          }),
        ),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    // The source's label copies: its task is gone from there (kept at least as new as the move).
    if (sourceLabels?.length) await deleteLabelCopies(mark.listId, copy.id, sourceLabels.map(labelKey), copy.version);
    const kept: Task = { ...copy };
    return { kept };
  }
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: table,
          Key: { owner: copy.listId, id: copy.id },
          ConditionExpression: "attribute_exists(movedFrom) AND version = :copy",
          ExpressionAttributeValues: { ":copy": copy.version },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // Another reader settled it at the same moment; the source stands either way.
  }
  // Rolled back: the target's copies of its labels go with it (unless a later write put them back).
  if (copy.labels?.length) await deleteLabelCopies(copy.listId, copy.id, copy.labels.map(labelKey), copy.version);
  return { kept: null, source };
}

/**
 * Tasks as read, with every half-done move among them settled: a marked copy that finished is
 * kept (and its source, if read in the same breath, dropped); one rolled back is dropped. Costs
 * nothing unless a mark is there.
 */
export async function settleMoves(tasks: Task[]): Promise<Task[]> {
  const marked = tasks.filter((task) => moveMarkOf(task));
  if (marked.length === 0) return tasks;
  const dropped = new Set<Task>();
  for (const copy of marked) {
    const mark = moveMarkOf(copy) as MoveMark;
    const outcome = await settleMove(copy, mark);
    if (!outcome.kept) dropped.add(copy);
    else for (const task of tasks) if (task.id === copy.id && task.listId === mark.listId) dropped.add(task);
  }
  return tasks.filter((task) => !dropped.has(task)).map((task) => (moveMarkOf(task) ? { ...task } : task));
}
