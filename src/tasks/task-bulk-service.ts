import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import * as z from "zod";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import { ConflictError, InvalidTokenError, NotFoundError, ServiceUnavailableError } from "#src/errors.ts";
import { logError } from "#src/logging.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import * as repository from "#src/tasks/task-repository.ts";
import * as undoStore from "#src/tasks/undo-repository.ts";
import { UNDO_MINUTES } from "#src/tasks/task-constants.ts";
import { dueDateText, prioritySchema, statusSchema, taskIdSchema, type Task } from "#src/tasks/task.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Changes to many tasks at once, and undo. Each task changes on its own, conditionally on the
 * version just read, so a concurrent change in another tab is never overwritten (the bulk
 * action re-reads and applies its one field on top) and nothing is half-applied to a task.
 * What undo needs is written after the changes, for exactly the tasks that changed.
 *
 * A write that fails (DynamoDB throttling or down) does not stop the others, and what did
 * change is reported with its undo; only when nothing changed does the error go to the user.
 * An undo that fails part-way can be pressed again: it is released, and a task it already
 * restored counts as restored, not as "changed since".
 */

export const BULK_MAX = 100;
/** How long an undo stays possible. */
export const UNDO_SECONDS = UNDO_MINUTES * 60;
export const BULK_ACTIONS = ["status", "priority", "due", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Parallel writes per bulk action: enough to be quick, few enough not to throttle a table. */
const CONCURRENCY = 10;

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
};

type Change = Partial<Pick<Task, "status" | "priority" | "dueDate">>;

export interface BulkResult {
  action: BulkAction;
  /** The value set (status, priority or due date; null when the due date was cleared). */
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
}

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** `work` on every item, CONCURRENCY at a time; one item's failure does not stop the rest. */
async function settleInBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<Settled<R>[]> {
  const settle = async (item: T): Promise<Settled<R>> => {
    try {
      return { ok: true, value: await work(item) };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const results: Settled<R>[] = [];
  for (let start = 0; start < items.length; start += CONCURRENCY)
    results.push(...(await Promise.all(items.slice(start, start + CONCURRENCY).map(settle))));
  return results;
}

/** The errors of the items that failed. */
function failuresOf<R>(results: Settled<R>[]): unknown[] {
  return results.flatMap((result) => (result.ok ? [] : [result.error]));
}

function fieldsOf(task: Task) {
  const { title, description, status, dueDate, priority } = task;
  return { title, description, status, dueDate, priority };
}

type Outcome = { before: Task; after?: Task } | "same" | "missing" | "failed";

/** One task's share of a bulk change, on top of whatever another tab did meanwhile. */
async function changeOne(owner: string, task: Task, change: Change, now: string): Promise<Outcome> {
  let current = task;
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = { ...current, ...change };
    if (next.status === current.status && next.priority === current.priority && next.dueDate === current.dueDate)
      return "same";
    try {
      return {
        before: current,
        after: await repository.updateTask(owner, current.id, current.version, fieldsOf(next), now),
      };
    } catch (error) {
      if (error instanceof NotFoundError) return "missing";
      if (!(error instanceof ConflictError)) throw error;
      current = error.current as Task;
    }
  }
  throw new ServiceUnavailableError("Tasks kept changing while we applied the change; please try again.");
}

async function deleteOne(owner: string, task: Task): Promise<Outcome> {
  try {
    // Whatever version it has now is the one that goes, and the one undo brings back.
    return { before: await repository.deleteTask(owner, task.id) };
  } catch (error) {
    if (error instanceof NotFoundError) return "missing";
    throw error;
  }
}

function undoPurpose(owner: string): string {
  return `undo:${owner}`;
}

/** Keeps what undo needs; without it the change still stands, just without an undo button. */
async function offerUndo(owner: string, kind: undoStore.UndoKind, entries: undoStore.UndoEntry[]) {
  if (entries.length === 0) return undefined;
  const id = randomUUID();
  try {
    await undoStore.saveUndo({ id, owner, kind, expiresAt: Math.floor(Date.now() / 1000) + UNDO_SECONDS, entries });
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return undefined;
    throw error;
  }
  return signValue(getEnv().APP_SECRET, undoPurpose(owner), id);
}

/** `POST /tasks/bulk`: one action on 1 to 100 of the owner's tasks. */
export async function applyBulk(owner: string, input: { action?: unknown; ids?: unknown; [field: string]: unknown }) {
  const { action, ids } = parseInput(bulkSchema, { action: input.action, ids: input.ids });
  let change: Change | undefined;
  if (action === "status") change = parseInput(valueSchemas.status, input);
  if (action === "priority") change = parseInput(valueSchemas.priority, input);
  if (action === "due") change = parseInput(valueSchemas.due, input);

  const unique = [...new Set(ids)];
  const wellFormed = unique.filter((id) => taskIdSchema.safeParse(id).success);
  const tasks = await repository.getTasks(owner, wellFormed);
  const now = new Date().toISOString();
  const settled = await settleInBatches([...tasks.values()], (task) =>
    change ? changeOne(owner, task, change, now) : deleteOne(owner, task),
  );
  const outcomes = settled.map((result): Outcome => (result.ok ? result.value : "failed"));
  const done = outcomes.filter((outcome): outcome is Exclude<Outcome, string> => typeof outcome === "object");
  const failures = failuresOf(settled);
  // Nothing changed: the first error says why, as it did before any task was tried.
  if (failures.length > 0 && done.length === 0) throw failures[0];
  if (failures.length > 0)
    logError("A bulk change failed for some tasks", failures[0], { changed: done.length, failed: failures.length });
  const entries = done.map(({ before, after }) => ({ before, ...(after ? { afterVersion: after.version } : {}) }));
  const missingIds = new Set(unique.filter((id) => !tasks.has(id)));
  [...tasks.values()].forEach((task, index) => outcomes[index] === "missing" && missingIds.add(task.id));
  const result: BulkResult = {
    action,
    ...(change ? { value: Object.values(change)[0] ?? null } : {}),
    changed: done.length,
    unchanged: outcomes.filter((outcome) => outcome === "same").length,
    missing: [...missingIds],
    failed: failures.length,
  };
  const undoToken = await offerUndo(owner, change ? "change" : "delete", entries);
  return undoToken ? { ...result, undoToken } : result;
}

/** A single delete from a task's page, with undo. */
export async function deleteTaskWithUndo(owner: string, taskId: string): Promise<{ task: Task; undoToken?: string }> {
  const id = taskIdSchema.safeParse(taskId).success ? taskId : "-";
  // Read first: the delete's own reply carries the task, and when that reply is lost (the SDK
  // retries, and the retry finds nothing) the task would be gone with no Undo and a 404.
  const current = await repository.getTask(owner, id);
  if (!current) throw new NotFoundError("task.not_found", "Task not found.");
  let task: Task;
  try {
    task = await repository.deleteTask(owner, id);
  } catch (error) {
    // Gone between the read and the delete: this delete's lost reply, or another tab's delete
    // in the same instant. Either way it is deleted, and what was read is what Undo restores.
    if (!(error instanceof NotFoundError)) throw error;
    task = current;
  }
  const undoToken = await offerUndo(owner, "delete", [{ before: task }]);
  return undoToken ? { task, undoToken } : { task };
}

export interface UndoResult {
  kind: undoStore.UndoKind;
  restored: Task[];
  /** Tasks left as they are: changed (or deleted, or re-created) since. */
  refused: Task[];
  /** Tasks whose write failed: the undo was released, and `retryToken` tries them again. */
  failed: number;
  retryToken?: string;
}

function sameFields(a: Task, b: Task): boolean {
  return isDeepStrictEqual(fieldsOf(a), fieldsOf(b));
}

/**
 * Whether an earlier press of this undo, which failed part-way, already put this task back: it
 * is one version on from the version undo expected, with the fields undo restores.
 */
async function restoredBefore(owner: string, kind: undoStore.UndoKind, entry: undoStore.UndoEntry, error: unknown) {
  const { before, afterVersion } = entry;
  if (kind === "change") {
    const current = error instanceof ConflictError ? (error.current as Task | null) : null;
    return current !== null && current.version === (afterVersion ?? 0) + 1 && sameFields(current, before);
  }
  if (!(error instanceof ConflictError)) return false;
  const current = await repository.getTask(owner, before.id);
  return (
    current !== null &&
    current.version === before.version + 1 &&
    current.createdAt === before.createdAt &&
    sameFields(current, before)
  );
}

/**
 * `POST /tasks/undo`: puts back exactly what the change or delete took away (same ids, fields,
 * created time), as one new change (the version moves on). A task another tab changed since
 * is left alone and named. The token is single-use, signed and bound to its user.
 */
export async function undoChange(owner: string, token: unknown): Promise<UndoResult> {
  const id = typeof token === "string" ? unsignValue(getSigningSecrets(), undoPurpose(owner), token) : null;
  if (!id) throw new InvalidTokenError("undo.invalid", "This undo button is not valid. Nothing was changed.");
  const claim = await undoStore.claimUndo(id, owner, Math.floor(Date.now() / 1000));
  if (!claim.ok) {
    if (claim.reason === "used") throw new InvalidTokenError("undo.used", "That was already undone.");
    throw new NotFoundError(
      "undo.expired",
      `That can no longer be undone: undo is kept for ${UNDO_SECONDS / 60} minutes. Nothing was changed.`,
    );
  }
  const now = new Date().toISOString();
  type UndoOutcome = { restored: Task } | { refused: Task };
  const restoreOne = async (entry: undoStore.UndoEntry): Promise<UndoOutcome> => {
    const { before, afterVersion } = entry;
    try {
      if (claim.kind === "delete") {
        const restored = { ...before, version: before.version + 1, updatedAt: now };
        await repository.putTask(restored);
        return { restored };
      }
      return { restored: await repository.updateTask(owner, before.id, afterVersion ?? 0, fieldsOf(before), now) };
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
      return (await restoredBefore(owner, claim.kind, entry, error)) ? { restored: before } : { refused: before };
    }
  };
  let settled: Settled<UndoOutcome>[];
  try {
    settled = await settleInBatches(await undoStore.getUndoEntries(id), restoreOne);
  } catch (error) {
    await undoStore.releaseUndo(id, owner).catch(() => false);
    throw error;
  }
  const outcomes = settled.flatMap((result) => (result.ok ? [result.value] : []));
  const failures = failuresOf(settled);
  // Part of it failed: free the undo so the same button can finish the job.
  const retryable = failures.length > 0 && (await undoStore.releaseUndo(id, owner).catch(() => false));
  if (failures.length > 0 && outcomes.length === 0) throw failures[0];
  if (failures.length > 0)
    logError("An undo failed for some tasks", failures[0], { done: outcomes.length, failed: failures.length });
  return {
    kind: claim.kind,
    restored: outcomes.flatMap((outcome) => ("restored" in outcome ? [outcome.restored] : [])),
    refused: outcomes.flatMap((outcome) => ("refused" in outcome ? [outcome.refused] : [])),
    failed: failures.length,
    ...(retryable && typeof token === "string" ? { retryToken: token } : {}),
  };
}
