import { createContext, useContext } from "react";
import { Icon } from "#app/components/icons.tsx";
import { PRIORITY_LABELS } from "#app/task-display.ts";
import type { TaskPriority, TaskRecurrence, TaskStatus } from "#src/tasks/task-constants.ts";
import { repeatText } from "#src/tasks/recurrence-text.ts";
import { dueState, formatDueLabel } from "#src/tasks/task-dates.ts";

/** Colour (tailwind.css, by data-priority) is decoration: every badge says what it means in words. */
export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return (
    <span data-priority={priority} className="badge">
      <FlagIcon />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function FlagIcon() {
  return <Icon name="flag" className="size-3" />;
}

/**
 * The user's time now ("HH:MM"), from the page's loader: a task due today at an earlier time is
 * overdue. A context, so the rows, the board and the task page need not pass it down.
 */
export const ClockContext = createContext<string | null>(null);

/**
 * The due date as text ("Overdue · Mon 30 Nov", "Today", "Fri 4 Dec"), for the user's today;
 * tailwind.css colours it by data-due.
 */
export function DueLabel({
  dueDate,
  dueTime,
  recurrence,
  today,
  status,
}: {
  dueDate: string | null;
  /** "17:00", shown after the date. */
  dueTime?: string | null;
  /** A repeat, shown in words after the date ("every Monday"). */
  recurrence?: TaskRecurrence | null;
  today: string;
  status: TaskStatus;
}) {
  const time = useContext(ClockContext);
  if (!dueDate) return null;
  const state = dueState(dueDate, today, status, dueTime, time);
  return (
    <span data-due={state} className="due">
      <CalendarIcon />
      <span className="sr-only">Due </span>
      <time dateTime={dueTime ? `${dueDate}T${dueTime}` : dueDate}>
        {formatDueLabel(dueDate, today, status, dueTime, time)}
        {dueTime && ` ${dueTime}`}
      </time>
      {recurrence && <span data-repeat>· {repeatText({ recurrence })}</span>}
    </span>
  );
}

function CalendarIcon() {
  return <Icon name="calendar" className="size-3.5" />;
}
