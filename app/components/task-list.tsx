import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { BulkToolbar } from "#app/components/bulk-toolbar.tsx";
import type { ListLabel } from "#app/components/list-chip.tsx";
import { KeyboardShortcuts } from "#app/components/keyboard-shortcuts.tsx";
import { FormAlert, primaryButtonClass } from "#app/components/form-field.tsx";
import { QuickChangeAnnouncer } from "#app/components/quick-change.tsx";
import { TaskRow } from "#app/components/task-row.tsx";
import { FilterNote, SearchForm } from "#app/components/task-search.tsx";
import { Pager, PlusIcon, SegmentedNav, SortMenu, TimeZoneNote, linkClass } from "#app/components/view-controls.tsx";
import { tasksHref } from "#app/task-urls.ts";
import type { DueView, RowTask, StatusFilter, TaskSort } from "#src/tasks/task-constants.ts";
import type { DueWords } from "#src/tasks/due-words.ts";
import type { TaskMarks } from "#src/tasks/task-search.ts";
import type { ListWords } from "#app/.server/list-words.ts";

export interface ListView {
  /** The page's path: "/tasks" (every list) or "/lists/<id>"; links keep it. */
  base?: string;
  status?: StatusFilter;
  sort: TaskSort;
  due?: DueView;
  q?: string;
  /** "Assigned to me": one order (soonest first), filtered as not done or done. */
  assignee?: "me";
}

/** A list view of tasks: heading, view switcher, filters and sort, the add form, rows, pages. */
export function TaskList({
  tasks,
  view,
  dues,
  days,
  timeZone,
  nextCursor,
  moreToSearch = false,
  laterPage,
  returnTo,
  unavailable,
  shortcuts,
  marks,
  pending,
  addForm,
  words,
  listLabels = {},
  readOnlyIds = [],
  rowHtml = {},
  bulkMove = "",
}: {
  tasks: RowTask[];
  view: ListView;
  /** Each dated task's due date in words, by task id. */
  dues: Record<string, DueWords>;
  /** On Upcoming, each due date as its day's heading ("Tue 8 Dec"). */
  days: Record<string, string>;
  timeZone: string | null;
  nextCursor?: string;
  /** A search page that stopped before it was full: its next page searches further. */
  moreToSearch?: boolean;
  laterPage: boolean;
  returnTo: string;
  unavailable: boolean;
  /** Keyboard shortcuts on (the user's setting). */
  shortcuts: boolean;
  /** On a search's page, each task's marked title and snippet, by id. */
  marks: Record<string, TaskMarks>;
  /** The title of a task being added (shown at once, before the server has answered). */
  pending?: string;
  addForm: ReactNode;
  /** Its heading and sentences, worded on the server (app/.server/list-words.ts). */
  words: ListWords;
  /** Across lists: each list's name and colour by id, shown on its rows. */
  listLabels?: Record<string, ListLabel>;
  /** Lists the user cannot change here: their rows show no controls that would be refused. */
  readOnlyIds?: string[];
  /** Each row's assignee, "Move to…" menu and byline, and the bulk form's list field, as HTML from the server. */
  rowHtml?: Record<string, string>;
  bulkMove?: string;
}) {
  const { heading, listLabel, subtitle, filterNotes, empty, filters } = words;
  return (
    // On a phone everything above the rows is compact (issue 26: the first row above the fold).
    <div className="space-y-4 sm:space-y-6">
      <div>
        <h1 id="tasks-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
          {heading}
        </h1>
        {subtitle && <p className="muted mt-1">{subtitle}</p>}
      </div>
      <SearchForm view={view} keeps={words.searchKeeps} />
      <TimeZoneNote timeZone={timeZone} />

      {addForm}

      <section aria-labelledby="tasks-heading" className="space-y-4">
        <div className="flex items-center justify-between gap-3 sm:flex-wrap">
          <SegmentedNav
            label="Filter by status"
            items={filters.map((option) => ({
              href: tasksHref({ ...view, status: option.value }),
              label: option.label,
              current: view.status === option.value,
            }))}
          />
          {view.due || view.assignee ? (
            <p className="muted text-sm">Soonest first</p>
          ) : (
            <SortMenu sort={view.sort} hrefFor={(sort) => tasksHref({ ...view, sort })} />
          )}
        </div>

        {!unavailable && filterNotes.map((note) => <FilterNote key={note.clear.text} {...note} />)}
        {unavailable ? (
          <FormAlert message="Your tasks can't be loaded right now. Please try again in a moment." />
        ) : tasks.length === 0 && !pending && view.q ? null : tasks.length === 0 && !pending ? (
          <EmptyState empty={empty} />
        ) : (
          <QuickChangeAnnouncer>
            <BulkToolbar returnTo={returnTo} bulkMove={bulkMove} />
            <ul aria-label={listLabel} className="task-list">
              {pending && (
                // Marked by its "Adding…" line, not by fading: faded text fails the contrast rule.
                <li aria-busy="true" className="task-row" data-pending>
                  <span className="row-select" />
                  <div className="min-w-0 flex-1">
                    <h3 className="font-semibold break-words">{pending}</h3>
                    <p className="muted text-sm">Adding…</p>
                  </div>
                </li>
              )}
              {tasks.flatMap((task, i) => [
                // Upcoming is read by day: a heading where the due date changes.
                view.due === "upcoming" && task.dueDate && task.dueDate !== tasks[i - 1]?.dueDate && (
                  <li key={task.dueDate} className="day-heading">
                    <h2>{days[task.dueDate]}</h2>
                  </li>
                ),
                <TaskRow
                  key={task.id}
                  task={task}
                  due={dues[task.id]}
                  returnTo={returnTo}
                  marks={marks[task.id]}
                  list={listLabels[task.listId]}
                  readOnly={readOnlyIds.includes(task.listId)}
                  rowHtml={rowHtml[task.id]}
                />,
              ])}
            </ul>
          </QuickChangeAnnouncer>
        )}

        <Pager
          firstHref={laterPage ? tasksHref(view) : undefined}
          nextHref={nextCursor ? tasksHref({ ...view, cursor: nextCursor }) : undefined}
          nextLabel={moreToSearch ? "Search further" : undefined}
        />
        <KeyboardShortcuts enabled={shortcuts} returnTo={returnTo} page="list" />
      </section>
    </div>
  );
}

function EmptyState({ empty }: { empty: ListWords["empty"] }) {
  return (
    <div className="empty-state">
      <p className="text-lg font-semibold">{empty.title}</p>
      {empty.link ? (
        <p className="muted mt-1">
          <Link to={empty.link.to} className={linkClass}>
            {empty.link.text}
          </Link>
        </p>
      ) : (
        <>
          <p className="muted mx-auto mt-1 max-w-sm">{empty.body}</p>
          <a href="#new-title" className={`${primaryButtonClass} mt-6`}>
            <PlusIcon />
            Add your first task
          </a>
        </>
      )}
    </div>
  );
}
