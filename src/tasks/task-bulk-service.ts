import * as z from "zod";
import { ConflictError, NotFoundError, ServiceUnavailableError } from "#src/errors.ts";
import { requireRole, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { logError } from "#src/logging.ts";
import { failuresOf, settleInBatches } from "#src/tasks/settle-in-batches.ts";
import { moveTask } from "#src/tasks/task-move-repository.ts";
import { labelRoomFor } from "#src/tasks/label-service.ts";
import { labelKey } from "#src/tasks/task-labels.ts";
import { withLabelsOf } from "#src/tasks/task-move-service.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { fieldsOf, offerUndo } from "#src/tasks/task-undo-service.ts";
import { dueDateText, prioritySchema, statusSchema, taskIdSchema, type Task } from "#src/tasks/task.ts";
import { parseInput } from "#src/validation.ts";
import { noticeListsChanged } from "#src/live/live-notice.ts";

/**
 * Changes to many tasks at once (their undo is task-undo-service.ts). Each task changes on its
 * own, conditionally on the version just read, so a concurrent change in another tab is never overwritten (the bulk
 * action re-reads and applies its one field on top) and nothing is half-applied to a task.
 *
 * A write that fails (DynamoDB throttling or down) does not stop the others, and what did
 * change is reported with its undo; only when nothing changed does the error go to the user.
 */

export const BULK_MAX = 100;
export const BULK_ACTIONS = ["status", "priority", "due", "move", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const bulkSchema = z.object({
  action: z.enum(BULK_ACTIONS, { error: "Choose what to do with the selected tasks." }),
  ids: z
    .array(z.string(), { error: "Select at least one task." })
    .min(1, "Select at least one task.")
    .max(BULK_MAX, `Select at most ${BULK_MAX} tasks at a time.`),
});
const valueSchemas = {
  status: z.object({ status: statusSchema }),
  priority: z.object({ priority: prioritySchema }),
  due: z.object({ dueDate: z.string({ error: "Enter a due date, or leave it empty to clear it." }).pipe(dueDateText) }),
  move: z.object({
    listId: z.string({ error: "Choose the list to move them to." }).min(1, "Choose the list to move them to."),
  }),
};

type Change = Partial<Pick<Task, "status" | "priority" | "dueDate">>;

export interface BulkResult {
  action: BulkAction;
  /** The value set (status, priority or due date; null when the due date was cleared; a move's list name). */
  value?: string | null;
  /** Tasks changed (or deleted). */
  changed: number;
  /** Tasks that already had the value. */
  unchanged: number;
  /** Ids that named no task of this user (gone, or never theirs). */
  missing: string[];
  /** Tasks whose write failed (the rest of the change stands); worth trying again. */
  failed: number;
  /** Set when the change can be undone. */
  undoToken?: string;
  /**
   * A move's tasks left where they are because the target list has no room for their labels
   * (MAX_LIST_LABELS): each with the labels it lacks. Moving them again once there is room works.
   */
  refused?: { id: string; title: string; labels: string[] }[];
}

type Outcome = { before: Task; after?: Task } | "same" | "missing" | "failed";

/**
 * The task with its labels as the target spells them: from the batch's spellings (labelRoomFor)
 * when it has them all, else (labels changed in another tab since) one by one (withLabelsOf).
 */
async function labelledFor(task: Task, to: ListAccess, spelled: ReadonlyMap<string, string>): Promise<Task> {
  if (!task.labels?.length) return task;
  const keys = task.labels.map(labelKey);
  if (!keys.every((key) => spelled.has(key))) return withLabelsOf(task, to.listId);
  const labels = [...new Set(keys.map((key) => spelled.get(key) ?? key))];
  return { ...task, labels };
}

/** One task's share of a bulk move: as it is now (a change in another tab moves with it). */
async function moveOne(
  task: Task,
  to: ListAccess,
  now: string,
  spelled: ReadonlyMap<string, string>,
): Promise<Outcome> {
  if (task.listId === to.listId) return "same";
  let current = task;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const moving = await labelledFor(current, to, spelled);
      return {
        before: current,
        after: await moveTask(moving, { listId: to.listId, indexUser: to.list?.indexUser }, now, to.userId),
      };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Changed since it was read: move it as it is now, or count it missing if it went.
      const again = await repository.getTask(current.listId, current.id);
      if (!again) return "missing";
      current = again;
    }
  }
  throw new ServiceUnavailableError("Tasks kept changing while we moved them; please try again.");
}

/** One task's share of a bulk change, on top of whatever another tab did meanwhile. */
async function changeOne(task: Task, change: Change, now: string, userId: string): Promise<Outcome> {
  let current = task;
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = { ...current, ...change };
    if (next.status === current.status && next.priority === current.priority && next.dueDate === current.dueDate)
      return "same";
    // Completing a recurring task moves it to its next date (undo puts it back).
    const completed =
      next.status === "done" && current.status !== "done" && current.recurrence
        ? (await import("#src/tasks/task-recurrence.ts")).completedOccurrence(current, new Date(now))
        : null;
    try {
      return {
        before: current,
        after: await repository.updateTask(
          current.listId,
          current.id,
          current.version,
          completed ?? fieldsOf(next),
          now,
          userId,
        ),
      };
    } catch (error) {
      if (error instanceof NotFoundError) return "missing";
      if (!(error instanceof ConflictError)) throw error;
      current = error.current as Task;
    }
  }
  throw new ServiceUnavailableError("Tasks kept changing while we applied the change; please try again.");
}

async function deleteOne(task: Task): Promise<Outcome> {
  try {
    // Whatever version it has now is the one that goes, and the one undo brings back.
    return { before: await repository.deleteTask(task.listId, task.id) };
  } catch (error) {
    if (error instanceof NotFoundError) return "missing";
    throw error;
  }
}

/**
 * A bulk form's task reference: "<list id>:<task id>", or a bare task id for an Inbox task
 * (how the forms named tasks before lists). Anything else names no task.
 */
function parseRef(ref: string): { listRef: string; id: string } | null {
  const [first = "", second, ...rest] = ref.split(":");
  if (rest.length > 0) return null;
  const { listRef, id } = second === undefined ? { listRef: "inbox", id: first } : { listRef: first, id: second };
  return taskIdSchema.safeParse(id).success ? { listRef, id } : null;
}

/**
 * `POST /tasks/bulk`: one action on 1 to 100 of the user's tasks, in one list or several. Each
 * list named is checked once (the Inbox costs nothing): a list the user cannot see names no
 * task ("missing", like a deleted one); a list they may only read refuses the whole request,
 * with nothing changed.
 */
export async function applyBulk(userId: string, input: { action?: unknown; ids?: unknown; [field: string]: unknown }) {
  const { action, ids } = parseInput(bulkSchema, { action: input.action, ids: input.ids });
  let change: Change | undefined;
  if (action === "status") change = parseInput(valueSchemas.status, input);
  if (action === "priority") change = parseInput(valueSchemas.priority, input);
  if (action === "due") change = parseInput(valueSchemas.due, input);
  // A move's target: a list the user may change, or the whole request is refused.
  let target: ListAccess | undefined;
  if (action === "move") {
    target = await resolveListAccess(userId, parseInput(valueSchemas.move, input).listId);
    requireRole(target, "editor");
  }

  const unique = [...new Set(ids)];
  const byList = new Map<string, { ref: string; id: string }[]>();
  for (const ref of unique) {
    const parsed = parseRef(ref);
    if (parsed) byList.set(parsed.listRef, [...(byList.get(parsed.listRef) ?? []), { ref, id: parsed.id }]);
  }
  const found = new Map<string, Task>();
  const lists = await Promise.all(
    [...byList].map(async ([listRef, refs]) => ({
      refs,
      access: await resolveListAccess(userId, listRef).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
    })),
  );
  // Every list must allow the change before anything changes.
  for (const { access } of lists) if (access) requireRole(access, "editor");
  for (const { access, refs } of lists) {
    if (!access) continue;
    const tasks = await repository.getTasks(
      access.listId,
      refs.map((ref) => ref.id),
    );
    for (const ref of refs) {
      const task = tasks.get(ref.id);
      if (task) found.set(ref.ref, task);
    }
  }
  const now = new Date().toISOString();
  // A move: the target's room for the tasks' labels, decided once for the whole batch; a task it
  // has no room for stays where it is, whole, and is named in the answer (never moved without labels).
  const room = target ? await labelRoomFor(target.listId, [...found.values()]) : undefined;
  const refused = [...found.values()].filter((task) => room?.refused.has(task.id));
  const tasks = new Map([...found].filter(([, task]) => !room?.refused.has(task.id)));
  const settled = await settleInBatches([...tasks.values()], (task) =>
    target
      ? moveOne(task, target, now, room?.spelled ?? new Map())
      : change
        ? changeOne(task, change, now, userId)
        : deleteOne(task),
  );
  const outcomes = settled.map((result): Outcome => (result.ok ? result.value : "failed"));
  const done = outcomes.filter((outcome): outcome is Exclude<Outcome, string> => typeof outcome === "object");
  const failures = failuresOf(settled);
  // Nothing changed: the first error says why, as it did before any task was tried.
  if (failures.length > 0 && done.length === 0 && refused.length === 0) throw failures[0];
  if (failures.length > 0)
    logError("A bulk change failed for some tasks", failures[0], { changed: done.length, failed: failures.length });
  const entries = done.map(({ before, after }) => ({
    before,
    ...(after ? { afterVersion: after.version } : {}),
    ...(after && target ? { afterListId: after.listId } : {}),
  }));
  const missingIds = new Set(unique.filter((ref) => !found.has(ref)));
  [...tasks.keys()].forEach((ref, index) => outcomes[index] === "missing" && missingIds.add(ref));
  const result: BulkResult = {
    action,
    ...(change ? { value: Object.values(change)[0] ?? null } : {}),
    ...(target ? { value: target.name } : {}),
    changed: done.length,
    unchanged: outcomes.filter((outcome) => outcome === "same").length,
    missing: [...missingIds],
    failed: failures.length,
    ...(refused.length
      ? {
          refused: refused.map((task) => ({
            id: task.id,
            title: task.title,
            labels: room?.refused.get(task.id) ?? [],
          })),
        }
      : {}),
  };
  await noticeListsChanged([...done.map((outcome) => outcome.before), ...(target && done.length > 0 ? [target] : [])]);
  const undoToken = await offerUndo(userId, change || target ? "change" : "delete", entries);
  return undoToken ? { ...result, undoToken } : result;
}
