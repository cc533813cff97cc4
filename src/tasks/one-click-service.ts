import { ConflictError, NotFoundError, ServiceUnavailableError } from "#src/errors.ts";
import type { ListAccess } from "#src/lists/list-access.ts";
import { noticeTaskChanged } from "#src/live/live-notice.ts";
import { updateTaskField, type FieldChange } from "#src/tasks/task-field-repository.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { asSeenIn } from "#src/tasks/task-service.ts";
import type { Task, TaskPriority, TaskStatus } from "#src/tasks/task.ts";

// One-click changes of one field (a row's status, priority or assignee), loaded on first use
// by task-service.ts (which checks the role and the id first): a cold start does not carry it.

/** What one click changes, and the field's value as the page showed it (undefined: not sent). */
export type OneClick =
  | { field: "status"; value: TaskStatus; seen?: TaskStatus }
  | { field: "priority"; value: TaskPriority; seen?: TaskPriority }
  | { field: "assigneeId"; value: string | null; seen?: string | null };

/**
 * A one-click change of one field. Asking for what the task already has is a success (two tabs
 * marking the same task done agree). With the field's value as the page showed it (`seen`),
 * the change applies on top of whatever else changed since, and only another change to this
 * very field is a conflict; a page that sent no value (rendered before pages did) has the
 * version it saw checked, as before. The write is one conditional UpdateItem on the field's
 * value (task-field-repository.ts), so another change between the read and the write is
 * never lost: the task is read again and the rules applied again (at most three times).
 * Completing a recurring task moves it to its next date: that is checked against the version
 * the page saw (another tab may have completed this very occurrence, leaving the same status
 * and a later date), and written conditional on the version just read.
 */
export async function changeOneField(
  access: ListAccess,
  id: string,
  version: number,
  change: OneClick,
): Promise<{ task: Task; before: Task; repeated: boolean }> {
  let current = await repository.getTask(access.listId, id);
  if (!current) throw new NotFoundError("task.not_found", "Task not found.");
  // An assignee who is no longer a member reads as nobody, on the page as here.
  const valueOf = (task: Task) =>
    change.field === "assigneeId" ? (asSeenIn(access, task).assigneeId ?? null) : task[change.field];
  for (let attempt = 0; attempt < 3; attempt++) {
    if (valueOf(current) === change.value) return { task: asSeenIn(access, current), before: current, repeated: false };
    // Completing a repeating task moves its date: another change may have completed this very
    // occurrence already (same status, a later date), so that one keeps the version check.
    const completing =
      change.field === "status" && change.value === "done" && current.status !== "done" && current.recurrence;
    const byVersion = change.seen === undefined || Boolean(completing);
    if (byVersion ? current.version !== version : valueOf(current) !== change.seen)
      throw new ConflictError(
        "task.version_conflict",
        byVersion
          ? "This task was changed since you loaded the page."
          : `Someone changed this task's ${change.field === "assigneeId" ? "assignee" : change.field} since you loaded the page, so yours was not saved.`,
        current,
      );
    const now = new Date();
    // Completing a recurring task moves it to its next date rather than marking it done.
    const completed = completing
      ? (await import("#src/tasks/task-recurrence.ts")).completedOccurrence(current, now)
      : null;
    try {
      const task = completed
        ? await repository.updateTask(access.listId, id, current.version, completed, now.toISOString(), access.userId)
        : await updateTaskField(
            current,
            { [change.field]: change.value } as FieldChange,
            now.toISOString(),
            access.userId,
          );
      return { task: asSeenIn(access, await noticeTaskChanged(task)), before: current, repeated: completed !== null };
    } catch (error) {
      // Changed between the read and the write: decide again on the task as it is now.
      if (!(error instanceof ConflictError) || !error.current) throw error;
      current = error.current as Task;
    }
  }
  throw new ServiceUnavailableError("This task kept changing while we saved your change; please try again.");
}
