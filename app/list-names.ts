import { STATUS_LABELS } from "#app/task-display.ts";
import type { TaskStatus } from "#src/tasks/task-constants.ts";

/**
 * What a list URL (one of ours, from safeReturnTo) shows, for a link back to it: "Today",
 * "Board", or for one list's page (/lists/<id>) its name.
 */
export function describeList(url: string, listName?: string): string {
  const [path = "", search] = url.split("?", 2);
  if (/^\/(lists\/[\w-]+\/)?board/.test(path)) return "Board";
  const params = new URLSearchParams(search);
  if (params.get("q")) return "Search results";
  const due = params.get("due");
  if (due === "today") return "Today";
  if (due === "upcoming") return "Upcoming";
  const status = params.get("status");
  if (status && status in STATUS_LABELS) return `${STATUS_LABELS[status as TaskStatus]} tasks`;
  return path.startsWith("/lists/") && listName ? listName : "All tasks";
}
