import { monotonicFactory } from "ulid";
import { getEnv } from "#src/env.ts";
import { NotFoundError, ValidationError } from "#src/errors.ts";
import { parseInput } from "#src/validation.ts";
import { decodeTaskCursor, encodeTaskCursor } from "#src/tasks/task-cursor.ts";
import * as repository from "#src/tasks/task-repository.ts";
import {
  statusFilterSchema,
  taskIdSchema,
  taskInputSchema,
  taskUpdateSchema,
  type Task,
  type TaskStatus,
} from "#src/tasks/task.ts";

export const PAGE_SIZE = 25;

// Monotonic: two tasks created in the same millisecond still sort in creation order.
const nextId = monotonicFactory();

function notFound(): NotFoundError {
  return new NotFoundError("task.not_found", "Task not found.");
}

/** An id that is not a ULID cannot name a task; treat it like any missing task. */
function parseTaskId(taskId: string): string {
  const result = taskIdSchema.safeParse(taskId);
  if (!result.success) throw notFound();
  return result.data;
}

export async function createTask(owner: string, input: unknown): Promise<Task> {
  const fields = parseInput(taskInputSchema, input);
  const now = new Date().toISOString();
  const task: Task = { id: nextId(), owner, ...fields, createdAt: now, updatedAt: now, version: 1 };
  await repository.putTask(task);
  return task;
}

export async function getTaskForOwner(owner: string, taskId: string): Promise<Task> {
  const task = await repository.getTask(owner, parseTaskId(taskId));
  if (!task) throw notFound();
  return task;
}

export interface TaskListPage {
  tasks: Task[];
  status?: TaskStatus;
  nextCursor?: string;
}

export async function listTasksForOwner(
  owner: string,
  query: { status?: string | null; cursor?: string | null },
): Promise<TaskListPage> {
  const statusResult = statusFilterSchema.safeParse(query.status || undefined);
  if (!statusResult.success)
    throw new ValidationError({ status: ["Unknown status filter."] }, "Unknown status filter.");
  const status = statusResult.data;
  const secret = getEnv().APP_SECRET;
  const startKey = query.cursor ? decodeTaskCursor(secret, owner, status, query.cursor) : undefined;
  const page = await repository.queryTasksByOwner(owner, { status, limit: PAGE_SIZE, startKey });
  return {
    tasks: page.tasks,
    ...(status ? { status } : {}),
    ...(page.nextKey ? { nextCursor: encodeTaskCursor(secret, owner, status, page.nextKey) } : {}),
  };
}

export async function updateTaskForOwner(owner: string, taskId: string, input: unknown): Promise<Task> {
  const id = parseTaskId(taskId);
  const { version, ...fields } = parseInput(taskUpdateSchema, input);
  return repository.updateTask(owner, id, version, fields, new Date().toISOString());
}

/** Deletes the task and returns what it was, so the page can say what went. */
export async function deleteTaskForOwner(owner: string, taskId: string): Promise<Task> {
  return repository.deleteTask(owner, parseTaskId(taskId));
}
