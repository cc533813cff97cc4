import type { List } from "#src/lists/list.ts";
import { formatCalendarDate, todayIn } from "#src/tasks/task-dates.ts";
import type { Task } from "#src/tasks/task-constants.ts";

/**
 * "Added by ana · Thu 3 Dec · Changed by ben just now": who added and last changed a task in a
 * shared list, worded here on the server from the members map the page already read (no call
 * of its own, and no rules in the browser). Personal lists show none: "by you" is noise there.
 * Tasks stored before the fields existed show only what they have.
 */

/** Members' names by user id, for the shared lists among these: the email's name part, the whole email when two share it. */
export function peopleIn(lists: readonly (List | null | undefined)[], userId: string): Map<string, string> {
  const emails = new Map<string, string>();
  for (const list of lists)
    if (list && Object.keys(list.members).length > 1)
      for (const [id, member] of Object.entries(list.members)) emails.set(id, member.email);
  const local = (email: string) => email.split("@")[0] || email;
  const counts = new Map<string, number>();
  for (const email of emails.values()) counts.set(local(email), (counts.get(local(email)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const [id, email] of emails)
    names.set(id, id === userId ? "you" : counts.get(local(email)) === 1 ? local(email) : email);
  return names;
}

/** When, as a person says it: "just now", "5 min ago", "today", or "· Thu 3 Dec". */
function when(iso: string, timeZone: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (ms < 60_000) return " just now";
  if (ms < 60 * 60_000) return ` ${Math.floor(ms / 60_000)} min ago`;
  const today = todayIn(timeZone, now);
  const day = todayIn(timeZone, new Date(iso));
  return day === today ? " today" : ` · ${formatCalendarDate(day, today)}`;
}

/** The byline of a task in a shared list (its list's members in `people`), or undefined. */
export function bylineOf(
  task: Task,
  people: ReadonlyMap<string, string>,
  sharedLists: ReadonlySet<string>,
  timeZone: string,
  now = new Date(),
): string | undefined {
  if (!sharedLists.has(task.listId)) return undefined;
  const name = (id: string) => people.get(id) ?? "a former member";
  const parts: string[] = [];
  if (task.createdBy) parts.push(`Added by ${name(task.createdBy)}${when(task.createdAt, timeZone, now)}`);
  if (task.updatedBy && task.version > 1)
    parts.push(`Changed by ${name(task.updatedBy)}${when(task.updatedAt, timeZone, now)}`);
  return parts.length ? parts.join(" · ") : undefined;
}

/** The shared lists' ids among these. */
export function sharedIds(lists: readonly (List | null | undefined)[]): Set<string> {
  return new Set(lists.flatMap((list) => (list && Object.keys(list.members).length > 1 ? [list.id] : [])));
}

/** Bylines by task id for a page of tasks. */
export function bylinesFor(
  tasks: readonly Task[],
  lists: readonly (List | null | undefined)[],
  userId: string,
  timeZone: string,
): Record<string, string> {
  const shared = sharedIds(lists);
  if (shared.size === 0) return {};
  const people = peopleIn(lists, userId);
  const now = new Date();
  const bylines: Record<string, string> = {};
  for (const task of tasks) {
    const byline = bylineOf(task, people, shared, timeZone, now);
    if (byline) bylines[task.id] = byline;
  }
  return bylines;
}

/**
 * Who last changed the task, as the task page's "Changed by … just now" names them: "you"
 * (another tab or device of the reader's), a member of a shared list by name, else "someone".
 */
export function changedByName(task: Task, list: List | null | undefined, userId: string): string {
  if (task.updatedBy === userId) return "you";
  return (task.updatedBy && peopleIn([list], userId).get(task.updatedBy)) || "someone";
}
