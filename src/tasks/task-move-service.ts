import { NotFoundError, ConflictError } from "#src/errors.ts";
import { requireRole, type ListAccess } from "#src/lists/list-access.ts";
import { canBeAssigned } from "#src/lists/list.ts";
import { noticeListChanged } from "#src/live/live-notice.ts";
import * as moves from "#src/tasks/task-move-repository.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { offerUndo } from "#src/tasks/task-undo-service.ts";
import { taskIdSchema, type Task } from "#src/tasks/task.ts";

// Moving tasks between lists, loaded by the routes that move (a page view never carries it).

function notFound(): NotFoundError {
  return new NotFoundError("task.not_found", "Task not found.");
}

function parseTaskId(taskId: string): string {
  const result = taskIdSchema.safeParse(taskId);
  if (!result.success) throw notFound();
  return result.data;
}

/**
 * The task with its labels as the target list has them: a label belongs to a list, so a moved
 * task keeps its labels' names and they become (or already are) the target's labels, in its
 * spelling; a target with no room for another label refuses the move (label-service.ts).
 */
export async function withLabelsOf(task: Task, listId: string): Promise<Task> {
  if (!task.labels?.length) return task;
  const { resolveLabelNames } = await import("#src/tasks/label-service.ts");
  const labels = await resolveLabelNames(listId, task.labels);
  return labels?.length ? { ...task, labels } : { ...task, labels: undefined };
}

/**
 * Moves a task to another list, keeping its id (so its links keep working), when the user may
 * change both: the editor role in each, neither archived. `version` is the version the user saw
 * (a task changed since is a conflict; none for "as it is now"). Moving it to the list it is in
 * changes nothing. A retry of a move that finished (a lost reply, a second click) finds the task
 * in the target and answers with it. How two writes without a transaction stay safe when they
 * stop half-way: repository.moveTask. Both lists are told, so pages showing either refresh.
 */
export async function moveTask(
  from: ListAccess,
  to: ListAccess,
  taskId: string,
  version?: number,
): Promise<{ task: Task; before: Task | null }> {
  requireRole(from, "editor");
  requireRole(to, "editor");
  const id = parseTaskId(taskId);
  const current = await repository.getTask(from.listId, id);
  if (!current) {
    const there = await repository.getTask(to.listId, id);
    if (there) return { task: there, before: null };
    throw notFound();
  }
  if (from.listId === to.listId) return { task: current, before: null };
  if (version !== undefined && current.version !== version)
    throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", current);
  // The assignee goes along only where they can hold the work (an editor of the target list);
  // anywhere else, the Inbox included, the task arrives unassigned.
  const { assigneeId, ...unassigned } = current;
  const moving = assigneeId && !(to.list && canBeAssigned(to.list, assigneeId)) ? unassigned : current;
  const task = await moves.moveTask(
    await withLabelsOf(moving, to.listId),
    { listId: to.listId, indexUser: to.list?.indexUser },
    new Date().toISOString(),
    from.userId,
  );
  await Promise.all([noticeListChanged(from.listId), noticeListChanged(to.listId)]);
  return { task, before: current };
}

/** A move from a page: as moveTask, with an Undo that moves it back. */
export async function moveTaskWithUndo(
  from: ListAccess,
  to: ListAccess,
  taskId: string,
  version?: number,
): Promise<{ task: Task; undoToken?: string }> {
  const { task, before } = await moveTask(from, to, taskId, version);
  if (!before) return { task };
  const undoToken = await offerUndo(from.userId, "change", [
    { before, afterVersion: task.version, afterListId: task.listId },
  ]);
  return undoToken ? { task, undoToken } : { task };
}
