import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { ConflictError, NotFoundError } from "#src/errors.ts";
import { putLabelCopies } from "#src/tasks/label-copy-repository.ts";
import { fromItem, getTask, moveMarkOf, readTask, toItem } from "#src/tasks/task-repository.ts";
import type { Task, TaskPriority, TaskStatus } from "#src/tasks/task.ts";

/**
 * One-click changes of one field in the tasks table (keys and indexes: task-repository.ts),
 * loaded on first use by task-service.ts so that a cold start does not carry it.
 */

const callDynamo = dynamoCaller("task store");

/** A one-click change: one field and its new value (assigneeId null unassigns). */
export type FieldChange = { status: TaskStatus } | { priority: TaskPriority } | { assigneeId: string | null };

/** `name` is stored as `placeholder`'s value; none (null) is absent; `absentToo`: absent counts as that value. */
function storedAs(name: string, placeholder: string, value: string | null, absentToo = false): string {
  if (value === null) return `attribute_not_exists(${name})`;
  return absentToo ? `(${name} = ${placeholder} OR attribute_not_exists(${name}))` : `${name} = ${placeholder}`;
}

/**
 * A one-click change of one field, written on top of whatever else changed: one conditional
 * UpdateItem that sets only that field (and the index keys it is part of) and moves the version
 * on, conditioned on the field still having the value `read` has, and on the due date and time
 * (the keys' other inputs) still being `read`'s, so a key is never computed from a stale date.
 * Another tab's change to the title, say, is kept; a change to this very field (or to the due
 * date since the read) is a ConflictError carrying the task as it is now, for the caller to
 * decide again. A retry of this write whose reply was lost (the SDK retries) finds the field
 * already set and returns the task as it is, as does another tab asking for the same value.
 */
export async function updateTaskField(
  read: Task,
  change: FieldChange,
  updatedAt: string,
  updatedBy: string,
  settled = false,
): Promise<Task> {
  const { listId, id } = read;
  // The item as the change leaves it: its index keys are the ones to write.
  const next = { ...read, ...change } as Task;
  // (Only the derived keys are read: indexUser, which a change never touches, is not.)
  const keys = toItem(next, undefined);
  const dueTime = read.dueDate ? (read.dueTime ?? null) : null;
  const set = ["updatedAt = :updatedAt", "updatedBy = :updatedBy", "version = version + :one"];
  let remove = "";
  const values: Record<string, unknown> = { ":updatedAt": updatedAt, ":updatedBy": updatedBy, ":one": 1 };
  let condition: string;
  if ("status" in change) {
    set.push("#status = :status", "ownerStatus = :ownerStatus", "assigneeSort = :assigneeSort");
    Object.assign(values, {
      ":status": change.status,
      ":ownerStatus": keys.ownerStatus,
      ":assigneeSort": keys.assigneeSort,
      ":was": read.status,
    });
    condition = "#status = :was";
  } else if ("priority" in change) {
    set.push("priority = :priority", "prioritySort = :prioritySort");
    Object.assign(values, { ":priority": change.priority, ":prioritySort": keys.prioritySort, ":was": read.priority });
    // An item from before priorities has none stored, and reads as "none".
    condition = storedAs("priority", ":was", read.priority, read.priority === "none");
  } else {
    if (change.assigneeId) {
      set.push("assigneeId = :assigneeId");
      values[":assigneeId"] = change.assigneeId;
    } else remove = " REMOVE assigneeId";
    if (read.assigneeId) values[":was"] = read.assigneeId;
    condition = storedAs("assigneeId", ":was", read.assigneeId ?? null);
  }
  if (read.dueDate) values[":dueDate"] = read.dueDate;
  if (dueTime) values[":dueTime"] = dueTime;
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().tasks,
          Key: { owner: listId, id },
          UpdateExpression: `SET ${set.join(", ")}${remove}`,
          // A copy a move has not finished is changed only once the move is settled (below).
          ConditionExpression: [
            "attribute_exists(id) AND attribute_not_exists(movedFrom)",
            condition,
            storedAs("dueDate", ":dueDate", read.dueDate),
            storedAs("dueTime", ":dueTime", dueTime),
          ].join(" AND "),
          ...("status" in change ? { ExpressionAttributeNames: { "#status": "status" } } : {}),
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return await withCopies(fromItem(result.Attributes ?? {}), change);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const marked = await readTask(listId, id);
    const current = marked && moveMarkOf(marked) ? await getTask(listId, id) : marked;
    if (!current) throw new NotFoundError("task.not_found", "Task not found.");
    // The copy of a move that stopped half-way: settled now, so write as asked.
    if (marked !== current && !settled) return updateTaskField(current, change, updatedAt, updatedBy, true);
    const field = Object.keys(change)[0] as "status" | "priority" | "assigneeId";
    if ((current[field] ?? null) === (next[field] ?? null)) return withCopies(current, change);
    throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", current);
  }
}

/**
 * The task's labels' copies follow its new status or priority (task-repository.ts's header),
 * after the task, each conditional on not being newer; a copy left behind by a failure here is
 * mended by the next label page that meets it. Copies hold no assignee.
 */
async function withCopies(task: Task, change: FieldChange): Promise<Task> {
  if (task.labels?.length && !("assigneeId" in change)) await putLabelCopies(task, task.labels);
  return task;
}
