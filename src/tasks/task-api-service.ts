import { createHash } from "node:crypto";
import { ConflictError, IdempotencyKeyReusedError, ValidationError, VersionRequiredError } from "#src/errors.ts";
import { parseInput } from "#src/validation.ts";
import * as idempotency from "#src/tasks/idempotency-repository.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { taskCreateJsonSchema, taskPatchJsonSchema } from "#src/tasks/task-json.ts";
import { getTaskForOwner, newTask } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";

/**
 * What the JSON API does beyond the pages: creates that a retry cannot repeat, and partial
 * updates. Everything else it shares with the pages through task-service.ts; the rules on
 * each field are task.ts's. Loaded with the API's code only.
 */

/** How long a retry with the same Idempotency-Key gets the first result. */
export const IDEMPOTENCY_SECONDS = 24 * 60 * 60;
/** Printable ASCII without spaces, as IETF's Idempotency-Key draft suggests (a UUID fits). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Stores a task whose id an idempotency record fixed; a retry may have stored it already. */
async function putTaskOnce(task: Task): Promise<void> {
  await repository.putTask(task).catch((error: unknown) => {
    if (!(error instanceof ConflictError && error.code === "task.id_taken")) throw error;
  });
}

/**
 * A task from the JSON API. With an idempotency key, a retry of the same request (after a
 * timeout, say) answers with the task the first one made instead of making a second; the
 * same key with a different body is refused. `replayed` tells the two apart.
 */
export async function createTaskFromApi(
  owner: string,
  input: unknown,
  idempotencyKey?: string | null,
): Promise<{ task: Task; replayed: boolean }> {
  const fields = parseInput(taskCreateJsonSchema, input);
  if (idempotencyKey === undefined || idempotencyKey === null) {
    const task = newTask(owner, fields);
    await repository.putTask(task);
    return { task, replayed: false };
  }
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationError({
      "Idempotency-Key": ["Idempotency-Key must be 1 to 255 printable ASCII characters without spaces."],
    });
  }
  const id = sha256(`${owner}\n${idempotencyKey}`);
  const fingerprint = sha256(JSON.stringify(fields));
  for (let attempt = 0; attempt < 2; attempt++) {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const task = newTask(owner, fields);
    const claim = { id, fingerprint, task, state: "pending" as const, expiresAt: nowSeconds + IDEMPOTENCY_SECONDS };
    if (await idempotency.claimIdempotencyKey(claim, nowSeconds)) {
      await putTaskOnce(task);
      await idempotency.markIdempotencyRecordDone(id);
      return { task, replayed: false };
    }
    const record = await idempotency.getIdempotencyRecord(id, nowSeconds);
    // Expired between our claim and our read: claim it afresh.
    if (!record) continue;
    if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    if (record.state === "pending") {
      // The first request has not stored its task yet, or failed after claiming the key:
      // store it now. Its id is fixed, so whichever request gets there first makes the task.
      await putTaskOnce(record.task);
      await idempotency.markIdempotencyRecordDone(id);
    }
    return { task: record.task, replayed: true };
  }
  throw new ConflictError("idempotency.busy", "Please try again.", null);
}

/**
 * A partial update from the JSON API: only the fields sent change. It must be based on a
 * version, given as `version` in the body or as `ifMatch` (the If-Match header); when both
 * come they must agree. A task changed since is a ConflictError carrying it as it is now.
 */
export async function patchTaskForOwner(
  owner: string,
  taskId: string,
  input: unknown,
  ifMatch?: number,
): Promise<Task> {
  const { version: bodyVersion, ...changes } = parseInput(taskPatchJsonSchema, input);
  if (bodyVersion !== undefined && ifMatch !== undefined && bodyVersion !== ifMatch)
    throw new ValidationError({ version: ["The version in the body and If-Match differ; send one of them."] });
  const version = ifMatch ?? bodyVersion;
  if (version === undefined)
    throw new VersionRequiredError(
      'Say which version this change is based on: If-Match: "<version>", or "version" in the body.',
    );
  const current = await getTaskForOwner(owner, taskId);
  if (current.version !== version)
    throw new ConflictError("task.version_conflict", "This task was changed since that version.", current);
  if (Object.keys(changes).length === 0) return current;
  const { title, description, status, dueDate, priority } = { ...current, ...changes };
  return repository.updateTask(
    owner,
    current.id,
    version,
    { title, description, status, dueDate, priority },
    new Date().toISOString(),
  );
}
