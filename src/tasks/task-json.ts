import * as z from "zod";
import {
  DESCRIPTION_MAX,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TITLE_MAX,
  descriptionText,
  dueDateText,
  dueTimeText,
  titleText,
  SUBTASK_ID,
  SUBTASKS_MAX,
  subtaskTitleText,
} from "#src/tasks/task.ts";
import { isRecurrenceRule } from "#src/tasks/quick-add.ts";
import { LABEL_MAX, MAX_LABELS, distinctLabels, labelsProblem } from "#src/tasks/task-labels.ts";

/**
 * The JSON API's request bodies: the same rules as the forms (the pipes into task.ts's rules),
 * with JSON's types: a field of the wrong type is named, not guessed at, and a field we do not
 * know is refused (strict objects). The `meta` constraints are what the OpenAPI document
 * shows. Loaded with the API's code only, so page requests never build these schemas.
 */

const titleJson = z
  .string({ error: "Title must be a string." })
  .meta({ description: "One line of visible text, trimmed.", minLength: 1, maxLength: TITLE_MAX })
  .pipe(titleText);
const descriptionJson = z
  .string({ error: "Description must be a string." })
  .meta({ description: "Plain text; line breaks are kept as \\n.", maxLength: DESCRIPTION_MAX })
  .pipe(descriptionText);
const dueDateJson = z
  .string({ error: "Due date must be a date as YYYY-MM-DD, or null." })
  .meta({ format: "date", description: "A calendar date, YYYY-MM-DD; null for none." })
  .pipe(dueDateText)
  .nullable();
const dueTimeJson = z
  .string({ error: "Due time must be a time as HH:MM, or null." })
  .meta({
    pattern: "^([01]\\d|2[0-3]):[0-5]\\d$",
    description: "HH:MM on the user's clock; null for none. Needs a due date.",
  })
  .pipe(dueTimeText)
  .nullable();
/** An RRULE as RFC 5545 writes it, with or without its "RRULE:" prefix; null for none. */
export const recurrenceJson = z
  .string({ error: "Recurrence must be an RRULE such as FREQ=WEEKLY;BYDAY=MO, or null." })
  .meta({
    description:
      'An RFC 5545 RRULE without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO"; null for none. It repeats on the caller\'s time zone; without a due date the task starts at its first date from today.',
    example: "FREQ=WEEKLY;BYDAY=MO",
  })
  .transform((value) =>
    value
      .trim()
      .replace(/^RRULE:/i, "")
      .toUpperCase(),
  )
  .pipe(z.string().refine(isRecurrenceRule, "Recurrence must be an RRULE such as FREQ=WEEKLY;BYDAY=MO, or null."))
  .nullable();
const assigneeJson = z
  .string({ error: "assigneeId must be a member's user id, or null." })
  .max(128, "assigneeId must be a member's user id, or null.")
  .meta({
    description:
      "The member of the task's list it is assigned to (a userId from GET /lists/{listId}/members), or null for nobody. Only in a list other than the Inbox; editors and owners assign.",
  })
  .nullable();
/** A task's checklist as a client sends it: the whole list, in order; an entry without an id is new. */
const subtasksJson = z
  .array(
    z.strictObject({
      id: z
        .string({ error: "A sub-task's id must be a string." })
        .regex(SUBTASK_ID, "A sub-task's id is 1 to 32 letters, digits, _ or -.")
        .optional()
        .meta({ description: "Keep the id a sub-task has; leave it out for a new one." }),
      title: z
        .string({ error: "A sub-task's title must be a string." })
        .meta({ description: "One line of visible text, trimmed.", minLength: 1, maxLength: TITLE_MAX })
        .pipe(subtaskTitleText),
      done: z.boolean({ error: "A sub-task's done must be true or false." }).default(false),
    }),
    { error: "Subtasks must be a list of { title, done } objects." },
  )
  .max(SUBTASKS_MAX, `A task can have at most ${SUBTASKS_MAX} sub-tasks.`)
  .meta({ description: `The task's checklist, in order (at most ${SUBTASKS_MAX}); it replaces the whole list.` });

const labelsJson = z
  .array(z.string({ error: "Labels must be a list of strings." }), { error: "Labels must be a list of strings." })
  .max(100, `A task can have at most ${MAX_LABELS} labels.`)
  .meta({
    description: `Up to ${MAX_LABELS} labels, each 1 to ${LABEL_MAX} letters, digits, "-" or "_"; matched without regard to case and spelled as the list first spelled them. [] for none.`,
    example: ["errand"],
  })
  .superRefine((names, context) => {
    const problem = labelsProblem(names);
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .transform((names) => distinctLabels(names));
const statusJson = z.enum(TASK_STATUSES, { error: `Status must be one of: ${TASK_STATUSES.join(", ")}.` });
const priorityJson = z.enum(TASK_PRIORITIES, { error: `Priority must be one of: ${TASK_PRIORITIES.join(", ")}.` });

/** POST /api/v1/tasks: only the title is required. */
export const taskCreateJsonSchema = z
  .strictObject({
    title: titleJson,
    description: descriptionJson.default(""),
    status: statusJson.default("todo"),
    dueDate: dueDateJson.default(null),
    dueTime: dueTimeJson.default(null),
    recurrence: recurrenceJson.default(null),
    priority: priorityJson.default("none"),
    assigneeId: assigneeJson.default(null),
    subtasks: subtasksJson.default([]),
    labels: labelsJson.default([]),
    listId: z
      .string({ error: 'listId must be a list\'s id, or "inbox".' })
      .max(100, 'listId must be a list\'s id, or "inbox".')
      .optional()
      .meta({ description: 'The list to add the task to: "inbox" (the default) or a list\'s id.' }),
  })
  .meta({ id: "TaskCreate", description: "A new task." });

/** PATCH /api/v1/tasks/{id}: only the fields sent change; `version` may stand in for If-Match. */
export const taskPatchJsonSchema = z
  .strictObject({
    title: titleJson.optional(),
    description: descriptionJson.optional(),
    status: statusJson.optional(),
    dueDate: dueDateJson.optional(),
    dueTime: dueTimeJson.optional(),
    recurrence: recurrenceJson.optional(),
    priority: priorityJson.optional(),
    assigneeId: assigneeJson.optional(),
    subtasks: subtasksJson.optional(),
    listId: z
      .string({ error: 'listId must be a list\'s id, or "inbox".' })
      .max(100, 'listId must be a list\'s id, or "inbox".')
      .optional()
      .meta({
        description:
          'Moves the task to this list ("inbox" or a list\'s id), keeping its id; needs the editor role in both lists, neither archived.',
      }),
    labels: labelsJson.optional(),
    version: z
      .number({ error: "Version must be a whole number." })
      .int("Version must be a whole number.")
      .min(1, "Version must be a whole number.")
      .optional()
      .meta({ description: "The version this change is based on, when If-Match is not sent." }),
  })
  .meta({ id: "TaskPatch", description: "The fields to change; the others keep their values." });
export type TaskPatch = z.output<typeof taskPatchJsonSchema>;
