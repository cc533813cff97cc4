import { ConflictError, NotFoundError, ValidationError } from "#src/errors.ts";
import { requireRole, type ListAccess } from "#src/lists/list-access.ts";
import { noticeTaskChanged } from "#src/live/live-notice.ts";
import { parseInput } from "#src/validation.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { fieldsOf } from "#src/tasks/task-undo-service.ts";
import { SUBTASKS_FULL, newSubtaskId } from "#src/tasks/subtasks.ts";
import {
  SUBTASKS_MAX,
  subtaskChangeSchemas,
  taskIdSchema,
  type Subtask,
  type SubtaskChange,
  type Task,
} from "#src/tasks/task.ts";

/**
 * A task's checklist: sub-tasks added, ticked, renamed, moved and removed one at a time from
 * the task's page (and ticked from its row). The list lives in the task's item, so each change
 * is the task's one conditional write on the version the user saw, like every other change: a
 * change based on an older version is refused with the task as it is now, never merged blindly.
 */

const CHANGED =
  "This task was changed since you loaded it, so your change to its sub-tasks was not saved. Its checklist is shown as it is now.";
const GONE = "That sub-task is no longer there. Its checklist is shown as it is now.";

export function isSubtaskChange(intent: string): intent is SubtaskChange {
  return Object.hasOwn(subtaskChangeSchemas, intent);
}

function notFound(): NotFoundError {
  return new NotFoundError("task.not_found", "Task not found.");
}

/** The checklist after one change, or null when it leaves it as it is. */
function applyChange(change: SubtaskChange, list: Subtask[], values: Record<string, unknown>): Subtask[] | null {
  const id = values.subtask as string;
  const at = list.findIndex((subtask) => subtask.id === id);
  switch (change) {
    case "add": {
      if (list.length >= SUBTASKS_MAX) throw new ValidationError({ title: [SUBTASKS_FULL] });
      const taken = new Set(list.map((subtask) => subtask.id));
      return [...list, { id: newSubtaskId(taken), title: values.title as string, done: false }];
    }
    case "done":
      return list.map((subtask, index) => (index === at ? { ...subtask, done: values.done as boolean } : subtask));
    case "rename":
      if (list[at]?.title === values.title) return null;
      return list.map((subtask, index) => (index === at ? { ...subtask, title: values.title as string } : subtask));
    case "move": {
      const to = values.move === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= list.length) return null;
      const moved = [...list];
      [moved[at], moved[to]] = [moved[to] as Subtask, moved[at] as Subtask];
      return moved;
    }
    case "remove":
      return list.filter((subtask) => subtask.id !== id);
  }
}

/**
 * One change to a task's checklist (`change` is the form's intent: add, done, rename, move,
 * remove), based on the version the user saw. Asking for what the task already has (ticking a
 * ticked sub-task, removing one already gone) is a success, as two tabs doing the same thing
 * agree; anything else on a task changed since is a ConflictError carrying the task as it is.
 * Returns the task as saved and the sub-task the change was about.
 */
export async function changeSubtasks(
  access: ListAccess,
  taskId: string,
  change: SubtaskChange,
  input: unknown,
): Promise<{ task: Task; subtask?: Subtask }> {
  requireRole(access, "editor");
  const parsedId = taskIdSchema.safeParse(taskId);
  if (!parsedId.success) throw notFound();
  const values = parseInput(subtaskChangeSchemas[change], input) as Record<string, unknown> & { version: number };
  const current = await repository.getTask(access.listId, parsedId.data);
  if (!current) throw notFound();
  const list = current.subtasks ?? [];
  const named = list.find((subtask) => subtask.id === values.subtask);
  if (change === "done" && named && named.done === values.done) return { task: current, subtask: named };
  if (change === "remove" && !named) return { task: current };
  if (current.version !== values.version) throw new ConflictError("task.version_conflict", CHANGED, current);
  if (change !== "add" && !named) throw new ConflictError("task.version_conflict", GONE, current);
  const next = applyChange(change, list, values);
  if (!next) return { task: current, ...(named ? { subtask: named } : {}) };
  const task = await repository
    .updateTask(
      access.listId,
      current.id,
      current.version,
      { ...fieldsOf(current), subtasks: next },
      new Date().toISOString(),
      access.userId,
    )
    .then(noticeTaskChanged);
  const id = change === "add" ? next.at(-1)?.id : values.subtask;
  const subtask = task.subtasks?.find((candidate) => candidate.id === id) ?? named;
  return { task, ...(subtask ? { subtask } : {}) };
}
