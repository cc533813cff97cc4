import { formatCsvRow } from "#src/tasks/csv.ts";
import { queryAllTasksByOwner } from "#src/tasks/task-repository.ts";
import type { Subtask, Task } from "#src/tasks/task.ts";

/**
 * The export: every task of the owner (done ones too) with every field, as JSON or CSV. The
 * owner's partition is read a page (1 MB) at a time and written out as text as it arrives.
 */

export const EXPORT_FORMATS = ["json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The columns of the CSV, and the keys of each JSON task, in this order. */
export const EXPORT_FIELDS = [
  "id",
  "title",
  "description",
  "status",
  "dueDate",
  "priority",
  "createdAt",
  "updatedAt",
  "version",
  // Added with times and repeats, at the end so older readers of the columns are not thrown.
  "dueTime",
  "recurrence",
  "recurrenceTimeZone",
  // Added with sub-tasks: JSON [{ id, title, done }]; CSV one a line, "[x] " or "[ ] " first.
  "subtasks",
  // Added with labels: JSON ["errand"]; CSV "errand, home" (the edit form's way).
  "labels",
] as const;

type ExportField = (typeof EXPORT_FIELDS)[number];

/** One field of a task as the export writes it: the repeat as its RRULE and its zone, apart. */
function exportValue(task: Task, field: Exclude<ExportField, "subtasks" | "labels">): string | number | null {
  if (field === "dueTime") return task.dueTime ?? null;
  if (field === "recurrence") return task.recurrence?.rule ?? null;
  if (field === "recurrenceTimeZone") return task.recurrence?.timeZone ?? null;
  return task[field];
}

/** Our CSV's `subtasks` cell: one a line, "[x] " for done, "[ ] " for not (a title is one line). */
export function subtasksCell(subtasks: readonly Subtask[] | undefined): string {
  return (subtasks ?? []).map((subtask) => `${subtask.done ? "[x]" : "[ ]"} ${subtask.title}`).join("\n");
}

/** Names our JSON file, so the import knows it is ours (and which shape it has). */
export const EXPORT_JSON_FORMAT = "task-tracker-export";
export const EXPORT_JSON_VERSION = 1;

const BOM = "\uFEFF";

export interface TaskExport {
  body: string;
  fileName: string;
  contentType: string;
  count: number;
}

/** Fields a JSON task leaves out when it has none (an import reads a missing one as none). */
const OMITTED_WHEN_EMPTY: ReadonlySet<ExportField> = new Set(["dueTime", "recurrence", "recurrenceTimeZone"]);

/**
 * One task of the JSON export. The time and repeat fields are left out when empty: written as
 * null on every task, 10,000 tasks' export grew past what the import takes (4.5 MB).
 */
function exportedTask(task: Task): Partial<Record<ExportField, unknown>> {
  return Object.fromEntries(
    EXPORT_FIELDS.flatMap((field): [ExportField, unknown][] => {
      // Left out when empty, as times and repeats are.
      if (field === "labels") return task.labels?.length ? [[field, [...task.labels]]] : [];
      if (field === "subtasks")
        return task.subtasks?.length
          ? [[field, task.subtasks.map(({ id, title, done }) => ({ id, title, done }))]]
          : [];
      const value = exportValue(task, field);
      return value === null && OMITTED_WHEN_EMPTY.has(field) ? [] : [[field, value]];
    }),
  );
}

function csvCells(task: Task): string[] {
  return EXPORT_FIELDS.map((field) => {
    if (field === "subtasks") return subtasksCell(task.subtasks);
    if (field === "labels") return (task.labels ?? []).join(", ");
    const value = exportValue(task, field);
    return value === null ? "" : String(value);
  });
}

/** The tasks of every list given, list by list, one page (1 MB) at a time. */
async function* tasksOf(listIds: readonly string[]): AsyncGenerator<Task[]> {
  for (const listId of listIds) yield* queryAllTasksByOwner(listId);
}

export async function exportTasks(
  listIds: readonly string[],
  format: ExportFormat,
  now = new Date(),
): Promise<TaskExport> {
  const parts: string[] = [];
  let count = 0;
  const stamp = now.toISOString();
  if (format === "csv") {
    // The byte order mark makes Excel read the file as UTF-8 rather than the system code page.
    parts.push(BOM, formatCsvRow(EXPORT_FIELDS));
    for await (const page of tasksOf(listIds)) {
      for (const task of page) parts.push(formatCsvRow(csvCells(task)));
      count += page.length;
    }
  } else {
    parts.push(`{"format":"${EXPORT_JSON_FORMAT}","version":${EXPORT_JSON_VERSION},"exportedAt":"${stamp}","tasks":[`);
    for await (const page of tasksOf(listIds)) {
      for (const task of page) {
        parts.push(`${count === 0 ? "\n" : ",\n"}${JSON.stringify(exportedTask(task))}`);
        count += 1;
      }
    }
    parts.push("\n]}\n");
  }
  return {
    body: parts.join(""),
    fileName: `tasks-${stamp.slice(0, 10)}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    count,
  };
}
