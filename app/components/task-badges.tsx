import { Icon } from "#app/components/icons.tsx";
import { PRIORITY_LABELS } from "#app/task-display.ts";
import type { TaskPriority, TaskStatus } from "#src/tasks/task-constants.ts";
import { dueState, formatDueLabel, type DueState } from "#src/tasks/task-dates.ts";

// Colour is decoration: every badge says what it means in words.
const PRIORITY_STYLES: Record<TaskPriority, string> = {
  urgent: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-700",
  high: "bg-orange-50 text-orange-900 ring-orange-300 dark:bg-orange-950 dark:text-orange-100 dark:ring-orange-700",
  medium: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-700",
  low: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-600",
  none: "bg-transparent text-slate-600 ring-0 outline-1 -outline-offset-1 outline-dashed outline-slate-400 dark:text-slate-300 dark:outline-slate-500",
};

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return (
    <span data-priority={priority} className={`badge ${PRIORITY_STYLES[priority]}`}>
      <FlagIcon />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function FlagIcon() {
  return <Icon name="flag" className="size-3" />;
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
  return <Icon name="calendar" className="size-3.5" />;
}
