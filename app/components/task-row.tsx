import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { BULK_FORM_ID } from "#app/components/bulk-toolbar.tsx";
import { Icon } from "#app/components/icons.tsx";
import { MENU_NAME } from "#app/components/use-closing-menus.ts";
import { serverHtml } from "#app/components/server-html.ts";
import { QuickChangeForm, useQuickChange } from "#app/components/quick-change.tsx";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { DueLabel, PriorityBadge } from "#app/components/task-badges.tsx";
import { MarkedText } from "#app/components/task-search.tsx";
import { PRIORITY_LABELS, PRIORITY_OPTIONS, STATUS_LABELS, STATUS_OPTIONS } from "#app/task-display.ts";
import { bulkRef, taskHref } from "#app/task-urls.ts";
import type { ListLabel } from "#app/components/list-chip.tsx";
import type { DueWords } from "#src/tasks/due-words.ts";
import type { RowTask } from "#src/tasks/task-constants.ts";
import type { TaskMarks } from "#src/tasks/task-search.ts";

const MENU_CLASS = "group relative z-10 open:z-30";

/**
 * A disclosure menu that needs no script: a summary showing the value, a list of buttons.
 * Open, it rises above the rows below it (their menus share its z-index otherwise).
 */
function ChangeMenu({ label, summary, children }: { label: string; summary: ReactNode; children: ReactNode }) {
  return (
    <details name={MENU_NAME} className={MENU_CLASS}>
      <summary aria-label={label} className="menu-summary">
        {summary}
        <Icon name="chevron" className="size-3 text-slate-500" />
      </summary>
      <div className="menu-panel">{children}</div>
    </details>
  );
}

/**
 * One task in a list: done toggle, title, due date, and one-click status and priority menus.
 * In search results, the matched words are marked, and the description shows around its match.
 */
export function TaskRow({
  task,
  due,
  returnTo,
  marks,
  list,
  readOnly,
  rowHtml,
}: {
  task: RowTask;
  /** Its due date in words (none without one). */
  due: DueWords | undefined;
  returnTo: string;
  /** On a search's page: the title and description with the matches marked. */
  marks?: TaskMarks;
  /** In a view across lists: the list the task is in. */
  list?: ListLabel;
  /** In a list the user cannot change here (a viewer's, an archived one): no controls that would be refused. */
  readOnly?: boolean;
  /** Its assignee, "Move to…" menu and byline as HTML from the loader (app/.server/move-html.ts, assign-html.ts). */
  rowHtml?: string;
}) {
  const change = useQuickChange(task);
  const shown = { ...task, status: change.status, priority: change.priority };
  const done = shown.status === "done";
  const formProps = { returnTo, seen: change.seen, onSubmit: change.onSubmit };
  const { progress } = task;

  // One form for the row's one-click changes: each button names the field it sets.
  return (
    <li id={`task-${task.id}`} data-task-id={task.id} aria-busy={change.busy || undefined} className="task-row">
      {readOnly ? (
        <span className="row-select" />
      ) : (
        // Belongs to the bulk form above the list (rows hold forms of their own, which cannot nest).
        <input
          type="checkbox"
          name="ids"
          value={bulkRef(task)}
          form={BULK_FORM_ID}
          aria-label={`Select “${task.title}”`}
          className="row-select"
        />
      )}
      {/* Read-only, the form holds no button: nothing to submit. */}
      <QuickChangeForm {...formProps} className="contents">
        <input type="hidden" name="base.priority" value={change.seen.priority} />
        {!readOnly && (
          <div className="relative z-10 pt-0.5">
            <button
              type="submit"
              name="status"
              value={done ? "todo" : "done"}
              aria-label={done ? `Mark “${task.title}” as not done` : `Mark “${task.title}” as done`}
              data-done={done || undefined}
              className="done-toggle"
            >
              <Icon name="check" className="size-3.5" />
            </button>
          </div>
        )}
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold break-words">
            {/* The link covers the row, so the row is one big target; the controls sit above it. */}
            <Link to={taskHref(task, returnTo)} data-done={done || undefined} className="row-link">
              <MarkedText text={task.title} parts={marks?.title} />
            </Link>
          </h3>
          {task.description && (
            <p className="muted mt-0.5 line-clamp-1 text-sm break-words">
              <MarkedText text={task.description} parts={marks?.description} />
            </p>
          )}
          <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1.5">
            {list && (
              <span className="list-chip">
                <span aria-hidden="true" data-color={list.color} className="list-dot" />
                <span className="sr-only">List: </span>
                {list.name}
              </span>
            )}
            <DueLabel due={due} dueDate={task.dueDate} dueTime={task.dueTime} status={shown.status} />
            {/* The checklist's progress; its next step is ticked in one click (the row's form). */}
            {progress && (
              <button
                type="submit"
                name="subtask"
                value={progress.next}
                disabled={readOnly || !progress.next}
                aria-label={progress.label}
                className="subtask-next"
              >
                {progress.text}
              </button>
            )}
            {/* Each label links to this page's view of it: a plain link, relative to the page (a label
                has only letters, digits, "-" and "_", so it needs no escaping in a query). */}
            {task.labels?.map((label) => (
              <a key={label} href={`?label=${label}`} className="label-chip">
                @{label}
              </a>
            ))}
            {readOnly ? (
              <>
                <StatusBadge status={shown.status} />
                <PriorityBadge priority={shown.priority} />
              </>
            ) : (
              <>
                <OptionsMenu
                  name="status"
                  options={STATUS_OPTIONS}
                  current={shown.status}
                  label={`Status of “${task.title}”: ${STATUS_LABELS[shown.status]}. Change status`}
                  summary={<StatusBadge status={shown.status} />}
                />
                <OptionsMenu
                  name="priority"
                  options={PRIORITY_OPTIONS}
                  current={shown.priority}
                  label={`Priority of “${task.title}”: ${PRIORITY_LABELS[shown.priority]}. Change priority`}
                  summary={<PriorityBadge priority={shown.priority} />}
                />
              </>
            )}
            {rowHtml && <div className="contents" dangerouslySetInnerHTML={{ __html: rowHtml }} />}
          </div>
        </div>
      </QuickChangeForm>
    </li>
  );
}

/**
 * The menu for one field (status or priority): a button per value, the current one pressed. The
 * server writes it as one string (options-menu-html.ts, once its page's loader has loaded it):
 * the same DOM, which this JSX hydrates.
 */
export function OptionsMenu<V extends string>({
  name,
  options,
  current,
  label,
  summary,
}: {
  name: "status" | "priority";
  options: readonly { value: V; label: string }[];
  current: V;
  label: string;
  summary: ReactNode;
}) {
  const html = import.meta.env.SSR && serverHtml.optionsMenu?.(name, current, label);
  if (html) return <details name={MENU_NAME} className={MENU_CLASS} dangerouslySetInnerHTML={{ __html: html }} />;
  return (
    <ChangeMenu label={label} summary={summary}>
      {options.map((option) => (
        <button
          key={option.value}
          type="submit"
          name={name}
          value={option.value}
          aria-pressed={option.value === current}
          className="menu-item"
        >
          {option.label}
          {option.value === current && <Icon name="check" className="size-4 text-indigo-600" />}
        </button>
      ))}
    </ChangeMenu>
  );
}
