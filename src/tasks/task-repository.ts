import { getTableNames } from "#src/db/client.ts";
import { callDynamo, isConditionalCheckFailed } from "#src/db/errors.ts";
import { ConflictError, NotFoundError } from "#src/errors.ts";
import type { Task, TaskInput, TaskStatus } from "#src/tasks/task.ts";

/**
 * Table layout:
 *   tasks:            owner (partition) + id (sort, ULID: newest first when read backwards)
 *   index byStatus:   ownerStatus = "<owner>#<status>" (partition) + id (sort)
 * so "my tasks" and "my tasks with status S" are each one Query, newest first.
 */
export const STATUS_INDEX = "byStatus";

interface TaskItem extends Task {
  ownerStatus: string;
}

/** The key of the last item on a page; the next page starts after it. */
export type TaskPageKey = Record<string, string>;

function ownerStatusKey(owner: string, status: TaskStatus): string {
  return `${owner}#${status}`;
}

/** The stored item for a task (exported for seeding scripts, so their items match the app's). */
export function toItem(task: Task): TaskItem {
  return { ...task, ownerStatus: ownerStatusKey(task.owner, task.status) };
}

function fromItem(item: Record<string, unknown>): Task {
  return {
    id: String(item.id),
    owner: String(item.owner),
    title: String(item.title ?? ""),
    description: String(item.description ?? ""),
    status: item.status as TaskStatus,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
  };
}

function pageKeyOf(task: Task, status: TaskStatus | undefined): TaskPageKey {
  return status
    ? { owner: task.owner, id: task.id, ownerStatus: ownerStatusKey(task.owner, status) }
    : { owner: task.owner, id: task.id };
}

export async function putTask(task: Task): Promise<void> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().tasks,
          Item: toItem(task),
          // A ULID collision is practically impossible, but a create must never overwrite.
          ConditionExpression: "attribute_not_exists(id)",
        }),
      ),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new ConflictError("task.id_taken", "Please try again.", null);
    throw error;
  }
}

export async function getTask(owner: string, id: string): Promise<Task | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({ TableName: getTableNames().tasks, Key: { owner, id }, ConsistentRead: true }),
    ),
  );
  return result.Item ? fromItem(result.Item) : null;
}

export interface TaskPage {
  tasks: Task[];
  /** Present when more tasks follow; the key of the last task on this page. */
  nextKey?: TaskPageKey;
}

export async function queryTasksByOwner(
  owner: string,
  options: { status?: TaskStatus; limit: number; startKey?: TaskPageKey },
): Promise<TaskPage> {
  const { status, limit, startKey } = options;
  // Ask for one more than a page: then "is there a next page?" is known exactly, and the
  // last page never ends with a cursor to an empty one.
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: getTableNames().tasks,
        ...(status
          ? {
              IndexName: STATUS_INDEX,
              KeyConditionExpression: "ownerStatus = :ownerStatus",
              ExpressionAttributeValues: { ":ownerStatus": ownerStatusKey(owner, status) },
            }
          : {
              KeyConditionExpression: "#owner = :owner",
              ExpressionAttributeNames: { "#owner": "owner" },
              ExpressionAttributeValues: { ":owner": owner },
            }),
        ScanIndexForward: false,
        Limit: limit + 1,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  const items = (result.Items ?? []).map(fromItem);
  const tasks = items.slice(0, limit);
  const last = tasks.at(-1);
  return items.length > limit && last ? { tasks, nextKey: pageKeyOf(last, status) } : { tasks };
}

/**
 * Writes the new fields only if the task exists for this owner and still has the version the
 * user edited. On failure, one consistent read tells "gone" (404) from "changed" (409).
 */
export async function updateTask(
  owner: string,
  id: string,
  expectedVersion: number,
  input: TaskInput,
  updatedAt: string,
): Promise<Task> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().tasks,
          Key: { owner, id },
          UpdateExpression:
            "SET title = :title, description = :description, #status = :status, ownerStatus = :ownerStatus, updatedAt = :updatedAt, version = version + :one",
          ConditionExpression: "attribute_exists(id) AND version = :expectedVersion",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":title": input.title,
            ":description": input.description,
            ":status": input.status,
            ":ownerStatus": ownerStatusKey(owner, input.status),
            ":updatedAt": updatedAt,
            ":one": 1,
            ":expectedVersion": expectedVersion,
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return fromItem(result.Attributes ?? {});
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const current = await getTask(owner, id);
    if (!current) throw new NotFoundError("task.not_found", "Task not found.");
    throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", current);
  }
}

/** Deletes an existing task of this owner and returns it as it was (one write, no read). */
export async function deleteTask(owner: string, id: string): Promise<Task> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: getTableNames().tasks,
          Key: { owner, id },
          ConditionExpression: "attribute_exists(id)",
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    return fromItem(result.Attributes ?? {});
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new NotFoundError("task.not_found", "Task not found.");
    throw error;
  }
}
