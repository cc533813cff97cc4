import {
  DESCRIPTION_MAX,
  TASK_PRIORITIES,
  TASK_SORTS,
  TASK_STATUSES,
  TITLE_MAX,
  type TaskPriority,
  type TaskSort,
  type TaskStatus,
} from "#src/tasks/task-constants.ts";
import { formatCalendarDate } from "#src/tasks/task-dates.ts";

/** Browser-safe facts about tasks that components need for display. */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
};

export const STATUS_OPTIONS = TASK_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  urgent: "Urgent",
  high: "High",
  medium: "Medium",
  low: "Low",
  none: "No priority",
};

/** Highest first, as people pick them. */
export const PRIORITY_OPTIONS = [...TASK_PRIORITIES]
  .reverse()
  .map((value) => ({ value, label: PRIORITY_LABELS[value] }));

export const SORT_LABELS: Record<TaskSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  due: "Due date",
  priority: "Priority",
};

export const SORT_OPTIONS = TASK_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

export const TASK_LIMITS = { title: TITLE_MAX, description: DESCRIPTION_MAX } as const;

/** The time zone pages use: the user's, or UTC until they have one. */
export function displayTimeZone(timeZone: string | null | undefined): string {
  return timeZone || "UTC";
}

/** What a bulk action set, for its confirmation: "Done", "High", "Thu 24 Dec", or "" (cleared). */
export function bulkDetail(action: string, value: string | null | undefined, today: string): string {
  if (action === "status" && value) return STATUS_LABELS[value as TaskStatus] ?? value;
  if (action === "priority" && value) return PRIORITY_LABELS[value as TaskPriority] ?? value;
  if (action === "due" && value) return formatCalendarDate(value, today);
  if (action === "move" && value) return value;
  return "";
}
