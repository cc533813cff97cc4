import type { DueView, StatusFilter, TaskSort, TaskStatus } from "#src/tasks/task-constants.ts";

export interface ListViewParams {
  status?: StatusFilter;
  sort?: TaskSort;
  due?: DueView;
  /** A search; kept by every link of a search's results (filters, sorts, pages). */
  q?: string;
  cursor?: string;
}

/** The URL of a list view, leaving out defaults so links stay short and bookmarkable. */
export function tasksHref({ status, sort, due, q, cursor }: ListViewParams): string {
  const params = new URLSearchParams();
  if (due) params.set("due", due);
  if (status) params.set("status", status);
  if (sort && sort !== "newest" && !due) params.set("sort", sort);
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/tasks?${query}` : "/tasks";
}

export function boardHref({ sort, cursors = {} }: { sort?: TaskSort; cursors?: Partial<Record<TaskStatus, string>> }) {
  const params = new URLSearchParams();
  if (sort && sort !== "newest") params.set("sort", sort);
  for (const [status, cursor] of Object.entries(cursors)) if (cursor) params.set(`cursor_${status}`, cursor);
  const query = params.toString();
  return query ? `/board?${query}` : "/board";
}

/** A task's page, remembering the list it was opened from (its back link returns there). */
export function taskHref(id: string, back: string): string {
  return back === "/tasks" ? `/tasks/${id}` : `/tasks/${id}?back=${encodeURIComponent(back)}`;
}
