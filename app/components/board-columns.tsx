import { Link, useFetchers } from "@remix-run/react";
import {
  QuickChangeAnnouncer,
  QuickChangeForm,
  quickChangeTaskId,
  useQuickChange,
} from "#app/components/quick-change.tsx";
import { DueLabel, PriorityBadge } from "#app/components/task-badges.tsx";
import { linkClass } from "#app/components/view-controls.tsx";
import { STATUS_LABELS, STATUS_OPTIONS } from "#app/task-display.ts";
import { boardHref, bulkRef, taskHref } from "#app/task-urls.ts";
import type { DueWords } from "#src/tasks/due-words.ts";
import { isTaskStatus, type Task, type TaskSort, type TaskStatus } from "#src/tasks/task-constants.ts";

export interface BoardColumnData {
  status: TaskStatus;
  tasks: Task[];
  nextCursor?: string;
  laterPage: boolean;
}

/** Status changes in flight (one-click moves), by task id: a moving card shows in its new column at once. */
function useMoves(): Map<string, TaskStatus> {
  const moves = new Map<string, TaskStatus>();
  for (const fetcher of useFetchers()) {
    const status = fetcher.formData?.get("status");
    const taskId = quickChangeTaskId(fetcher.key);
    if (fetcher.state !== "idle" && taskId && isTaskStatus(status)) moves.set(taskId, status);
  }
  return moves;
}

export function BoardColumns({
  columns,
  sort,
  dues,
  filterLabel,
  returnTo,
  cursors,
  base,
  readOnly = [],
}: {
  columns: BoardColumnData[];
  sort: TaskSort;
  /** Each dated task's due date in words, by task id. */
  dues: Record<string, DueWords>;
  /** A label's key, when the board shows only its tasks. */
  filterLabel?: string;
  returnTo: string;
  cursors: Partial<Record<TaskStatus, string>>;
  /** "/board" (every list) or "/lists/<id>/board". */
  base?: string;
  /** The ids of the lists shown that the user may only read: their cards have no buttons. */
  readOnly?: string[];
}) {
  const moves = useMoves();
  const all = columns.flatMap((column) => column.tasks);
  return (
    <QuickChangeAnnouncer>
      <div className="board-columns">
        {columns.map((column) => {
          const staying = column.tasks.filter((task) => (moves.get(task.id) ?? task.status) === column.status);
          const arriving = all.filter((task) => task.status !== column.status && moves.get(task.id) === column.status);
          const tasks = [...arriving.map((task) => ({ ...task, status: column.status })), ...staying];
          const label = STATUS_LABELS[column.status];
          const headingId = `column-${column.status}`;
          return (
            <section
              key={column.status}
              aria-labelledby={headingId}
              data-column={column.status}
              className="board-column"
            >
              <h2 id={headingId} className="px-1 pb-2 text-base font-semibold">
                {label}{" "}
                <span className="muted text-sm font-normal">
                  ({tasks.length}
                  {column.nextCursor ? "+" : ""})
                </span>
              </h2>
              {tasks.length === 0 ? (
                <p className="board-empty">{column.laterPage ? "No more tasks here." : `Nothing is “${label}”.`}</p>
              ) : (
                <ul aria-label={`${label} tasks`} className="space-y-2">
                  {tasks.map((task) => (
                    <BoardCard
                      key={task.id}
                      task={task}
                      due={dues[task.id]}
                      returnTo={returnTo}
                      readOnly={readOnly.includes(task.listId)}
                    />
                  ))}
                </ul>
              )}
              <div className="mt-3 flex justify-between gap-2 px-1 text-sm">
                {column.laterPage ? (
                  <Link
                    to={boardHref({
                      base,
                      sort,
                      label: filterLabel,
                      cursors: { ...cursors, [column.status]: undefined },
                    })}
                    className={linkClass}
                  >
                    ← First {label} tasks
                  </Link>
                ) : (
                  <span />
                )}
                {column.nextCursor && (
                  <Link
                    to={boardHref({
                      base,
                      sort,
                      label: filterLabel,
                      cursors: { ...cursors, [column.status]: column.nextCursor },
                    })}
                    className={linkClass}
                    aria-label={`More ${label} tasks`}
                  >
                    More →
                  </Link>
                )}
              </div>
            </section>
          );
        })}
      </div>
    </QuickChangeAnnouncer>
  );
}

function BoardCard({
  task,
  due,
  returnTo,
  readOnly,
}: {
  task: Task;
  due: DueWords | undefined;
  returnTo: string;
  readOnly: boolean;
}) {
  const change = useQuickChange(task);
  const status = change.status;
  // data-ref names the task to the bulk form the keyboard's changes post (keyboard-shortcut-keys.ts).
  return (
    <li
      id={`task-${task.id}`}
      data-task-id={task.id}
      data-ref={bulkRef(task)}
      data-read-only={readOnly || undefined}
      className="board-card"
    >
      <h3 className="font-semibold break-words">
        <Link to={taskHref(task, returnTo)} className="card-link">
          {task.title}
        </Link>
      </h3>
      <div className="mt-1.5 flex flex-wrap items-center gap-2">
        <DueLabel due={due} dueDate={task.dueDate} dueTime={task.dueTime} status={status} />
        {task.priority !== "none" && <PriorityBadge priority={task.priority} />}
      </div>
      {!readOnly && (
        <QuickChangeForm
          returnTo={returnTo}
          seen={change.seen}
          onSubmit={change.onSubmit}
          className="mt-2 flex flex-wrap items-center gap-1.5 text-xs"
        >
          <span className="muted">Move to</span>
          {STATUS_OPTIONS.filter((option) => option.value !== status).map((option) => (
            <button
              key={option.value}
              type="submit"
              name="status"
              value={option.value}
              aria-label={`Move “${task.title}” to ${option.label}`}
              className="board-move"
            >
              {option.label}
            </button>
          ))}
        </QuickChangeForm>
      )}
    </li>
  );
}
