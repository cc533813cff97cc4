import type { TaskStatus } from "#src/tasks/task-constants.ts";
import { STATUS_LABELS } from "#app/task-display.ts";

/** The colour (tailwind.css, by data-status) is decoration; the label always says the status in words. */
export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span data-status={status} className="badge">
      <span aria-hidden="true" className="badge-dot" />
      {STATUS_LABELS[status]}
    </span>
  );
}
