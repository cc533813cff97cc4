import { Icon } from "#app/components/icons.tsx";
import { PRIORITY_LABELS } from "#app/task-display.ts";
import type { DueWords } from "#src/tasks/due-words.ts";
import type { TaskPriority, TaskStatus } from "#src/tasks/task-constants.ts";

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
 * The due date in the words the page's loader worked out (src/tasks/due-words.ts): "Overdue ·
 * Mon 30 Nov", "Today", "Fri 4 Dec", then the time and the repeat; tailwind.css colours it by
 * data-due. `status` is the one shown, so a task ticked done stops being overdue at once.
 */
export function DueLabel({
  due,
  dueDate,
  dueTime,
  status,
}: {
  due: DueWords | undefined;
  dueDate: string | null;
  /** "17:00", shown after the date. */
  dueTime?: string | null;
  status: TaskStatus;
}) {
  if (!due || !dueDate) return null;
  const { state, text } = (status === "done" && due.done) || due;
  return (
    <span data-due={state} className="due">
      <CalendarIcon />
      <span className="sr-only">Due </span>
      <time dateTime={dueTime ? `${dueDate}T${dueTime}` : dueDate}>
        {text}
        {dueTime && ` ${dueTime}`}
      </time>
      {due.repeat && <span data-repeat>· {due.repeat}</span>}
    </span>
  );
}

function CalendarIcon() {
  return <Icon name="calendar" className="size-3.5" />;
}
