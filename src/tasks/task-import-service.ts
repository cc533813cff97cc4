import { createHash, randomUUID } from "node:crypto";
import { monotonicFactory } from "ulid";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import { ConflictError, InvalidTokenError, ValidationError } from "#src/errors.ts";
import { requireRole, type ListAccess } from "#src/lists/list-access.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import * as imports from "#src/tasks/import-repository.ts";
import { parseImportFile, type ImportFormat, type ImportedTask, type RefusedRow } from "#src/tasks/task-import.ts";
import { batchPutTasks, putTask } from "#src/tasks/task-repository.ts";
import { distinctLabels, labelKey } from "#src/tasks/task-labels.ts";
import type { Task } from "#src/tasks/task.ts";
import { isTimeZone } from "#src/tasks/task-dates.ts";
import { noticeListsChanged } from "#src/live/live-notice.ts";

/**
 * Import in two steps. The upload is parsed and checked, and its tasks kept server-side
 * (imports table, one hour) under a token signed for this user; the preview shows what will
 * happen. Confirm then creates exactly those tasks, as new tasks with new ids. A file imported
 * before (same SHA-256) needs a second, explicit "import again".
 */

const STAGE_SECONDS = 60 * 60;
/** Longer than the Lambda's 30 s timeout: a claim this old was cut off, not still running. */
const STALE_CLAIM_SECONDS = 120;
/** Bytes of JSON per staged part: an item holds 400 KB, and one task adds at most ~21 KB. */
const PART_BYTES = 300_000;
const PREVIEW_TASKS = 5;
const SHOWN_REFUSED = 50;
const SHOWN_NOTES = 20;

const nextId = monotonicFactory();

export interface ImportPreview {
  token: string;
  fileName: string;
  format: ImportFormat;
  count: number;
  first: ImportedTask[];
  refusedCount: number;
  refused: RefusedRow[];
  notes: string[];
  /** When this user imported the same file before, if they did. */
  importedBefore: string | null;
}

export interface ImportResult {
  created: number;
}

/** The task ids are fixed at upload, so a retried confirm can tell what it already wrote. */
type StagedTask = ImportedTask & { id: string };

function tokenPurpose(owner: string): string {
  return `import-stage:${owner}`;
}

function badToken(): InvalidTokenError {
  return new InvalidTokenError(
    "import.token_invalid",
    "This import has expired or was already done. Nothing was changed; upload the file again.",
  );
}

function splitIntoParts(tasks: readonly StagedTask[]): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const task of tasks) {
    const json = JSON.stringify(task);
    // Bytes, not characters: a CJK character is three bytes of UTF-8.
    const bytes = Buffer.byteLength(json, "utf8");
    if (size + bytes > PART_BYTES && current.length > 0) {
      parts.push(`[${current.join(",")}]`);
      current = [];
      size = 0;
    }
    current.push(json);
    size += bytes + 1;
  }
  if (current.length > 0) parts.push(`[${current.join(",")}]`);
  return parts;
}

export async function stageImportForOwner(
  owner: string,
  file: { bytes: Uint8Array; fileName: string },
  now = new Date(),
  /** The user's zone: repeats are on their calendar (UTC until they have one). */
  timeZone?: string | null,
): Promise<ImportPreview> {
  const parsed = parseImportFile(file.bytes, { timeZone: timeZone && isTimeZone(timeZone) ? timeZone : "UTC", now });
  const fileHash = createHash("sha256").update(file.bytes).digest("hex");
  const stage = randomUUID();
  const fileName = file.fileName.slice(0, 200);
  const staged: StagedTask[] = parsed.tasks.map((task) => ({ id: nextId(), ...task }));
  const previous = await imports.getImportedFile(owner, fileHash);
  if (staged.length > 0) {
    const parts = splitIntoParts(staged);
    await imports.putStagedImport(
      owner,
      {
        stage,
        state: "ready",
        fileHash,
        fileName,
        count: staged.length,
        parts: parts.length,
        retry: false,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + STAGE_SECONDS,
      },
      parts,
    );
  }
  return {
    token: signValue(getEnv().APP_SECRET, tokenPurpose(owner), stage),
    fileName,
    format: parsed.format,
    count: staged.length,
    first: parsed.tasks.slice(0, PREVIEW_TASKS),
    refusedCount: parsed.refused.length,
    refused: parsed.refused.slice(0, SHOWN_REFUSED),
    notes: parsed.notes.slice(0, SHOWN_NOTES),
    importedBefore: previous?.importedAt ?? null,
  };
}

/** An import that a first confirm started into one list is finished there, never in a second one. */
const otherList = () =>
  new ValidationError(
    {},
    "This import was started into another list; confirm it again into that list to finish it (no task is created twice).",
  );

/**
 * Creates the staged tasks in the list `into` (the uploader's own Inbox, or a list they may
 * change). Refuses a forged, foreign, expired or used token, and asks again (ConflictError
 * "import.duplicate" carrying the earlier date) for a file imported before unless `again` is set.
 */
export async function confirmImport(
  into: ListAccess,
  input: { token?: string | undefined; again?: boolean },
  now = new Date(),
): Promise<ImportResult> {
  requireRole(into, "editor");
  const owner = into.userId;
  const stage = input.token ? unsignValue(getSigningSecrets(), tokenPurpose(owner), input.token) : null;
  if (!stage) throw badToken();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const staged = await imports.getStagedImport(owner, stage, nowSeconds);
  if (!staged || staged.state === "done") throw badToken();
  if (staged.listId !== undefined && staged.listId !== into.listId) throw otherList();
  const stamp = now.toISOString();
  // The file is taken before anything is written: two uploads of it confirmed at once (two
  // tabs) import it once, and the other is asked whether to import it again.
  const file = { fileHash: staged.fileHash, fileName: staged.fileName, count: staged.count, importedAt: stamp, stage };
  const previous = await imports.reserveImportedFile(owner, file, input.again === true);
  if (previous)
    throw new ConflictError("import.duplicate", `You imported this file on ${previous.importedAt.slice(0, 10)}.`, {
      importedAt: previous.importedAt,
    });
  // Two confirms of one upload at once (a double click): only one imports.
  const claim = await imports.claimStagedImport(
    owner,
    stage,
    nowSeconds,
    nowSeconds - STALE_CLAIM_SECONDS,
    into.listId,
  );
  if (!claim) throw badToken();
  if (claim.listId !== into.listId) {
    // Another confirm chose a different list between the read and the claim: hand it back.
    await imports.setStagedImportState(owner, stage, "ready", true);
    throw otherList();
  }
  const retry = staged.retry || claim.takeover;

  const tasks: Task[] = (await imports.queryStagedImportParts(owner, stage))
    .flatMap((part) => JSON.parse(part) as StagedTask[])
    // A time and a repeat only when the task has them, as every other write stores a task.
    .map(({ dueTime, recurrence, ...task }) => ({
      ...task,
      ...(dueTime && task.dueDate ? { dueTime } : {}),
      ...(recurrence ? { recurrence } : {}),
      listId: into.listId,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
      createdBy: owner,
      updatedBy: owner,
    }));
  try {
    // The labels as the list has them (its first spelling, added when new), as every write does.
    const named = tasks.flatMap((task) => task.labels ?? []);
    if (named.length > 0) {
      const spelled = await (await import("#src/tasks/label-service.ts")).labelSpellings(into.listId, named);
      for (const task of tasks)
        if (task.labels?.length) {
          const labels = distinctLabels(task.labels.flatMap((label) => spelled.get(labelKey(label)) ?? []));
          if (labels.length) task.labels = labels;
          else delete task.labels;
        }
    }
    if (retry) {
      // After a failure part-way, some tasks exist: conditional puts skip them, never overwrite.
      for (const task of tasks)
        await putTask(task, into.list?.indexUser).catch((error: unknown) => {
          if (!(error instanceof ConflictError)) throw error;
        });
    } else {
      await batchPutTasks(tasks, into.list?.indexUser);
    }
  } catch (error) {
    await imports.setStagedImportState(owner, stage, "ready", true).catch(() => undefined);
    throw error;
  }
  await imports.setStagedImportState(owner, stage, "done", retry);
  await noticeListsChanged(tasks);
  return { created: tasks.length };
}
