import { DESCRIPTION_MAX, TASK_STATUSES, TITLE_MAX, type TaskStatus } from "#src/tasks/task-constants.ts";

/** Browser-safe facts about tasks that components need for display. */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
};

export const STATUS_OPTIONS = TASK_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

export const TASK_LIMITS = { title: TITLE_MAX, description: DESCRIPTION_MAX } as const;

// Fixed locale and zone so the server's HTML and the browser's hydration agree.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatTimestamp(iso: string): string {
  return `${dateFormat.format(new Date(iso))} UTC`;
}
