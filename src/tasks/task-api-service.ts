import { ConflictError, ValidationError, VersionRequiredError } from "#src/errors.ts";
import { parseInput } from "#src/validation.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { taskCreateJsonSchema, taskPatchJsonSchema } from "#src/tasks/task-json.ts";
import { IDEMPOTENCY_KEY, createTaskOnce, getTaskForOwner, newTask } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
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
  owner: string,
  input: unknown,
  idempotencyKey?: string | null,
): Promise<{ task: Task; replayed: boolean }> {
  const fields = parseInput(taskCreateJsonSchema, input);
  if (idempotencyKey === undefined || idempotencyKey === null) {
    const task = newTask(owner, fields);
    await repository.putTask(task);
    await noticeListChanged(task.listId);
    return { task, replayed: false };
  }
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationError({
      "Idempotency-Key": ["Idempotency-Key must be 1 to 255 printable ASCII characters without spaces."],
    });
  }
  return createTaskOnce(owner, fields, idempotencyKey);
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
  return repository
    .updateTask(owner, current.id, version, { title, description, status, dueDate, priority }, new Date().toISOString())
    .then(noticeTaskChanged);
}
