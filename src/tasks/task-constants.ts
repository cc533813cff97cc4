/**
 * The task model without its validation library, so browser code can use it for nothing.
 */
export const TASK_STATUSES = ["todo", "in_progress", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A list's status filter: one status, or "not_done" (to do and in progress together). */
export type StatusFilter = TaskStatus | "not_done";
/** The statuses "not done" covers. */
export const OPEN_STATUSES: readonly TaskStatus[] = ["todo", "in_progress"];

/** Lowest to highest; `none` is what a task without a priority (or from before priorities) has. */
export const TASK_PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** The orders a list can be read in; each is one index (see task-repository.ts). */
export const TASK_SORTS = ["newest", "oldest", "due", "priority"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export const DEFAULT_SORT: TaskSort = "newest";

/** Views by due date, over tasks that are not done: Today (overdue and due today) and Upcoming. */
export const DUE_VIEWS = ["today", "upcoming"] as const;
export type DueView = (typeof DUE_VIEWS)[number];

/** Upcoming lists the tasks due in the days after today, up to and including today + 7. */
export const UPCOMING_DAYS = 7;

/** Tasks per page: the pages always show 25; the JSON API lets a caller ask for 1 to 100. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export const TITLE_MAX = 200;

/** Sub-tasks a task can hold: 100 titles of at most 200 characters keep an item well under 400 KB. */
export const SUBTASKS_MAX = 100;

/** How long a delete or bulk change can be undone. */
export const UNDO_MINUTES = 30;

/** An import file must be smaller than this (task-import.ts says why); the page checks it too. */
export const MAX_IMPORT_BYTES = 4_500_000;
export const DESCRIPTION_MAX = 5000;

export interface Task {
  id: string;
  /** The list the task belongs to (stored as `owner`: an Inbox task's list id is its user's sub). */
  listId: string;
  title: string;
  description: string;
  status: TaskStatus;
  /** A calendar date, YYYY-MM-DD, with no time of day; null when the task has none. */
  dueDate: string | null;
  /**
   * The time of day it is due, "HH:MM" on the user's clock; absent (or null) for "any time that
   * day", and always without a date. Absent on every task stored before times existed.
   */
  dueTime?: string | null;
  /** How it repeats; absent (or null) for a task that does not. A recurring task always has a due date. */
  recurrence?: TaskRecurrence | null;
  /** A recurring task's completions so far; absent until the first. */
  completions?: TaskCompletions;
  /** Its labels as the list spells them (task-labels.ts); absent (or empty) for none. */
  labels?: string[];
  priority: TaskPriority;
  /** Its checklist, in order; absent (or empty) when it has none, as on every task stored before. */
  subtasks?: Subtask[];
  /**
   * The member of the task's (shared) list it is assigned to, by user id; absent (or null) when
   * nobody is. Absent on every task stored before assignment existed.
   */
  assigneeId?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Who added it and who last changed it (user ids, set by the service); absent on tasks stored before. */
  createdBy?: string;
  updatedBy?: string;
}

/**
 * A repeat: an RFC 5545 RRULE without its "RRULE:" prefix or DTSTART ("FREQ=WEEKLY;BYDAY=MO"),
 * and the IANA zone its dates and times are on (the user's, when the repeat was set), so "every
 * day at 9:00" stays at 9:00 on that clock across daylight saving changes.
 */
export interface TaskRecurrence {
  rule: string;
  timeZone: string;
}

/** One step of a task's checklist; `id` is unique within the task, random, and never reused. */
export interface Subtask {
  id: string;
  title: string;
  done: boolean;
}

/**
 * A row's view of the checklist, worded on the server so the row's script only places it:
 * "2/5 · Passport", and the next step's id when there is one to tick.
 */
export interface SubtaskProgress {
  /** What the row shows: "2/5", and the next step's title after it ("2/5 · Passport"). */
  text: string;
  /** What it says to assistive technology. */
  label: string;
  /** The first sub-task not done, which the row's button ticks. */
  next?: string;
}

/** A task as a list page's row gets it: its checklist's progress instead of every sub-task. */
export type RowTask = Omit<Task, "subtasks"> & { progress?: SubtaskProgress };

/** A task for a row: the list pages carry a few words, not up to 100 titles per task. */
export function toRowTask(task: Task): RowTask {
  const { subtasks, ...rest } = task;
  if (!subtasks?.length) return rest;
  const done = subtasks.filter((subtask) => subtask.done).length;
  const next = subtasks.find((subtask) => !subtask.done);
  const count = `${done} of ${subtasks.length} sub-tasks done`;
  const progress: SubtaskProgress = next
    ? { text: `${done}/${subtasks.length} · ${next.title}`, label: `Tick “${next.title}” (${count})`, next: next.id }
    : { text: `${done}/${subtasks.length}`, label: count };
  return { ...rest, progress };
}

export interface TaskCompletions {
  count: number;
  /** When the last one was ticked (ISO 8601). */
  lastAt: string;
}

/** "HH:MM", 00:00 to 23:59. */
export const DUE_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === "string" && (TASK_STATUSES as readonly string[]).includes(value);
}

export function isTaskPriority(value: unknown): value is TaskPriority {
  return typeof value === "string" && (TASK_PRIORITIES as readonly string[]).includes(value);
}
