import * as z from "zod";
import { TASK_PRIORITIES } from "#src/tasks/task-constants.ts";

/** What POST /api/v1/parse reads: the text as typed, and the parts the user dismissed. */
export const PARSE_TEXT_MAX = 1000;

export const parseRequestSchema = z
  .strictObject({
    text: z
      .string({ error: "Send the text to parse as a string." })
      .min(1, "Send some text to parse.")
      .max(PARSE_TEXT_MAX, `The text can be at most ${PARSE_TEXT_MAX} characters.`),
    keep: z
      .array(z.int().min(0).max(PARSE_TEXT_MAX), { error: "keep is a list of part start offsets." })
      .max(50)
      .optional()
      .meta({ description: "Start offsets of parts (from an earlier answer) to leave as text." }),
  })
  .meta({ id: "ParseRequest" });

const partSchema = z.strictObject({
  kind: z.enum(["date", "priority", "label", "list", "repeat"]),
  start: z.int().min(0).meta({ description: "Where the part starts in the text (UTF-16 offset)." }),
  end: z.int().min(0).meta({ description: "Where it ends (exclusive)." }),
  text: z.string(),
});

/** What quick add would make of the text; nothing is created. */
export const parseResultSchema = z
  .strictObject({
    title: z.string(),
    dueDate: z.union([z.string().meta({ format: "date" }), z.null()]),
    dueTime: z.union([z.string().regex(/^\d{2}:\d{2}$/), z.null()]).meta({ description: "HH:MM, the user's clock." }),
    priority: z.union([z.enum(TASK_PRIORITIES), z.null()]).meta({ description: "null when the text names none." }),
    labels: z.array(z.string()),
    list: z.union([z.string(), z.null()]).meta({ description: "An existing list named with #, or null." }),
    recurrence: z
      .union([z.string(), z.null()])
      .meta({ description: 'An RFC 5545 RRULE without the "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=MO.' }),
    recurrenceText: z.union([z.string(), z.null()]).meta({ description: 'The repeat in words, e.g. "every Monday".' }),
    parts: z.array(partSchema).meta({ description: "Every recognised part, in the order it stands." }),
  })
  .meta({ id: "ParseResult" });
export type ParseResult = z.output<typeof parseResultSchema>;
