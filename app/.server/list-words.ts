import { STATUS_LABELS, STATUS_OPTIONS } from "#app/task-display.ts";
import { tasksHref } from "#app/task-urls.ts";
import { formatCalendarDate } from "#src/tasks/task-dates.ts";
import type { StatusFilter } from "#src/tasks/task-constants.ts";
import type { TaskListView } from "#src/tasks/task-service.ts";

/** A list's status filters by name: each status, and "not done" (to do and in progress). */
const FILTER_LABELS: Record<StatusFilter, string> = { ...STATUS_LABELS, not_done: "Not done" };

/**
 * What a list page says about itself: its heading, what it lists, what a search found, and what
 * to do when it lists nothing. Worded here on the server and sent with the page's data, so the
 * browser's JavaScript carries the markup but not every sentence (its weight is budgeted:
 * tests/bundle/client-weight.test.ts).
 */
export interface ListWords {
  heading: string;
  /** The list's accessible name. */
  listLabel: string;
  subtitle?: string;
  /**
   * Above the rows, a line for each filter that narrows the view, with its way out: a search (how
   * many this page found, or that nothing matched) and a label. Each link keeps the view's other
   * parameters.
   */
  filterNotes: { message: string; clear: { to: string; text: string } }[];
  /** What the search form keeps of the view, as hidden fields: a search narrows the view, it does not leave it. */
  searchKeeps: [string, string][];
  /** When the page lists nothing; without a link it is the first-task invitation. */
  empty: { title: string; body?: string; link?: { to: string; text: string } };
  /** The status filters the view offers (none chosen is "All", or "Not done" where that is the whole view). */
  filters: { value?: StatusFilter; label: string }[];
  /** The document's title, before the site's name ("“milk” · Today"). */
  title: string;
}

/**
 * The status filters of a view: Today and Upcoming list only tasks not done, so there "Not done"
 * is the whole view; "Assigned to me" is open work or done work.
 */
function statusFilters(view: { due?: string; assignee?: "me" }): ListWords["filters"] {
  const all = [{ label: "All" }, { value: "not_done" as const, label: "Not done" }];
  if (view.assignee) return [...all, ...STATUS_OPTIONS.slice(2)];
  if (view.due) return [{ label: "Not done" }, ...STATUS_OPTIONS.slice(0, 2)];
  return [...all, ...STATUS_OPTIONS];
}

/** The title of a view across lists (a list's own page names itself). */
function documentTitle(view: TaskListView & { assignee?: "me" }): string {
  const name =
    view.due === "today"
      ? "Today"
      : view.due === "upcoming"
        ? "Upcoming"
        : view.assignee
          ? "Assigned to me"
          : "My tasks";
  return view.q ? `“${view.q}” · ${name}` : name;
}

export function listWords(
  view: TaskListView & { base?: string; assignee?: "me" },
  page: { found: number; laterPage: boolean; nextPage: boolean; moreToSearch: boolean; today: string },
  /** On one list's page: the list's name, which heads it. */
  listName?: string,
  /** The label filtered by, as its list spells it (else its key). */
  labelName?: string,
): ListWords {
  const part =
    view.due === "today"
      ? "Today"
      : view.due === "upcoming"
        ? "Upcoming"
        : view.status
          ? FILTER_LABELS[view.status]
          : "";
  const { heading, listLabel } = listName
    ? { heading: part ? `${listName}: ${part}` : listName, listLabel: "" }
    : view.assignee
      ? { heading: part ? `Assigned to me: ${part}` : "Assigned to me", listLabel: "Tasks assigned to me" }
      : view.due === "today"
        ? { heading: "Today", listLabel: "Today's tasks" }
        : view.due === "upcoming"
          ? { heading: "Upcoming", listLabel: "Upcoming tasks" }
          : { heading: view.status ? `${FILTER_LABELS[view.status]} tasks` : "All tasks", listLabel: "" };
  const subtitle =
    view.due === "today"
      ? `Overdue and due ${formatCalendarDate(page.today, page.today)}, not done`
      : view.due === "upcoming"
        ? "Due in the next 7 days, by day, not done"
        : view.assignee
          ? "In every list you share, soonest due first; done ones last"
          : undefined;
  // A label narrows any view: the heading says which ("All tasks · @errand").
  const labelled = view.label ? ` · @${labelName ?? view.label}` : "";
  return {
    heading: heading + labelled,
    listLabel: (listLabel || heading) + labelled,
    ...(subtitle ? { subtitle } : {}),
    filterNotes: [
      ...(view.q
        ? [
            {
              message: searchSummary(view.q, page),
              clear: { to: tasksHref({ ...view, q: undefined }), text: "Clear search" },
            },
          ]
        : []),
      ...(view.label
        ? [
            {
              message: `Only tasks labelled @${labelName ?? view.label}.`,
              clear: { to: tasksHref({ ...view, label: undefined }), text: "Clear label" },
            },
          ]
        : []),
    ],
    // The view's parameters as its links carry them, but the search itself and the page.
    searchKeeps: [...new URL(tasksHref({ ...view, q: undefined }), "http://x").searchParams],
    empty: emptyState(view, page.laterPage),
    filters: statusFilters(view),
    title: documentTitle(view),
  };
}

function searchSummary(
  q: string,
  {
    found,
    laterPage,
    nextPage,
    moreToSearch,
  }: { found: number; laterPage: boolean; nextPage: boolean; moreToSearch: boolean },
): string {
  const quoted = `“${q}”`;
  let message: string;
  if (found > 0 && (laterPage || nextPage))
    message = `${found} ${found === 1 ? "task" : "tasks"} found on this page for ${quoted}.`;
  else if (found > 0) message = `${found} ${found === 1 ? "task matches" : "tasks match"} ${quoted}.`;
  else if (moreToSearch) message = `No matches for ${quoted} among the tasks searched so far.`;
  else message = laterPage ? `No more tasks match ${quoted}.` : `No tasks match ${quoted}.`;
  if (moreToSearch) message += " Not every task has been searched yet.";
  return message;
}

function emptyState(view: TaskListView & { base?: string; assignee?: "me" }, laterPage: boolean): ListWords["empty"] {
  const base = view.base ?? "/tasks";
  if (view.assignee && !laterPage)
    return view.status
      ? {
          title: `Nothing assigned to you is “${FILTER_LABELS[view.status]}”`,
          link: { to: "/tasks?assignee=me", text: "Show everything assigned to you" },
        }
      : {
          title: "Nothing is assigned to you",
          body: "When someone assigns you a task in a list you share, it shows up here.",
          link: { to: "/tasks", text: "Show all your tasks" },
        };
  const all = { to: base, text: base === "/tasks" ? "Show all your tasks" : "Show all the list's tasks" };
  if (view.label && !laterPage) return { title: `No tasks labelled @${view.label} here`, link: all };
  if (laterPage) return { title: "No more tasks here", link: { to: tasksHref(view), text: "Back to the first page" } };
  if (view.due === "today")
    return {
      title: "Nothing due today",
      link: { to: tasksHref({ base, due: "upcoming" }), text: "See what's coming up" },
    };
  if (view.due === "upcoming") return { title: "Nothing due in the next 7 days", link: all };
  if (view.status === "not_done") return { title: "Everything is done", link: all };
  if (view.status) return { title: `Nothing is “${FILTER_LABELS[view.status]}” right now`, link: all };
  return {
    title: "No tasks yet",
    body: "Start with something small, like “Water the plants”. Your tasks will show up here.",
  };
}
