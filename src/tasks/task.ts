import * as z from "zod/mini";
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  DUE_TIME_PATTERN,
  DESCRIPTION_MAX,
  MAX_PAGE_SIZE,
  DUE_VIEWS,
  TASK_PRIORITIES,
  TASK_SORTS,
  TASK_STATUSES,
  SUBTASKS_MAX,
  TITLE_MAX,
  isTaskPriority,
  isTaskStatus,
} from "#src/tasks/task-constants.ts";
import { formatCount } from "#src/format-count.ts";
import { SEARCH_MAX } from "#src/tasks/task-search.ts";
import { MAX_DUE_YEAR, MIN_DUE_YEAR, dueYear, isCalendarDate } from "#src/tasks/task-dates.ts";
import { distinctLabels, isLabelName, labelKey, labelsProblem, splitLabelText } from "#src/tasks/task-labels.ts";

export {
  DEFAULT_PAGE_SIZE,
  DESCRIPTION_MAX,
  MAX_PAGE_SIZE,
  SUBTASKS_MAX,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TITLE_MAX,
  isTaskPriority,
  isTaskStatus,
};
export type {
  DueView,
  Subtask,
  Task,
  TaskCompletions,
  TaskPriority,
  TaskRecurrence,
  TaskSort,
  TaskStatus,
} from "#src/tasks/task-constants.ts";

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
const formString = z.pipe(
  z.transform((value: unknown) => (typeof value === "string" ? value : undefined)),
  z.optional(z.string()),
);

// Half of a surrogate pair on its own (only JSON can send one: "\ud800"): not text, and not
// something DynamoDB stores (it takes UTF-8) or a page can show.
const LONE_SURROGATE = /\p{Cs}/u;
// Bidirectional overrides and isolates can make text display as something it is not.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;
// Characters that show nothing: whitespace, format characters (zero-width space, word joiner),
// default-ignorable ones (the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, variation
// selectors, tags) and the blank Braille pattern. A title made only of these is empty to a reader.
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
// The ones that are blank wherever they stand (never part of an emoji or a script's spelling):
// taken off a title's ends, as spaces are.
const BLANK_ENDS =
  /^[\s\u115f\u1160\u3164\uffa0\u2800\u200b\u2060\ufeff]+|[\s\u115f\u1160\u3164\uffa0\u2800\u200b\u2060\ufeff]+$/gu;
// LINE SEPARATOR and PARAGRAPH SEPARATOR break a line wherever text is shown.
const LINE_SEPARATORS = /[\u2028\u2029]/gu;
// Tag characters (U+E0000–E007F) are invisible text, a way to smuggle words past a reader. Their
// one real use is a subdivision flag: a black flag, tags, and the cancel tag (🏴 England).
const FLAG_TAG_SEQUENCE = /\u{1f3f4}[\u{e0020}-\u{e007e}]+\u{e007f}/gu;
const TAG_CHARS = /[\u{e0000}-\u{e007f}]/u;

function hasStrayTags(value: string): boolean {
  return TAG_CHARS.test(value.replace(FLAG_TAG_SEQUENCE, ""));
}

/** A submitted string, trimmed. */
const trimmed = () =>
  z.pipe(
    z.string(),
    z.transform((value: string) => value.trim()),
  );

/** A form field that may be missing or empty, with the value to use then. */
const withDefault = (fallback: string) =>
  z.pipe(
    formString,
    z.transform((value) => (value === undefined || value === "" ? fallback : value)),
  );

/**
 * The rules of one line of text (a title, a sub-task), the same for the forms, the JSON API and
 * imports: line separators become spaces, blank ends are trimmed; then visible, 1 to 200
 * characters, one plain line, no hidden tag text. `name` starts its messages.
 */
const lineText = (name: string) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((value: string) => value.replace(LINE_SEPARATORS, " ").replace(BLANK_ENDS, "")),
    ),
    z.string().check(
      z.refine((value) => value.replace(INVISIBLE, "").length > 0, `${name} is required.`),
      z.refine((value) => charCount(value) <= TITLE_MAX, `${name} must be at most ${TITLE_MAX} characters.`),
      z.refine(
        (value) => !CONTROL_CHARS.test(value) && !BIDI_CONTROLS.test(value),
        `${name} cannot contain control characters.`,
      ),
      z.refine((value) => !LONE_SURROGATE.test(value), `${name} contains a character that is not valid text.`),
      z.refine((value) => !hasStrayTags(value), `${name} cannot contain invisible tag characters.`),
    ),
  );

/** A task's title: one line (lineText). */
export const titleText = lineText("Title");
/** A sub-task's title: the same rules as a task's. */
export const subtaskTitleText = lineText("A sub-task");

/** Description rules: plain text up to 5,000 characters, line breaks kept as "\n". */
export const descriptionText = z.pipe(
  z.pipe(
    z.string(),
    // Browsers submit CRLF line breaks; store one form so lengths and comparisons agree.
    z.transform((value: string) => value.replace(/\r\n?|[\u2028\u2029]/g, "\n").trimEnd()),
  ),
  z.string().check(
    z.refine(
      (value) => charCount(value) <= DESCRIPTION_MAX,
      `Description must be at most ${formatCount(DESCRIPTION_MAX)} characters.`,
    ),
    z.refine(
      (value) => !DESCRIPTION_CONTROL_CHARS.test(value) && !BIDI_CONTROLS.test(value),
      "Description cannot contain control characters.",
    ),
    z.refine((value) => !LONE_SURROGATE.test(value), "Description contains a character that is not valid text."),
    z.refine((value) => !hasStrayTags(value), "Description cannot contain invisible tag characters."),
  ),
);

export const titleSchema = z.pipe(withDefault(""), titleText);
export const descriptionSchema = z.pipe(withDefault(""), descriptionText);

export const statusSchema = z.enum(TASK_STATUSES, { error: "Choose a valid status." });
export const prioritySchema = z.enum(TASK_PRIORITIES, { error: "Choose a valid priority." });

/** A due date as a date input submits it: YYYY-MM-DD, a real date; empty means "no due date". */
export const dueDateText = z.pipe(
  trimmed(),
  z.pipe(
    z.string().check(
      z.refine((value) => value === "" || isCalendarDate(value), "Enter a real date as YYYY-MM-DD."),
      z.refine(
        (value) =>
          value === "" || !isCalendarDate(value) || (dueYear(value) >= MIN_DUE_YEAR && dueYear(value) <= MAX_DUE_YEAR),
        `Enter a date between ${MIN_DUE_YEAR} and ${MAX_DUE_YEAR}.`,
      ),
    ),
    z.transform((value: string) => (value === "" ? null : value)),
  ),
);

/** A time of day as a time input submits it: HH:MM; empty means "any time that day". */
export const dueTimeText = z.pipe(
  trimmed(),
  z.pipe(
    z.string().check(z.refine((value) => value === "" || DUE_TIME_PATTERN.test(value), "Enter a time as HH:MM.")),
    z.transform((value: string) => (value === "" ? null : value)),
  ),
);

export const REPEAT_TEXT_MAX = 100;

/** A repeat as typed ("every monday"), read by the quick-add parser in the service; empty means none. */
export const repeatText = z.pipe(
  trimmed(),
  z.pipe(
    z
      .string()
      .check(
        z.refine(
          (value) => charCount(value) <= REPEAT_TEXT_MAX,
          `A repeat can be at most ${REPEAT_TEXT_MAX} characters.`,
        ),
      ),
    z.transform((value: string) => (value === "" ? null : value)),
  ),
);

/** Labels as a form sends them ("errand, home"): checked, repeats dropped; empty means none. */
export const labelsText = z.pipe(
  z.pipe(
    z.string(),
    z.transform((text: string) => splitLabelText(text)),
  ),
  z.pipe(
    z.array(z.string()).check(
      z.superRefine((names, context) => {
        const problem = labelsProblem(names);
        if (problem) context.addIssue({ code: "custom", message: problem, input: names });
      }),
    ),
    z.transform((names: string[]) => distinctLabels(names)),
  ),
);

export const taskInputSchema = z.object({
  title: titleSchema,
  description: descriptionSchema,
  status: z.pipe(withDefault("todo"), statusSchema),
  dueDate: z.pipe(withDefault(""), dueDateText),
  dueTime: z.pipe(withDefault(""), dueTimeText),
  repeat: z.pipe(withDefault(""), repeatText),
  labels: z.pipe(withDefault(""), labelsText),
  priority: z.pipe(withDefault("none"), prioritySchema),
});
export type TaskInput = z.output<typeof taskInputSchema>;

/** Who a task is assigned to, as a form sends it: a member's user id, or empty for nobody. */
export const assigneeField = z.pipe(
  z.string({ error: "Choose a member of the list, or nobody." }),
  z.pipe(
    z.transform((value: string) => value.trim()),
    z.pipe(
      z.string().check(z.maxLength(128, "Choose a member of the list, or nobody.")),
      z.transform((value: string) => (value === "" ? null : value)),
    ),
  ),
);

const STALE_FORM = "The form is incomplete or out of date; reload the task and try again.";

/** The version the user's change is based on, as the hidden form field sends it. */
const versionField = z.pipe(
  formString,
  z.pipe(z.string({ error: STALE_FORM }).check(z.regex(/^[1-9]\d{0,8}$/, STALE_FORM)), z.transform(Number)),
);

/**
 * An update replaces every field, so each must be present: a request that leaves one out
 * would otherwise silently blank it (the edit form always sends all of them).
 */
export const taskUpdateSchema = z.object({
  title: z.pipe(z.string({ error: STALE_FORM }), titleText),
  description: z.pipe(z.string({ error: STALE_FORM }), descriptionText),
  status: z.enum(TASK_STATUSES, {
    error: (issue) => (issue.input === undefined ? STALE_FORM : "Choose a valid status."),
  }),
  dueDate: z.pipe(z.string({ error: STALE_FORM }), dueDateText),
  // Left out (a form from before times and repeats) keeps what the task has.
  dueTime: z.optional(z.pipe(z.string(), dueTimeText)),
  repeat: z.optional(z.pipe(z.string(), repeatText)),
  // Left out (a form from before labels) keeps the task's labels.
  labels: z.optional(z.pipe(z.string(), labelsText)),
  priority: z.enum(TASK_PRIORITIES, {
    error: (issue) => (issue.input === undefined ? STALE_FORM : "Choose a valid priority."),
  }),
  // Left out (a task in the Inbox, a form from before assignment) keeps the assignee.
  assigneeId: z.optional(assigneeField),
  version: versionField,
});
export type TaskUpdate = z.output<typeof taskUpdateSchema>;

/** A sub-task's id: random, URL-safe (subtask-service.ts makes them; the API may keep its own). */
export const SUBTASK_ID = /^[\w-]{1,32}$/;
const subtaskIdField = z.pipe(formString, z.string({ error: STALE_FORM }).check(z.regex(SUBTASK_ID, STALE_FORM)));
const subtaskTitleField = z.pipe(withDefault(""), subtaskTitleText);

/** The task page's checklist forms: each names its change (`intent`) and the version the user saw. */
export const subtaskChangeSchemas = {
  add: z.object({ title: subtaskTitleField, version: versionField }),
  done: z.object({
    subtask: subtaskIdField,
    done: z.pipe(
      withDefault("true"),
      z.pipe(
        z.enum(["true", "false"], { error: STALE_FORM }),
        z.transform((value: "true" | "false") => value === "true"),
      ),
    ),
    version: versionField,
  }),
  rename: z.object({ subtask: subtaskIdField, title: subtaskTitleField, version: versionField }),
  move: z.object({
    subtask: subtaskIdField,
    move: z.pipe(withDefault(""), z.enum(["up", "down"], { error: STALE_FORM })),
    version: versionField,
  }),
  remove: z.object({ subtask: subtaskIdField, version: versionField }),
};
export type SubtaskChange = keyof typeof subtaskChangeSchemas;

/**
 * One-click changes from a list or the board: one field, its value as the page showed it
 * (`base.status`, …: the change applies unless someone changed that very field since) and the
 * version the page saw (what decides for a form rendered before pages sent the field's value).
 */
export const statusChangeSchema = z.object({
  status: statusSchema,
  "base.status": z.optional(z.enum(TASK_STATUSES, { error: STALE_FORM })),
  version: versionField,
});
export const priorityChangeSchema = z.object({
  priority: prioritySchema,
  "base.priority": z.optional(z.enum(TASK_PRIORITIES, { error: STALE_FORM })),
  version: versionField,
});
const formAssignee = z.pipe(
  z.transform((value: unknown) => (typeof value === "string" ? value : "")),
  assigneeField,
);
export const assigneeChangeSchema = z.object({
  assigneeId: formAssignee,
  "base.assigneeId": z.optional(formAssignee),
  version: versionField,
});

/** A search as typed: trimmed; empty means "no search". */
export const searchQueryText = z.pipe(
  trimmed(),
  z
    .string()
    .check(z.refine((value) => charCount(value) <= SEARCH_MAX, `A search can be at most ${SEARCH_MAX} characters.`)),
);

const PAGE_SIZE_MESSAGE = `Limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`;

/** What a list URL may ask for; anything else is a 400 with the message, never a guess. */
export const taskListQuerySchema = z
  .pipe(
    z.object({
      status: z.pipe(
        withDefault(""),
        z.union([z.literal(""), z.literal("not_done"), statusSchema], { error: "Unknown status filter." }),
      ),
      sort: z.pipe(withDefault(DEFAULT_SORT), z.enum(TASK_SORTS, { error: "Unknown sort order." })),
      due: z.pipe(withDefault(""), z.union([z.literal(""), z.enum(DUE_VIEWS)], { error: "Unknown due-date view." })),
      q: z.pipe(withDefault(""), searchQueryText),
      label: z.pipe(
        z.pipe(withDefault(""), trimmed()),
        z.pipe(
          z
            .string()
            .check(z.refine((value) => value === "" || isLabelName(value.replace(/^@/u, "")), "Unknown label.")),
          z.transform((value: string) => labelKey(value.replace(/^@/u, ""))),
        ),
      ),
      limit: z.pipe(
        withDefault(String(DEFAULT_PAGE_SIZE)),
        z.pipe(
          z.pipe(z.string().check(z.regex(/^\d{1,3}$/, PAGE_SIZE_MESSAGE)), z.transform(Number)),
          z.int().check(z.gte(1, PAGE_SIZE_MESSAGE), z.lte(MAX_PAGE_SIZE, PAGE_SIZE_MESSAGE)),
        ),
      ),
    }),
    z.transform(({ status, sort, due, q, label, limit }) => ({
      // Today and Upcoming list only tasks not done: there "not done" is the view itself.
      status: status === "" || (due && status === "not_done") ? undefined : status,
      sort,
      due: due === "" ? undefined : due,
      q: q === "" ? undefined : q,
      label: label === "" ? undefined : label,
      limit,
    })),
  )
  .check(
    z.superRefine((query, context) => {
      if (query.due && query.status === "done")
        context.addIssue({ code: "custom", path: ["status"], message: "Today and Upcoming only list tasks not done." });
      if (query.due && query.sort !== "due" && query.sort !== DEFAULT_SORT)
        context.addIssue({ code: "custom", path: ["sort"], message: "Today and Upcoming are sorted by due date." });
    }),
  );
export type TaskListQuery = z.output<typeof taskListQuerySchema>;

/** Task ids are ULIDs: 26 Crockford base32 characters. */
export const taskIdSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));
