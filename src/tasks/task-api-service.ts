import { ConflictError, ValidationError, VersionRequiredError } from "#src/errors.ts";
import { parseInput } from "#src/validation.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { moveTask } from "#src/tasks/task-move-service.ts";
import { taskCreateJsonSchema, taskPatchJsonSchema, type TaskPatch } from "#src/tasks/task-json.ts";
import { completedOccurrence } from "#src/tasks/task-recurrence.ts";
import { completeSubtasks } from "#src/tasks/subtasks.ts";
import { requireRole, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import {
  IDEMPOTENCY_KEY,
  asSeenIn,
  checkAssignee,
  createTaskOnce,
  getTask,
  newTask,
  resolveFields,
  spelledLabels,
  type Clock,
} from "#src/tasks/task-service.ts";
import type { Task, TaskRecurrence } from "#src/tasks/task.ts";

/** The API's recurrence (an RRULE) on the caller's calendar; undefined when the request leaves it out. */
function recurrenceOn(rule: string | null | undefined, current: Task | null, clock: Clock) {
  if (rule === undefined || rule === null) return rule;
  if (current?.recurrence?.rule === rule) return current.recurrence;
  return { rule, timeZone: clock.timeZone ?? "UTC" } satisfies TaskRecurrence;
}
import { noticeListChanged, noticeTaskChanged } from "#src/live/live-notice.ts";

/**
 * What the JSON API does beyond the pages: creates that a retry cannot repeat, and partial
 * updates. Everything else it shares with the pages through task-service.ts; the rules on
 * each field are task.ts's. Loaded with the API's code only.
 */

/**
 * A task from the JSON API. With an idempotency key, a retry of the same request (after a
 * timeout, say) answers with the task the first one made instead of making a second; the
 * same key with a different body is refused. `replayed` tells the two apart.
 */
export async function createTaskFromApi(
  userId: string,
  input: unknown,
  idempotencyKey?: string | null,
  clock: Clock = {},
): Promise<{ task: Task; replayed: boolean }> {
  const { recurrence, listId, assigneeId, subtasks, ...values } = parseInput(taskCreateJsonSchema, input);
  // The list named in the body (the Inbox by default), decided here, once.
  const access = await resolveListAccess(userId, listId ?? "inbox");
  requireRole(access, "editor");
  checkAssignee(access, assigneeId);
  const fields = {
    ...(await resolveFields(values, null, clock, recurrenceOn(recurrence, null, clock))),
    ...(assigneeId ? { assigneeId } : {}),
    subtasks: completeSubtasks(subtasks),
  };
  fields.labels = await spelledLabels(access.listId, fields.labels);
  if (idempotencyKey === undefined || idempotencyKey === null) {
    const task = newTask(access.listId, fields, userId);
    await repository.putTask(task, access.list?.indexUser);
    await noticeListChanged(task.listId);
    return { task, replayed: false };
  }
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationError({
      "Idempotency-Key": ["Idempotency-Key must be 1 to 255 printable ASCII characters without spaces."],
    });
  }
  return createTaskOnce(access, fields, idempotencyKey);
}

/**
 * A partial update from the JSON API: only the fields sent change. It must be based on a
 * version, given as `version` in the body or as `ifMatch` (the If-Match header); when both
 * come they must agree. A task changed since is a ConflictError carrying it as it is now.
 */
export async function patchTask(
  access: ListAccess,
  taskId: string,
  input: unknown,
  ifMatch?: number,
  clock: Clock = {},
): Promise<Task> {
  const { version: bodyVersion, listId, ...changes } = parseInput(taskPatchJsonSchema, input);
  if (bodyVersion !== undefined && ifMatch !== undefined && bodyVersion !== ifMatch)
    throw new ValidationError({ version: ["The version in the body and If-Match differ; send one of them."] });
  const version = ifMatch ?? bodyVersion;
  if (version === undefined)
    throw new VersionRequiredError(
      'Say which version this change is based on: If-Match: "<version>", or "version" in the body.',
    );
  requireRole(access, "editor");
  checkAssignee(access, changes.assigneeId);
  // A move's target is checked before anything changes: a list the caller cannot see is a 404
  // like a missing one, one they may only read a 403.
  const target = listId === undefined ? null : await resolveListAccess(access.userId, listId);
  if (target) requireRole(target, "editor");
  const current = await getTask(access, taskId);
  if (current.version !== version)
    throw new ConflictError("task.version_conflict", "This task was changed since that version.", current);
  const changed = Object.keys(changes).length === 0 ? current : await applyPatch(access, current, changes, clock);
  if (!target || target.listId === changed.listId) return changed;
  return (await moveTask(access, target, changed.id, changed.version)).task;
}

async function applyPatch(
  access: ListAccess,
  current: Task,
  changes: Omit<TaskPatch, "version" | "listId">,
  clock: Clock,
): Promise<Task> {
  const version = current.version;
  const { recurrence, assigneeId, subtasks, ...rest } = changes;
  const { title, description, status, dueDate, dueTime, priority } = { ...current, ...rest };
  const now = new Date();
  let fields = await resolveFields(
    // Clearing the date clears its time, unless the request gives one (then it is refused).
    {
      title,
      description,
      status,
      dueDate,
      priority,
      dueTime: dueDate === null && rest.dueTime === undefined ? null : (dueTime ?? null),
      ...(rest.labels === undefined ? {} : { labels: rest.labels }),
    },
    current,
    clock,
    recurrenceOn(recurrence, current, clock),
  );
  // The checklist, when sent, replaces the whole list (ids kept, new ones given one).
  if (subtasks !== undefined) fields = { ...fields, subtasks: completeSubtasks(subtasks) };
  fields.labels = await spelledLabels(access.listId, fields.labels);
  // Completing a recurring task moves it to its next date: the answer is the task there.
  if (fields.status === "done" && current.status !== "done" && fields.recurrence) {
    const completed = completedOccurrence({ ...current, ...fields, completions: current.completions }, now);
    if (completed) fields = completed;
  }
  if (assigneeId !== undefined) fields = { ...fields, assigneeId };
  return repository
    .updateTask(access.listId, current.id, version, fields, now.toISOString(), access.userId)
    .then(noticeTaskChanged)
    .then((task) => asSeenIn(access, task));
}
