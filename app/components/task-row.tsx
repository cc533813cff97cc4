import { Link } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import { BULK_FORM_ID } from "#app/components/bulk-toolbar.tsx";
import { QuickChangeForm, useQuickChange } from "#app/components/quick-change.tsx";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { DueLabel, PriorityBadge } from "#app/components/task-badges.tsx";
import { MarkedSnippet, MarkedText } from "#app/components/task-search.tsx";
import { PRIORITY_LABELS, PRIORITY_OPTIONS, STATUS_LABELS, STATUS_OPTIONS } from "#app/task-display.ts";
import type { Task } from "#src/tasks/task-constants.ts";

const menuButtonClass =
  "flex w-full items-center justify-between gap-3 rounded-md px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 aria-pressed:font-semibold dark:text-slate-100 dark:hover:bg-slate-800";

/** A disclosure menu that needs no script: a summary showing the value, a list of buttons. */
function ChangeMenu({ label, summary, children }: { label: string; summary: ReactNode; children: ReactNode }) {
  return (
    <details className="group relative z-10">
      <summary
        aria-label={label}
        className="inline-flex cursor-pointer list-none items-center gap-0.5 rounded-full [&::-webkit-details-marker]:hidden"
      >
        {summary}
        <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-3 text-slate-500">
          <path d="M4.22 6.22a.75.75 0 0 1 1.06 0L8 8.94l2.72-2.72a.75.75 0 1 1 1.06 1.06l-3.25 3.25a.75.75 0 0 1-1.06 0L4.22 7.28a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-44 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {children}
      </div>
    </details>
  );
}

/**
 * One task in a list: done toggle, title, due date, and one-click status and priority menus.
 * In search results, the matched words are marked, and the description shows around its match.
 */
export function TaskRow({
  task,
  today,
  returnTo,
  searchWords = [],
}: {
  task: Task;
  today: string;
  returnTo: string;
  searchWords?: readonly string[];
}) {
  const change = useQuickChange(task);
  const shown = { ...task, status: change.status, priority: change.priority };
  const done = shown.status === "done";
  const formProps = { task, returnTo, version: change.version, onSubmit: change.onSubmit };

  return (
    <li
      data-task-id={task.id}
      aria-busy={change.busy || undefined}
      className="relative flex items-start gap-3 px-4 py-3 hover:bg-slate-50 data-[current]:bg-indigo-50 data-[current]:shadow-[inset_4px_0_0_var(--color-indigo-600)] sm:px-5 dark:hover:bg-slate-800/60 dark:data-[current]:bg-indigo-950/60"
    >
      {/* Belongs to the bulk form above the list (rows hold forms of their own, which cannot nest). */}
      <input
        type="checkbox"
        name="ids"
        value={task.id}
        form={BULK_FORM_ID}
        aria-label={`Select “${task.title}”`}
        className="relative z-10 mt-1 size-4 shrink-0 accent-indigo-600"
      />
      <QuickChangeForm {...formProps} intent="status" className="relative z-10 pt-0.5">
        <button
          type="submit"
          name="status"
          value={done ? "todo" : "done"}
          aria-label={done ? `Mark “${task.title}” as not done` : `Mark “${task.title}” as done`}
          className={`grid size-6 place-items-center rounded-full border-2 ${
            done
              ? "border-emerald-600 bg-emerald-600 text-white dark:border-emerald-400 dark:bg-emerald-500"
              : "border-slate-400 text-transparent hover:border-emerald-600 hover:text-emerald-600 dark:border-slate-500"
          }`}
        >
          <CheckIcon className="size-3.5" />
        </button>
      </QuickChangeForm>
      <div className="min-w-0 flex-1">
        <h3 className="font-semibold break-words">
          {/* The link covers the row, so the row is one big target; the controls sit above it. */}
          <Link
            to={`/tasks/${task.id}`}
            className={`after:absolute after:inset-0 hover:text-indigo-700 hover:underline dark:hover:text-indigo-300 ${
              done ? "text-slate-600 line-through dark:text-slate-400" : "text-slate-900 dark:text-slate-100"
            }`}
          >
            <MarkedText text={task.title} words={searchWords} />
          </Link>
        </h3>
        {task.description && (
          <p className="mt-0.5 line-clamp-1 text-sm break-words text-slate-600 dark:text-slate-300">
            <MarkedSnippet text={task.description} words={searchWords} />
          </p>
        )}
        <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <DueLabel dueDate={task.dueDate} today={today} status={shown.status} />
          <OptionsMenu
            {...formProps}
            intent="status"
            options={STATUS_OPTIONS}
            current={shown.status}
            label={`Status of “${task.title}”: ${STATUS_LABELS[shown.status]}. Change status`}
            summary={<StatusBadge status={shown.status} />}
          />
          <OptionsMenu
            {...formProps}
            intent="priority"
            options={PRIORITY_OPTIONS}
            current={shown.priority}
            label={`Priority of “${task.title}”: ${PRIORITY_LABELS[shown.priority]}. Change priority`}
            summary={<PriorityBadge priority={shown.priority} />}
          />
        </div>
      </div>
    </li>
  );
}

/** The menu for one intent (status or priority): a button per value, the current one pressed. */
function OptionsMenu<V extends string>({
  intent,
  options,
  current,
  label,
  summary,
  ...formProps
}: {
  task: Task;
  returnTo: string;
  version: number;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  intent: "status" | "priority";
  options: readonly { value: V; label: string }[];
  current: V;
  label: string;
  summary: ReactNode;
}) {
  return (
    <ChangeMenu label={label} summary={summary}>
      <QuickChangeForm {...formProps} intent={intent}>
        {options.map((option) => (
          <button
            key={option.value}
            type="submit"
            name={intent}
            value={option.value}
            aria-pressed={option.value === current}
            className={menuButtonClass}
          >
            {option.label}
            {option.value === current && <CheckIcon className="size-4 text-indigo-600" />}
          </button>
        ))}
      </QuickChangeForm>
    </ChangeMenu>
  );
}

function CheckIcon({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className={className}>
      <path
        fillRule="evenodd"
        d="M12.42 4.22a.75.75 0 0 1 .06 1.06l-5.25 6a.75.75 0 0 1-1.1.03l-2.5-2.5a.75.75 0 0 1 1.06-1.06l1.93 1.93 4.72-5.4a.75.75 0 0 1 1.08-.06Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
