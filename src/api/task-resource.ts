import * as z from "zod";
import { describeRecurrence } from "#src/tasks/quick-add.ts";
import { TASK_PRIORITIES, TASK_STATUSES, type Task } from "#src/tasks/task.ts";

/** A list's id as the API shows it: "inbox" for the caller's Inbox (whose stored id is their user id). */
export function publicListId(listId: string): string {
  return listId.startsWith("l_") ? listId : "inbox";
}

/** A task as the JSON API shows it: every field, and its list. */
export const taskResourceSchema = z
  .strictObject({
    id: z.string().meta({ description: "A ULID, unique and ordered by creation." }),
    listId: z.string().meta({ description: 'The list the task is in: "inbox" or a list\'s id (GET /lists).' }),
    title: z.string(),
    description: z.string(),
    status: z.enum(TASK_STATUSES),
    dueDate: z.union([z.string().meta({ format: "date" }), z.null()]),
    dueTime: z
      .union([z.string().regex(/^\d{2}:\d{2}$/), z.null()])
      .meta({ description: "HH:MM on the user's clock, or null (due any time that day)." }),
    recurrence: z.union([z.string(), z.null()]).meta({
      description:
        'How it repeats: an RFC 5545 RRULE, e.g. "FREQ=WEEKLY;BYDAY=MO", or null. Completing the task (status "done") moves it to its next date instead.',
    }),
    recurrenceTimeZone: z
      .union([z.string(), z.null()])
      .meta({ description: "The IANA time zone the repeat's dates and time are on (read-only), or null." }),
    recurrenceText: z
      .union([z.string(), z.null()])
      .meta({ description: 'The repeat in words, e.g. "every Monday" (read-only), or null.' }),
    completedCount: z
      .number()
      .int()
      .min(0)
      .meta({ description: "How often a recurring task has been completed (read-only)." }),
    lastCompletedAt: z
      .union([z.string().meta({ format: "date-time" }), z.null()])
      .meta({ description: "When a recurring task was last completed (read-only), or null." }),
    priority: z.enum(TASK_PRIORITIES),
    assigneeId: z.union([z.string(), z.null()]).meta({
      description:
        "The member of the list the task is assigned to (their userId: an editor or the owner, never a viewer), or null when nobody is.",
    }),
    subtasks: z
      .array(
        z.strictObject({
          id: z.string().meta({ description: "Unique within the task; kept across changes." }),
          title: z.string(),
          done: z.boolean(),
        }),
      )
      .meta({ description: "The task's checklist, in order (at most 100); [] when it has none." }),
    labels: z
      .array(z.string())
      .meta({ description: 'Its labels, as its list spells them, e.g. ["errand"]; [] for none.' }),
    createdAt: z.string().meta({ format: "date-time" }),
    updatedAt: z.string().meta({ format: "date-time" }),
    version: z.number().int().min(1).meta({ description: "Goes up by one with every change; the ETag." }),
    createdBy: z
      .union([z.string(), z.null()])
      .meta({ description: "The user id of who added the task (read-only), or null when not known (older tasks)." }),
    updatedBy: z.union([z.string(), z.null()]).meta({
      description: "The user id of who last changed it, a move included (read-only), or null when not known.",
    }),
  })
  .meta({ id: "Task" });
export type TaskResource = z.output<typeof taskResourceSchema>;

export function toTaskResource(task: Task): TaskResource {
  const { id, listId, title, description, status, dueDate, priority, createdAt, updatedAt, version } = task;
  return {
    id,
    listId: publicListId(listId),
    title,
    description,
    status,
    dueDate,
    dueTime: task.dueTime ?? null,
    recurrence: task.recurrence?.rule ?? null,
    recurrenceTimeZone: task.recurrence?.timeZone ?? null,
    recurrenceText: task.recurrence ? describeRecurrence(task.recurrence.rule) : null,
    completedCount: task.completions?.count ?? 0,
    lastCompletedAt: task.completions?.lastAt ?? null,
    priority,
    assigneeId: task.assigneeId ?? null,
    subtasks: (task.subtasks ?? []).map(({ id: subtaskId, title: subtaskTitle, done }) => ({
      id: subtaskId,
      title: subtaskTitle,
      done,
    })),
    labels: task.labels ?? [],
    createdAt,
    updatedAt,
    version,
    createdBy: task.createdBy ?? null,
    updatedBy: task.updatedBy ?? null,
  };
}

export const taskListResourceSchema = z
  .strictObject({
    tasks: z.array(taskResourceSchema),
    next: z.union([z.string(), z.null()]).meta({ description: "The cursor of the next page, or null on the last." }),
  })
  .meta({ id: "TaskList" });
