import type * as z from "zod";
import { formatCount } from "#src/format-count.ts";
import { DomainError, ValidationError } from "#src/errors.ts";
import { SUBTASKS_FULL, completeSubtasks, newSubtaskId } from "#src/tasks/subtasks.ts";
import { CsvSyntaxError, isFormulaLike, parseCsv, unescapeCsvCell } from "#src/tasks/csv.ts";
import { MAX_IMPORT_BYTES, SUBTASKS_MAX, type Subtask } from "#src/tasks/task-constants.ts";
import { EXPORT_FIELDS, EXPORT_JSON_FORMAT } from "#src/tasks/task-export-service.ts";
import { recurrenceJson, taskCreateJsonSchema } from "#src/tasks/task-json.ts";
import { nextOccurrence, parseRepeat } from "#src/tasks/quick-add.ts";
import { isTimeZone, todayIn } from "#src/tasks/task-dates.ts";
import { takeLabels } from "#src/tasks/task-labels.ts";
import type { TaskFields } from "#src/tasks/task-repository.ts";
import {
  dueDateText,
  subtaskTitleText,
  taskInputSchema,
  type TaskPriority,
  type TaskRecurrence,
} from "#src/tasks/task.ts";

/** A task read from a file: what a new task is made of. */
export type ImportedTask = Omit<TaskFields, "completions">;

/** Where the importing user is: repeats are on their calendar, and a repeat's first date is from their today. */
export interface ImportClock {
  timeZone: string;
  now?: Date;
}

/**
 * Reading an uploaded file into tasks, without storing anything: our JSON export, our CSV
 * export, or Todoist's CSV export. Each task is checked by the same schema as the create form
 * (CSV cells are strings, as form fields are) or the JSON API (JSON values keep their types).
 * A file that cannot be read as a whole is an ImportFileError; a row that breaks a rule is
 * refused with its row number and the rule's message, and the other rows still import.
 */

/**
 * Under 4.5 MB: API Gateway hands an upload to Lambda base64-encoded (4/3 larger) inside a
 * 6 MB (6,291,456-byte) invocation payload, so about 4.7 MB is the most a deployed function can
 * receive; 4.5 MB leaves room for the form's framing, headers and cookies. A JSON export of
 * 10,000 typical tasks is about 4.4 MB.
 */
export { MAX_IMPORT_BYTES };
export const MAX_IMPORT_TASKS = 10_000;

export type ImportFormat = "json" | "csv" | "todoist";

export interface RefusedRow {
  /** "Row 3" (CSV: the spreadsheet's row, the header being row 1) or "Task 3" (JSON, from 1). */
  label: string;
  messages: string[];
}

export interface ParsedImport {
  format: ImportFormat;
  tasks: ImportedTask[];
  refused: RefusedRow[];
  /** Things the user should know that refuse nothing, e.g. a Todoist date we could not read. */
  notes: string[];
}

export class ImportFileError extends DomainError {
  constructor(message: string) {
    super("import.bad_file", message);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const FORMULA_MESSAGE = (field: string) =>
  `The ${field} starts with = + - @ or a tab, which a spreadsheet runs as a formula (CSV injection); remove that character or put an apostrophe (') before it.`;

function issuesOf(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => issue.message);
}

function tooManyTasks(count: number): ImportFileError {
  return new ImportFileError(
    `The file has ${formatCount(count)} tasks; import at most ${formatCount(MAX_IMPORT_TASKS)} at a time (split the file).`,
  );
}

/** Bytes to text: refuses empty, too large, binary and non-UTF-8 files. */
export function decodeImportFile(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportFileError("The file is empty.");
  if (bytes.length >= MAX_IMPORT_BYTES)
    throw new ImportFileError(
      `The file is ${megabytes(bytes.length)}; files must be under 4.5 MB (split it into parts).`,
    );
  if (bytes.includes(0))
    throw new ImportFileError(
      "This is a binary file (for example a spreadsheet or an archive), not CSV or JSON text. Save it as “CSV UTF-8” and try again.",
    );
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFileError("The file is not UTF-8 text. Save it as “CSV UTF-8” (or export it again) and try again.");
  }
  if (text.trim() === "") throw new ImportFileError("The file is empty.");
  return text;
}

export function parseImportFile(bytes: Uint8Array, clock: ImportClock = { timeZone: "UTC" }): ParsedImport {
  const text = decodeImportFile(bytes);
  const start = text.trimStart()[0];
  return start === "{" || start === "[" ? parseJsonImport(text, clock) : parseCsvImport(text, clock);
}

const JSON_TASK_FIELDS = [
  "title",
  "description",
  "status",
  "dueDate",
  "dueTime",
  "recurrence",
  "priority",
  "subtasks",
  "labels",
] as const;

/**
 * A task with its repeat on the zone the file names (our export's recurrenceTimeZone) or the
 * importing user's; a repeat without a date starts at its first date from their today.
 */
function withRecurrence(
  fields: Omit<ImportedTask, "recurrence"> & { recurrence: string | null },
  zone: unknown,
  clock: ImportClock,
): ImportedTask | string {
  const { recurrence: rule, ...rest } = fields;
  if (!rule) return { ...rest, recurrence: null };
  const timeZone = typeof zone === "string" && isTimeZone(zone) ? zone : clock.timeZone;
  const recurrence: TaskRecurrence = { rule, timeZone };
  const dueDate = rest.dueDate ?? nextOccurrence(rule, todayIn(timeZone, clock.now), true);
  if (!dueDate) return "This repeat has no dates left.";
  if (rest.dueTime && !rest.dueDate) return "A due time needs a due date.";
  return { ...rest, dueDate, recurrence };
}

function parseJsonImport(text: string, clock: ImportClock): ParsedImport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(
      `The file is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`,
    );
  }
  const items =
    document && typeof document === "object" && !Array.isArray(document)
      ? (document as Record<string, unknown>).format === EXPORT_JSON_FORMAT
        ? (document as Record<string, unknown>).tasks
        : undefined
      : document;
  if (!Array.isArray(items))
    throw new ImportFileError(
      `This JSON is not a Task Tracker export: expected {"format":"${EXPORT_JSON_FORMAT}","tasks":[…]} or a list of tasks.`,
    );
  if (items.length > MAX_IMPORT_TASKS) throw tooManyTasks(items.length);
  const result: ParsedImport = { format: "json", tasks: [], refused: [], notes: [] };
  items.forEach((item: unknown, index) => {
    const label = `Task ${index + 1}`;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      result.refused.push({ label, messages: ["Each task must be an object with a title."] });
      return;
    }
    // Ids, timestamps and versions are the old task's: the import makes new tasks.
    const fields = Object.fromEntries(
      JSON_TASK_FIELDS.filter((field) => Object.hasOwn(item, field)).map((field) => [
        field,
        (item as Record<string, unknown>)[field],
      ]),
    );
    const parsed = taskCreateJsonSchema.safeParse(fields);
    const subtasks = parsed.success ? readSubtasks(parsed.data.subtasks) : [];
    if (!parsed.success || typeof subtasks === "string") {
      result.refused.push({ label, messages: parsed.success ? [subtasks as string] : issuesOf(parsed.error) });
      return;
    }
    const task = withRecurrence(
      { ...parsed.data, subtasks },
      (item as Record<string, unknown>).recurrenceTimeZone,
      clock,
    );
    if (typeof task === "string") result.refused.push({ label, messages: [task] });
    else result.tasks.push(task);
  });
  return result;
}

/** A file's checklist with its ids kept (new ones for those without), or why it is refused. */
function readSubtasks(entries: readonly { id?: string; title: string; done?: boolean }[]): Subtask[] | string {
  try {
    return completeSubtasks(entries);
  } catch (error) {
    if (error instanceof ValidationError) return Object.values(error.fieldErrors).flat().join(" ");
    throw error;
  }
}

/** Our CSV's `subtasks` cell (subtasksCell in the export) read back. */
function readSubtasksCell(cell: string): Subtask[] | string {
  const entries = [];
  for (const line of cell.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const match = /^\[( |x|X)\] (.*)$/.exec(line);
    if (!match) return `A sub-task line must start with “[ ] ” or “[x] ”: “${line.slice(0, 40)}”.`;
    const title = subtaskTitleText.safeParse(match[2] ?? "");
    if (!title.success) return issuesOf(title.error).join(" ");
    entries.push({ title: title.data, done: match[1] !== " " });
  }
  return readSubtasks(entries);
}

function isBlankRecord(record: readonly string[]): boolean {
  return record.length === 1 && record[0]?.trim() === "";
}

function parseCsvImport(text: string, clock: ImportClock): ParsedImport {
  let records: string[][];
  try {
    records = parseCsv(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new ImportFileError(`The CSV cannot be read: row ${error.row}: ${error.message}.`);
    throw error;
  }
  const header = (records[0] ?? []).map((name) => name.trim());
  const names = new Set(header);
  const upperHeader = header.map((name) => name.toUpperCase());
  const upper = new Set(upperHeader);
  // Todoist's names are read ignoring case, so CONTENT and content would be the same column.
  const repeated = header.find((name, index) => upperHeader.indexOf(name.toUpperCase()) !== index);
  if (repeated !== undefined)
    throw new ImportFileError(
      `The CSV has the column “${repeated.slice(0, 40)}” more than once (column names are compared ignoring case); keep one.`,
    );
  const ours = names.has("title") && header.every((name) => (EXPORT_FIELDS as readonly string[]).includes(name));
  const todoist = upper.has("TYPE") && upper.has("CONTENT");
  if (!ours && !todoist)
    throw new ImportFileError(
      `The CSV's columns are not ones we know. Expected our export's (${EXPORT_FIELDS.join(", ")}) or Todoist's (TYPE, CONTENT, DESCRIPTION, PRIORITY, DATE); found: ${header.join(", ").slice(0, 200) || "nothing"}.`,
    );
  const rows = records
    .slice(1)
    .map((cells, index) => ({ cells, row: index + 2 }))
    .filter(({ cells }) => !isBlankRecord(cells));
  return ours ? readOurCsv(header, rows, clock) : readTodoistCsv(upperHeader, rows, clock);
}

interface CsvRow {
  cells: string[];
  row: number;
}

function cellsByName(
  header: readonly string[],
  { cells, row }: CsvRow,
): { refused: RefusedRow } | { named: Map<string, string> } {
  if (cells.length !== header.length)
    return {
      refused: {
        label: `Row ${row}`,
        messages: [`This row has ${cells.length} cells; the header has ${header.length}.`],
      },
    };
  // A Map: the file names the columns, and a name like `constructor` must not find Object's own.
  return { named: new Map(header.map((name, index) => [name, cells[index] ?? ""])) };
}

function readOurCsv(header: readonly string[], rows: readonly CsvRow[], clock: ImportClock): ParsedImport {
  if (rows.length > MAX_IMPORT_TASKS) throw tooManyTasks(rows.length);
  const result: ParsedImport = { format: "csv", tasks: [], refused: [], notes: [] };
  for (const row of rows) {
    const read = cellsByName(header, row);
    if ("refused" in read) {
      result.refused.push(read.refused);
      continue;
    }
    const cells = read.named;
    // Our export puts an apostrophe before anything formula-like; a bare one was not written by us.
    const formulas = (["title", "description"] as const)
      .filter((field) => isFormulaLike(cells.get(field) ?? ""))
      .map((field) => FORMULA_MESSAGE(field));
    if (formulas.length > 0) {
      result.refused.push({ label: `Row ${row.row}`, messages: formulas });
      continue;
    }
    const value = (field: string) => unescapeCsvCell(cells.get(field) ?? "");
    // A CSV cell is a string, as a form field is; its recurrence is an RRULE, read as the API reads one.
    const parsed = taskInputSchema.safeParse(Object.fromEntries(CSV_TASK_FIELDS.map((field) => [field, value(field)])));
    const rule = value("recurrence") ? recurrenceJson.safeParse(value("recurrence")) : undefined;
    if (!parsed.success || rule?.success === false) {
      const messages = [...(parsed.error ? issuesOf(parsed.error) : []), ...(rule?.error ? issuesOf(rule.error) : [])];
      result.refused.push({ label: `Row ${row.row}`, messages });
      continue;
    }
    const subtasks = readSubtasksCell(cells.get("subtasks") ?? "");
    if (typeof subtasks === "string") {
      result.refused.push({ label: `Row ${row.row}`, messages: [subtasks] });
      continue;
    }
    const { repeat: _repeat, ...fields } = parsed.data;
    const task = withRecurrence(
      { ...fields, recurrence: rule?.data ?? null, subtasks },
      value("recurrenceTimeZone"),
      clock,
    );
    if (typeof task === "string") result.refused.push({ label: `Row ${row.row}`, messages: [task] });
    else result.tasks.push(task);
  }
  return result;
}

const CSV_TASK_FIELDS = ["title", "description", "status", "dueDate", "dueTime", "priority", "labels"] as const;

/** Todoist's PRIORITY: 1 is its highest (shown as p1), 4 the default. */
const TODOIST_PRIORITY = new Map<string, TaskPriority>([
  ["1", "urgent"],
  ["2", "high"],
  ["3", "medium"],
  ["4", "none"],
  ["", "none"],
]);

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, "i");
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i");

function isoDate(year: string, month: number, day: string): string {
  return `${year}-${String(month).padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * A due date from Todoist's DATE: a leading YYYY-MM-DD (its dated exports), or "3 Dec 2026" /
 * "Dec 3, 2026". Recurring and relative dates ("every monday", "tomorrow") and numeric forms
 * like 03/12/2026 (day or month first?) are not guessed: null.
 */
export function readTodoistDate(value: string): string | null {
  const text = value.trim();
  let candidate: string | undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})(?![\d-])/.exec(text);
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  const monthFirst = MONTH_DAY_YEAR.exec(text);
  if (iso?.[1]) candidate = iso[1];
  else if (dayFirst?.[1] && dayFirst[2] && dayFirst[3])
    candidate = isoDate(dayFirst[3], MONTHS.indexOf(dayFirst[2].toLowerCase()) + 1, dayFirst[1]);
  else if (monthFirst?.[1] && monthFirst[2] && monthFirst[3])
    candidate = isoDate(monthFirst[3], MONTHS.indexOf(monthFirst[1].toLowerCase()) + 1, monthFirst[2]);
  if (!candidate) return null;
  const parsed = dueDateText.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function readTodoistCsv(header: readonly string[], rows: readonly CsvRow[], clock: ImportClock): ParsedImport {
  const result: ParsedImport = { format: "todoist", tasks: [], refused: [], notes: [] };
  let skipped = 0;
  let taskRows = 0;
  let asSubtasks = 0;
  // Todoist's INDENT: 1 is a task, 2 and more a sub-task of the task above it (ours have one
  // level, so deeper ones join the same task).
  let parent: ImportedTask | undefined;
  for (const row of rows) {
    const read = cellsByName(header, row);
    if ("refused" in read) {
      result.refused.push(read.refused);
      continue;
    }
    const cells = read.named;
    if ((cells.get("TYPE") ?? "").trim().toLowerCase() !== "task") {
      skipped += 1;
      continue;
    }
    taskRows += 1;
    if (taskRows > MAX_IMPORT_TASKS) throw tooManyTasks(rows.length - skipped);
    const label = `Row ${row.row}`;
    // Todoist writes a task's labels into its content ("Buy milk @errand"): they become labels.
    const { title, labels } = takeLabels(cells.get("CONTENT") ?? "");
    const description = cells.get("DESCRIPTION") ?? "";
    const indent = Number((cells.get("INDENT") ?? "").trim() || "1");
    if (indent > 1 && parent) {
      const step = subtaskTitleText.safeParse(title);
      const subtasks = (parent.subtasks ??= []);
      if (!step.success || isFormulaLike(title))
        result.refused.push({
          label,
          messages: step.success ? [FORMULA_MESSAGE("title")] : issuesOf(step.error),
        });
      else if (subtasks.length >= SUBTASKS_MAX) result.refused.push({ label, messages: [SUBTASKS_FULL] });
      else {
        subtasks.push({
          id: newSubtaskId(new Set(subtasks.map((subtask) => subtask.id))),
          title: step.data,
          done: false,
        });
        asSubtasks += 1;
      }
      continue;
    }
    const messages: string[] = [];
    if (isFormulaLike(title)) messages.push(FORMULA_MESSAGE("title"));
    if (isFormulaLike(description)) messages.push(FORMULA_MESSAGE("description"));
    const priority = TODOIST_PRIORITY.get((cells.get("PRIORITY") ?? "").trim());
    if (!priority) messages.push("Todoist's priority must be 1 (highest) to 4.");
    if (messages.length > 0) {
      result.refused.push({ label, messages });
      continue;
    }
    const date = cells.get("DATE") ?? "";
    // Todoist's repeating dates ("every monday", "every 2 weeks") become repeats.
    const rule = date.trim() ? parseRepeat(date) : null;
    const dueDate = date.trim() && !rule ? readTodoistDate(date) : null;
    if (date.trim() && !dueDate && !rule)
      result.notes.push(
        `${label}: “${date.trim().slice(0, 60)}” is not a date we can read; the task gets no due date.`,
      );
    const parsed = taskInputSchema.safeParse({
      title,
      description,
      priority,
      dueDate: dueDate ?? "",
      labels: labels.join(","),
    });
    if (!parsed.success) {
      result.refused.push({ label, messages: issuesOf(parsed.error) });
      continue;
    }
    const { repeat: _repeat, ...fields } = parsed.data;
    const task = withRecurrence({ ...fields, recurrence: rule }, undefined, clock);
    // A refused task's indented rows have no task to join: they come in as tasks of their own.
    parent = typeof task === "string" ? undefined : task;
    if (typeof task === "string") result.refused.push({ label, messages: [task] });
    else result.tasks.push(task);
  }
  if (asSubtasks > 0)
    result.notes.push(
      `${formatCount(asSubtasks)} indented ${asSubtasks === 1 ? "row became a sub-task" : "rows became sub-tasks"} of the task above (a sub-task keeps its title only).`,
    );
  if (skipped > 0)
    result.notes.push(
      `${formatCount(skipped)} ${skipped === 1 ? "row that is not a task (a section or note) was" : "rows that are not tasks (sections, notes) were"} left out.`,
    );
  return result;
}
