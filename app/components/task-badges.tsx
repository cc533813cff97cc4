import { PRIORITY_LABELS } from "#app/task-display.ts";
import type { TaskPriority, TaskStatus } from "#src/tasks/task-constants.ts";
import { dueState, formatDueLabel, type DueState } from "#src/tasks/task-dates.ts";

// Colour is decoration: every badge says what it means in words.
const PRIORITY_STYLES: Record<TaskPriority, string> = {
  urgent: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-700",
  high: "bg-orange-50 text-orange-900 ring-orange-300 dark:bg-orange-950 dark:text-orange-100 dark:ring-orange-700",
  medium: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-700",
  low: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-600",
  none: "bg-transparent text-slate-600 ring-slate-300 ring-dashed dark:text-slate-300 dark:ring-slate-600",
};

export const badgeBase =
  "inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset";

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return (
    <span data-priority={priority} className={`${badgeBase} ${PRIORITY_STYLES[priority]}`}>
      <FlagIcon />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function FlagIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-3">
      <path d="M3 1.75a.75.75 0 0 0-1.5 0v12.5a.75.75 0 0 0 1.5 0V10h9.25a.75.75 0 0 0 .6-1.2L10.69 6l2.16-2.8a.75.75 0 0 0-.6-1.2H3v-.25Z" />
    </svg>
  );
}

const DUE_STYLES: Record<DueState, string> = {
  overdue: "text-red-700 dark:text-red-300 font-semibold",
  today: "text-amber-800 dark:text-amber-200 font-semibold",
  tomorrow: "text-indigo-700 dark:text-indigo-300 font-medium",
  soon: "text-slate-700 dark:text-slate-200 font-medium",
  later: "text-slate-600 dark:text-slate-300",
  none: "text-slate-600 dark:text-slate-300",
};

/** The due date as text ("Overdue · Mon 30 Nov", "Today", "Fri 4 Dec"), for the user's today. */
export function DueLabel({ dueDate, today, status }: { dueDate: string | null; today: string; status: TaskStatus }) {
  if (!dueDate) return null;
  const state = dueState(dueDate, today, status);
  return (
    <span data-due={state} className={`inline-flex items-center gap-1 text-xs whitespace-nowrap ${DUE_STYLES[state]}`}>
      <CalendarIcon />
      <span className="sr-only">Due </span>
      <time dateTime={dueDate}>{formatDueLabel(dueDate, today, status)}</time>
    </span>
  );
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-3.5">
      <path
        fillRule="evenodd"
        d="M4 1.75a.75.75 0 0 1 1.5 0V3h5V1.75a.75.75 0 0 1 1.5 0V3h.25A1.75 1.75 0 0 1 14 4.75v7.5A1.75 1.75 0 0 1 12.25 14h-8.5A1.75 1.75 0 0 1 2 12.25v-7.5A1.75 1.75 0 0 1 3.75 3H4V1.75ZM3.5 7v5.25c0 .14.11.25.25.25h8.5a.25.25 0 0 0 .25-.25V7h-9Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
