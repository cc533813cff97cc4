import type { TaskStatus } from "#src/tasks/task-constants.ts";
import { STATUS_LABELS } from "#app/task-display.ts";

// The colour is decoration; the label always says the status in words.
const STYLES: Record<TaskStatus, { badge: string; dot: string }> = {
  todo: {
    badge: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
    dot: "bg-slate-500 dark:bg-slate-300",
  },
  in_progress: {
    badge: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700",
    dot: "bg-amber-500 dark:bg-amber-400",
  },
  done: {
    badge:
      "bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-700",
    dot: "bg-emerald-600 dark:bg-emerald-400",
  },
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  const style = STYLES[status];
  return (
    <span data-status={status} className={`badge ${style.badge}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {STATUS_LABELS[status]}
    </span>
  );
}
