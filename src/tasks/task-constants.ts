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
  priority: TaskPriority;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === "string" && (TASK_STATUSES as readonly string[]).includes(value);
}

export function isTaskPriority(value: unknown): value is TaskPriority {
  return typeof value === "string" && (TASK_PRIORITIES as readonly string[]).includes(value);
}
