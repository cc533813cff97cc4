import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import {
  ConflictError,
  ForbiddenError,
  InvalidTokenError,
  NotFoundError,
  ServiceUnavailableError,
} from "#src/errors.ts";
import { requireRole, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { logError } from "#src/logging.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import { failuresOf, settleInBatches, type Settled } from "#src/tasks/settle-in-batches.ts";
import { UNDO_MINUTES } from "#src/tasks/task-constants.ts";
import * as repository from "#src/tasks/task-repository.ts";
import type { TaskFields } from "#src/tasks/task-repository.ts";
import type { Task } from "#src/tasks/task.ts";
import * as undoStore from "#src/tasks/undo-repository.ts";
import { noticeListsChanged } from "#src/live/live-notice.ts";

/**
 * Undo of a delete or a bulk change. What undo needs is written after the change, for exactly
 * the tasks that changed. An undo that fails part-way can be pressed again: it is released, and
 * a task it already restored counts as restored, not as "changed since".
 */

/** How long an undo stays possible. */
export const UNDO_SECONDS = UNDO_MINUTES * 60;

/** The fields a change may touch and undo puts back (those a task may lack, as null). */
export function fieldsOf(task: Task): TaskFields {
  const { title, description, status, dueDate, priority } = task;
  return {
    title,
    description,
    status,
    dueDate,
    dueTime: task.dueTime ?? null,
    recurrence: task.recurrence ?? null,
    completions: task.completions ?? null,
    labels: task.labels ?? [],
    priority,
    subtasks: task.subtasks ?? [],
  };
}

function undoPurpose(owner: string): string {
  return `undo:${owner}`;
}

/** Keeps what undo needs; without it the change still stands, just without an undo button. */
export async function offerUndo(owner: string, kind: undoStore.UndoKind, entries: undoStore.UndoEntry[]) {
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
async function restoredBefore(kind: undoStore.UndoKind, entry: undoStore.UndoEntry, error: unknown) {
  const { before, afterVersion } = entry;
  if (kind === "change") {
    const current = error instanceof ConflictError ? (error.current as Task | null) : null;
    return current !== null && current.version === (afterVersion ?? 0) + 1 && sameFields(current, before);
  }
  if (!(error instanceof ConflictError)) return false;
  const current = await repository.getTask(before.listId, before.id);
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
  // Undo restores only into lists the user may still change, each checked once: a list they
  // have left, or may now only read, keeps its tasks as they are (named as left alone).
  const writable = new Map<string, Promise<ListAccess | null>>();
  const writableAccess = (listId: string) => {
    if (!writable.has(listId))
      writable.set(
        listId,
        resolveListAccess(owner, listId).then(
          (access) => {
            requireRole(access, "editor");
            return access;
          },
          (error: unknown) => {
            if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
            throw error;
          },
        ),
      );
    return writable.get(listId) as Promise<ListAccess | null>;
  };
  const mayWrite = async (listId: string) => (await writableAccess(listId)) !== null;
  /** The list's indexUser, for a task written into it whole (a restore, a move back). */
  const indexUserOf = async (listId: string) => (await writableAccess(listId))?.list?.indexUser;
  // Lists a move's undo took a task out of: told too, like the lists tasks came back to.
  const leftLists: { listId: string }[] = [];
  /** A move's undo: moves it back, if it is still where the move put it, as the move left it. */
  const moveBack = async (entry: undoStore.UndoEntry, from: string): Promise<UndoOutcome> => {
    const { before, afterVersion } = entry;
    if (!(await mayWrite(from))) return { refused: before };
    const current = await repository.getTask(from, before.id);
    if (!current || current.version !== afterVersion) {
      // An earlier press that failed part-way may have moved it back already.
      const back = await repository.getTask(before.listId, before.id);
      return back && back.version === (afterVersion ?? 0) + 1 ? { restored: back } : { refused: before };
    }
    try {
      const { moveTask } = await import("#src/tasks/task-move-repository.ts");
      const { withLabelsOf } = await import("#src/tasks/task-move-service.ts");
      const restored = await moveTask(
        await withLabelsOf(current, before.listId),
        { listId: before.listId, indexUser: await indexUserOf(before.listId) },
        now,
        owner,
      );
      leftLists.push({ listId: from });
      return { restored };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return { refused: before };
    }
  };
  const restoreOne = async (entry: undoStore.UndoEntry): Promise<UndoOutcome> => {
    const { before, afterVersion, afterListId } = entry;
    if (!(await mayWrite(before.listId))) return { refused: before };
    if (afterListId !== undefined && afterListId !== before.listId) return moveBack(entry, afterListId);
    try {
      if (claim.kind === "delete") {
        const restored = { ...before, version: before.version + 1, updatedAt: now, updatedBy: owner };
        await repository.putTask(restored, await indexUserOf(before.listId));
        return { restored };
      }
      return {
        restored: await repository.updateTask(
          before.listId,
          before.id,
          afterVersion ?? 0,
          fieldsOf(before),
          now,
          owner,
        ),
      };
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
      return (await restoredBefore(claim.kind, entry, error)) ? { restored: before } : { refused: before };
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
  await noticeListsChanged([
    ...leftLists,
    ...outcomes.flatMap((outcome) => ("restored" in outcome ? [outcome.restored] : [])),
  ]);
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
