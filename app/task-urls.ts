import type { DueView, StatusFilter, TaskSort, TaskStatus } from "#src/tasks/task-constants.ts";

export interface ListViewParams {
  /** The page the view belongs to: "/tasks" (every list, the default) or "/lists/<id>". */
  base?: string;
  status?: StatusFilter;
  sort?: TaskSort;
  due?: DueView;
  /** A search; kept by every link of a search's results (filters, sorts, pages). */
  q?: string;
  /** A label's key: kept by every link of the view, as a search is. */
  label?: string;
  cursor?: string;
  /** "Assigned to me" (on /tasks): kept by its filters, search and pages. */
  assignee?: "me";
}

/** The URL of a list view, leaving out defaults so links stay short and bookmarkable. */
export function tasksHref({ base = "/tasks", status, sort, due, q, label, cursor, assignee }: ListViewParams): string {
  const params = new URLSearchParams();
  const order = sort !== "newest" && !due && !assignee ? sort : undefined;
  // In this order, each only when set (one loop: the browser carries this function).
  for (const [name, value] of Object.entries({ assignee, due, status, sort: order, q, label, cursor }))
    if (value) params.set(name, value);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

export function boardHref({
  base = "/board",
  sort,
  label,
  cursors = {},
}: {
  /** "/board" (every list) or "/lists/<id>/board". */
  base?: string;
  sort?: TaskSort;
  label?: string;
  cursors?: Partial<Record<TaskStatus, string>>;
}) {
  const params = new URLSearchParams();
  if (sort && sort !== "newest") params.set("sort", sort);
  if (label) params.set("label", label);
  for (const [status, cursor] of Object.entries(cursors)) if (cursor) params.set(`cursor_${status}`, cursor);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** Lists other than the Inbox have ids "l_…"; an Inbox's id is its user's (never shown in a URL). */
function isStoredList(listId: string): boolean {
  return listId.startsWith("l_");
}

/** A list as pages and forms name it: its id, or "inbox" for the Inbox. */
export function listRef(listId: string): string {
  return isStoredList(listId) ? listId : "inbox";
}

/** A list's page: "/lists/inbox" for the Inbox. */
export function listPath(listId: string): string {
  return `/lists/${isStoredList(listId) ? listId : "inbox"}`;
}

/** A task's own URL: an Inbox task at /tasks/<id> (its URL from before lists), others under their list. */
export function taskPath(task: { id: string; listId: string }): string {
  return isStoredList(task.listId) ? `/lists/${task.listId}/tasks/${task.id}` : `/tasks/${task.id}`;
}

/** How a bulk form names a task: "<list>:<id>", or the bare id for an Inbox task (as before lists). */
export function bulkRef(task: { id: string; listId: string }): string {
  return isStoredList(task.listId) ? `${task.listId}:${task.id}` : task.id;
}

/** A task's page, remembering the list it was opened from (its back link returns there). */
export function taskHref(task: { id: string; listId: string }, back: string): string {
  const path = taskPath(task);
  return back === "/tasks" ? path : `${path}?back=${encodeURIComponent(back)}`;
}
