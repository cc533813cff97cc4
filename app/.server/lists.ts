import type { AppLoadContext } from "@remix-run/node";
import { requireUser, type User } from "#app/.server/auth.ts";
import type { ListLabel } from "#app/components/list-chip.tsx";
import type { NavLink } from "#app/components/list-nav.tsx";
import { listPath } from "#app/task-urls.ts";
import { listsForUser, pendingInvitationCount, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { hasRole, type List } from "#src/lists/list.ts";
import { INBOX_SUMMARY, listNavigation, type ListSummary } from "#src/lists/list-service.ts";
import { everyListScope, listScope, type TaskScope } from "#src/tasks/task-service.ts";

/**
 * Access to lists for the pages, decided once per request from the list items themselves
 * (src/lists/list-access.ts): a page of one list resolves that list; a view across lists
 * resolves every list the user belongs to.
 */

/** The signed-in user and their access to the list the URL names ("inbox" or "l_…"). */
export async function requireListAccess(
  request: Request,
  context: AppLoadContext,
  listRef: string | undefined,
): Promise<{ user: User; access: ListAccess }> {
  const user = await requireUser(request, context);
  return { user, access: await resolveListAccess(user.id, listRef ?? "") };
}

/** What a view of tasks needs of lists. */
export interface ViewLists {
  scope: TaskScope;
  /** The navigation: the Inbox, then the user's lists. */
  nav: ListSummary[];
  /** The list the page shows, or null for a view across lists. */
  current: (ListSummary & { role: ListAccess["role"] }) | null;
  /** Across lists: each list's name and colour by its stored id, for the rows. */
  labels: Record<string, ListLabel>;
  /** Lists a task can be added to here (the quick add's choice across lists). */
  writable: { id: string; name: string }[];
  /** The lists shown, as the live-updates socket names them ("inbox" or their id). */
  live: string[];
  /** Lists shown that the user cannot change here (a viewer's, an archived one), by stored id: their rows get no controls. */
  readOnlyIds: string[];
  /** Where the rows' tasks can be moved ("inbox" or a list's id): empty unless there are two. */
  moveTo: { id: string; name: string }[];
  /** The stored lists shown (their members name who added and changed a task). */
  stored: List[];
  /** Every list read (the view across lists): "Assigned to me" and the rows' assignees. */
  accesses: ListAccess[];
  /** How many invitations wait for the user (the session's copy, read with the directory). */
  invitations: number;
}

/**
 * The lists a task can be moved to from a page: those the user may change (archived ones aside),
 * as the navigation's copy of their role says. A hint: the move checks both lists itself.
 */
export function moveTargets(nav: readonly ListSummary[]): { id: string; name: string }[] {
  const targets = nav
    .filter((list) => !list.archived && (list.role === undefined || hasRole(list.role, "editor")))
    .map(({ id, name }) => ({ id, name }));
  return targets.length > 1 ? targets : [];
}

/**
 * The navigation's links: every list (archived ones only while open), shared ones marked, then
 * "New list". Worked out here so the browser carries no rules for it.
 */
export function navLinks(nav: ListSummary[], currentId: string | null, invitations = 0): NavLink[] {
  return [
    // Invitations waiting for the user come first, where they are seen without scrolling.
    ...(invitations > 0
      ? [{ href: "/invitations", label: `${invitations} ${invitations === 1 ? "invitation" : "invitations"} waiting` }]
      : []),
    ...nav
      .filter((list) => !list.archived || list.id === currentId)
      .map((list) => ({
        href: listPath(list.inbox ? "inbox" : list.id),
        label: list.shared ? `${list.name} · shared` : list.name,
        color: list.color,
        current: list.id === currentId,
      })),
    { href: "/lists/new", label: "+ New list" },
  ];
}

/** The open list's own pages, but the one shown: its tasks, its board, and (not the Inbox) sharing and settings. */
export function listPages(current: ListSummary | null, shown: "tasks" | "board"): NavLink[] {
  if (!current) return [];
  const base = listPath(current.inbox ? "inbox" : current.id);
  return [
    shown === "board" ? { href: base, label: "List" } : { href: `${base}/board`, label: "Board" },
    { href: `${base}/labels`, label: "Labels" },
    ...(current.inbox
      ? []
      : [
          { href: `${base}/share`, label: "Share" },
          { href: `${base}/settings`, label: "Settings" },
        ]),
  ];
}

function summaryOf(access: ListAccess): ListSummary {
  if (!access.list) return INBOX_SUMMARY;
  const { id, name, color, archivedAt, members } = access.list;
  return { id, name, color, archived: Boolean(archivedAt), shared: Object.keys(members).length > 1, inbox: false };
}

/** Why the one list shown cannot be changed here (a viewer, an archived list), or null. */
export function readOnlyNote(lists: Pick<ViewLists, "current" | "writable">): string | null {
  if (!lists.current || lists.writable.length > 0) return null;
  return lists.current.archived
    ? "This list is archived: its tasks can be read but not changed. Its owner can restore it."
    : "You can read this list; only its owner and editors change it.";
}

/**
 * One list's view (one GetItem, none for the Inbox) with the navigation (the session's copy of
 * the directory, or one Query), in parallel.
 */
export async function oneListView(
  user: User,
  listRef: string | undefined,
): Promise<ViewLists & { access: ListAccess }> {
  const [access, nav, invitations] = await Promise.all([
    resolveListAccess(user.id, listRef ?? ""),
    listNavigation(user),
    pendingInvitationCount(user),
  ]);
  const current = { ...summaryOf(access), role: access.role };
  const writable = hasRole(access.role, "editor") && !current.archived ? [{ id: current.id, name: current.name }] : [];
  const readOnlyIds = writable.length > 0 ? [] : [access.listId];
  return {
    access,
    scope: listScope(access),
    nav,
    current,
    labels: {},
    writable,
    live: [current.id],
    readOnlyIds,
    moveTo: writable.length > 0 ? moveTargets(nav) : [],
    stored: access.list ? [access.list] : [],
    accesses: [access],
    invitations,
  };
}

/** The views across lists (All, Today, Upcoming, the board): every list the user belongs to, archived ones aside. */
export async function everyListView(user: User): Promise<ViewLists> {
  const userId = user.id;
  const [accesses, invitations] = await Promise.all([listsForUser(user), pendingInvitationCount(user)]);
  const nav = accesses.map(summaryOf);
  const shown = accesses.filter((access) => !access.list?.archivedAt);
  const labels: Record<string, ListLabel> = {};
  // Rows name their list only when there is more than one to tell apart.
  if (shown.length > 1)
    for (const access of shown) labels[access.listId] = { name: access.name, color: summaryOf(access).color };
  const writable = shown
    .filter((access) => hasRole(access.role, "editor"))
    .map((access) => ({ id: summaryOf(access).id, name: access.name }));
  return {
    scope: everyListScope(userId, accesses),
    nav,
    current: null,
    labels,
    writable,
    live: shown.map((access) => summaryOf(access).id),
    readOnlyIds: shown.filter((access) => !hasRole(access.role, "editor")).map((access) => access.listId),
    moveTo: writable.length > 1 ? writable : [],
    stored: shown.flatMap((access) => (access.list ? [access.list] : [])),
    accesses,
    invitations,
  };
}
