import * as z from "zod";
import { TASK_PRIORITIES, TASK_STATUSES, type Task } from "#src/tasks/task.ts";

/** A task as the JSON API shows it: every field but the owner (always the caller). */
export const taskResourceSchema = z
  .strictObject({
    id: z.string().meta({ description: "A ULID, unique and ordered by creation." }),
    title: z.string(),
    description: z.string(),
    status: z.enum(TASK_STATUSES),
    dueDate: z.union([z.string().meta({ format: "date" }), z.null()]),
    priority: z.enum(TASK_PRIORITIES),
    createdAt: z.string().meta({ format: "date-time" }),
    updatedAt: z.string().meta({ format: "date-time" }),
    version: z.number().int().min(1).meta({ description: "Goes up by one with every change; the ETag." }),
  })
  .meta({ id: "Task" });
export type TaskResource = z.output<typeof taskResourceSchema>;

export function toTaskResource(task: Task): TaskResource {
  const { id, title, description, status, dueDate, priority, createdAt, updatedAt, version } = task;
  return { id, title, description, status, dueDate, priority, createdAt, updatedAt, version };
}

export const taskListResourceSchema = z
  .strictObject({
    tasks: z.array(taskResourceSchema),
    next: z.union([z.string(), z.null()]).meta({ description: "The cursor of the next page, or null on the last." }),
  })
  .meta({ id: "TaskList" });
