import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { BulkToolbar } from "#app/components/bulk-toolbar.tsx";
import { KeyboardShortcuts } from "#app/components/keyboard-shortcuts.tsx";
import { FormAlert, primaryButtonClass } from "#app/components/form-field.tsx";
import { QuickChangeAnnouncer } from "#app/components/quick-change.tsx";
import { TaskRow } from "#app/components/task-row.tsx";
import { SearchForm, SearchSummary } from "#app/components/task-search.tsx";
import { Pager, PlusIcon, SegmentedNav, SortMenu, TimeZoneNote, linkClass } from "#app/components/view-controls.tsx";
import { STATUS_LABELS, STATUS_OPTIONS } from "#app/task-display.ts";
import { tasksHref } from "#app/task-urls.ts";
import type { DueView, Task, TaskSort, TaskStatus } from "#src/tasks/task-constants.ts";
import { formatCalendarDate } from "#src/tasks/task-dates.ts";
import type { TaskMarks } from "#src/tasks/task-search.ts";

export interface ListView {
  status?: TaskStatus;
  sort: TaskSort;
  due?: DueView;
  q?: string;
}

function titlesFor(view: ListView): { heading: string; listLabel: string } {
  if (view.due === "today") return { heading: "Today", listLabel: "Today's tasks" };
  if (view.due === "upcoming") return { heading: "Upcoming", listLabel: "Upcoming tasks" };
  const label = view.status ? `${STATUS_LABELS[view.status]} tasks` : "All tasks";
  return { heading: label, listLabel: label };
}

/** A list view of tasks: heading, view switcher, filters and sort, the add form, rows, pages. */
export function TaskList({
  tasks,
  view,
  today,
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
}: {
  tasks: Task[];
  view: ListView;
  today: string;
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
}) {
  const { heading, listLabel } = titlesFor(view);
  const statusFilters = [
    { value: undefined, label: view.due ? "Not done" : "All" },
    ...STATUS_OPTIONS.filter((option) => !view.due || option.value !== "done"),
  ];
  const subtitle =
    view.due === "today"
      ? `Overdue and due ${formatCalendarDate(today, today)}, not done`
      : view.due === "upcoming"
        ? "Due in the next 7 days, not done"
        : undefined;

  return (
    // On a phone everything above the rows is compact (issue 26: the first row above the fold).
    <div className="space-y-4 sm:space-y-6">
      <div>
        <h1 id="tasks-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
          {heading}
        </h1>
        {subtitle && <p className="muted mt-1">{subtitle}</p>}
      </div>
      <SearchForm view={view} />
      <TimeZoneNote timeZone={timeZone} />

      {addForm}

      <section aria-labelledby="tasks-heading" className="space-y-4">
        <div className="flex items-center justify-between gap-3 sm:flex-wrap">
          <SegmentedNav
            label="Filter by status"
            items={statusFilters.map((option) => ({
              href: tasksHref({ ...view, status: option.value }),
              label: option.label,
              current: view.status === option.value,
            }))}
          />
          {view.due ? (
            <p className="muted text-sm">Soonest first</p>
          ) : (
            <SortMenu sort={view.sort} hrefFor={(sort) => tasksHref({ ...view, sort })} />
          )}
        </div>

        {view.q && !unavailable && (
          <SearchSummary
            view={{ ...view, q: view.q }}
            found={tasks.length}
            laterPage={laterPage}
            nextPage={Boolean(nextCursor)}
            moreToSearch={moreToSearch}
          />
        )}
        {unavailable ? (
          <FormAlert message="Your tasks can't be loaded right now. Please try again in a moment." />
        ) : tasks.length === 0 && !pending && view.q ? null : tasks.length === 0 && !pending ? (
          <EmptyState view={view} laterPage={laterPage} />
        ) : (
          <QuickChangeAnnouncer>
            <BulkToolbar returnTo={returnTo} />
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
              {tasks.map((task) => (
                <TaskRow key={task.id} task={task} today={today} returnTo={returnTo} marks={marks[task.id]} />
              ))}
            </ul>
          </QuickChangeAnnouncer>
        )}

        <Pager
          firstHref={laterPage ? tasksHref(view) : undefined}
          nextHref={nextCursor ? tasksHref({ ...view, cursor: nextCursor }) : undefined}
          nextLabel={moreToSearch ? "Search further" : undefined}
        />
        <KeyboardShortcuts enabled={shortcuts} returnTo={returnTo} />
      </section>
    </div>
  );
}

function EmptyState({ view, laterPage }: { view: ListView; laterPage: boolean }) {
  const statusLabel = view.status ? STATUS_LABELS[view.status] : undefined;
  let title: string;
  let body: ReactNode;
  if (laterPage) {
    title = "No more tasks here";
    body = (
      <Link to={tasksHref({ ...view, cursor: undefined })} className={linkClass}>
        Back to the first page
      </Link>
    );
  } else if (view.due === "today") {
    title = "Nothing due today";
    body = (
      <Link to={tasksHref({ due: "upcoming" })} className={linkClass}>
        See what's coming up
      </Link>
    );
  } else if (view.due === "upcoming") {
    title = "Nothing due in the next 7 days";
    body = (
      <Link to="/tasks" className={linkClass}>
        Show all your tasks
      </Link>
    );
  } else if (statusLabel) {
    title = `Nothing is “${statusLabel}” right now`;
    body = (
      <Link to="/tasks" className={linkClass}>
        Show all your tasks
      </Link>
    );
  } else {
    return (
      <div className="empty-state">
        <p className="text-lg font-semibold">No tasks yet</p>
        <p className="muted mx-auto mt-1 max-w-sm">
          Start with something small, like “Water the plants”. Your tasks will show up here.
        </p>
        <a href="#new-title" className={`${primaryButtonClass} mt-6`}>
          <PlusIcon />
          Add your first task
        </a>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <p className="text-lg font-semibold">{title}</p>
      <p className="muted mt-1">{body}</p>
    </div>
  );
}
