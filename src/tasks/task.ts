import { z } from "zod";
import { DESCRIPTION_MAX, TASK_STATUSES, TITLE_MAX, type TaskStatus } from "#src/tasks/task-constants.ts";

export { DESCRIPTION_MAX, TASK_STATUSES, TITLE_MAX };
export type { Task, TaskStatus } from "#src/tasks/task-constants.ts";

// C0 and C1 control characters and DEL; a title is one line of text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/u;
// A description may have line breaks and tabs, nothing else from the control ranges.
// eslint-disable-next-line no-control-regex -- as above
const DESCRIPTION_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** Length as a person counts it: code points, so an emoji is one character. */
function charCount(value: string): number {
  return [...value].length;
}

/** Form fields arrive as strings (or not at all); anything else is treated as missing. */
const formString = z.preprocess((value) => (typeof value === "string" ? value : undefined), z.string().optional());

export const titleSchema = formString
  .transform((value) => (value ?? "").trim())
  .pipe(
    z
      .string()
      .refine((value) => value.length > 0, "Title is required.")
      .refine((value) => charCount(value) <= TITLE_MAX, `Title must be at most ${TITLE_MAX} characters.`)
      .refine((value) => !CONTROL_CHARS.test(value), "Title cannot contain control characters."),
  );

export const descriptionSchema = formString
  // Browsers submit CRLF line breaks; store one form so lengths and comparisons agree.
  .transform((value) => (value ?? "").replace(/\r\n?/g, "\n").trimEnd())
  .pipe(
    z
      .string()
      .refine(
        (value) => charCount(value) <= DESCRIPTION_MAX,
        `Description must be at most ${DESCRIPTION_MAX.toLocaleString("en-US")} characters.`,
      )
      .refine((value) => !DESCRIPTION_CONTROL_CHARS.test(value), "Description cannot contain control characters."),
  );

export const statusSchema = z.enum(TASK_STATUSES, { error: "Choose a valid status." });

export const taskInputSchema = z.object({
  title: titleSchema,
  description: descriptionSchema,
  status: formString.transform((value) => (value === undefined || value === "" ? "todo" : value)).pipe(statusSchema),
});
export type TaskInput = z.output<typeof taskInputSchema>;

export const taskUpdateSchema = taskInputSchema.extend({
  version: formString.pipe(
    z
      .string({ error: "The form is out of date; reload the task and try again." })
      .regex(/^[1-9]\d{0,8}$/, "The form is out of date; reload the task and try again.")
      .transform(Number),
  ),
});
export type TaskUpdate = z.output<typeof taskUpdateSchema>;

/** Task ids are ULIDs: 26 Crockford base32 characters. */
export const taskIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export const statusFilterSchema = z.enum(TASK_STATUSES).optional();

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === "string" && (TASK_STATUSES as readonly string[]).includes(value);
}
