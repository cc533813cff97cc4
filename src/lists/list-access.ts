import { ForbiddenError, NotFoundError } from "#src/errors.ts";
import { deleteDirectoryEntry, getList, getLists, queryDirectory } from "#src/lists/list-repository.ts";
import { INBOX_NAME, LIST_ID_PATTERN, hasRole, roleOf, type List, type ListRole } from "#src/lists/list.ts";
import { noticeListChanged } from "#src/live/live-notice.ts";
import { logError } from "#src/logging.ts";
import { clearAssignments } from "#src/tasks/task-repository.ts";
import {
  keepSessionDirectory,
  keepsSessionCopies,
  sessionDirectory,
  sessionInvitations,
} from "#src/sessions/session-service.ts";
import type { DirectoryEntry } from "#src/lists/list-repository.ts";

/**
 * Access to a list, decided once per request from the list item itself (never from a cache):
 * a removal, a role change or a deleted list holds from the very next request. Services take a
 * ListAccess instead of an owner id, and check the role an action needs with requireRole.
 */
export interface ListAccess {
  userId: string;
  listId: string;
  role: ListRole;
  /** The stored list; null for the Inbox, which is implicit (its id is the user's sub). */
  list: List | null;
  name: string;
}

/** Word for word what a missing list answers, so a list you cannot see is indistinguishable from none. */
const NOT_FOUND = () => new NotFoundError("list.not_found", "List not found.");

/** The user's Inbox: theirs alone, always there, with nothing stored to check. */
export function inboxAccess(userId: string): ListAccess {
  return { userId, listId: userId, role: "owner", list: null, name: INBOX_NAME };
}

function accessTo(list: List, userId: string): ListAccess | null {
  const role = roleOf(list, userId);
  if (!role || list.deletedAt) return null;
  return { userId, listId: list.id, role, list, name: list.name };
}

/** The caller's access to one list ("inbox" or the sub for the Inbox): one GetItem, or none for the Inbox. */
export async function resolveListAccess(userId: string, listId: string): Promise<ListAccess> {
  if (listId === "inbox" || listId === userId) return inboxAccess(userId);
  if (!LIST_ID_PATTERN.test(listId)) throw NOT_FOUND();
  return accessToRead(await getList(listId), userId);
}

/**
 * The user's access to a list item just read (with something else of the list, in one call):
 * refused exactly as resolveListAccess refuses, a list the user cannot see being missing.
 */
export function accessToRead(list: List | null, userId: string): ListAccess {
  const access = list ? accessTo(list, userId) : null;
  if (!access) throw NOT_FOUND();
  return access;
}

/** Whether `listId` names a stored list (not the Inbox): one whose item a read can fetch. */
export function isStoredListId(userId: string, listId: string): boolean {
  return listId !== "inbox" && listId !== userId && LIST_ID_PATTERN.test(listId);
}

/** Refuses unless the caller's role allows `needed`; an archived list is read-only for everyone. */
export function requireRole(access: ListAccess, needed: ListRole): void {
  if (!hasRole(access.role, needed)) {
    throw new ForbiddenError(
      "list.forbidden",
      `This needs the ${needed} role in “${access.name}”; you are a ${access.role}.`,
    );
  }
  if (needed !== "viewer" && access.list?.archivedAt) {
    throw new ForbiddenError("list.archived", `“${access.name}” is archived: restore it to change it.`);
  }
}

/**
 * The user's directory of lists: the session's recent copy when a page of this session read it
 * before (nothing read), else one Query, kept in the session for the next pages. Where to look
 * and what to call it in the navigation, never access.
 */
export async function directoryOf(user: { id: string; email?: string }): Promise<DirectoryEntry[]> {
  return sessionDirectory(user) ?? (await readDirectory(user)).entries;
}

/**
 * How many invitations wait for the user's email, for the navigation: from the session's copy
 * (kept with the directory, so no call of its own), else read with the directory. Expired ones
 * are left out here, so expiry needs no change to the copy; creating, revoking, accepting or
 * declining an invitation drops the invitee's copies (forgetDirectoryOfUser).
 */
export async function pendingInvitationCount(user: { id: string; email: string }): Promise<number> {
  const expiries = sessionInvitations(user) ?? (await readDirectory(user)).invitations ?? [];
  const now = Math.floor(Date.now() / 1000);
  return expiries.filter((expiresAt) => expiresAt > now).length;
}

/**
 * The reads of a request that found no copy, shared by its loaders running at the same time
 * (the root's and the page's) and forgotten once answered: a read after a change of the
 * directory (a list made, renamed or left by the same user object) reads again.
 */
const reading = new WeakMap<object, Promise<{ entries: DirectoryEntry[]; invitations: number[] | null }>>();

/**
 * The user's directory, one Query, kept in the session for the next pages; with a session (a
 * page, not the JSON API) the invitations waiting for their email too, one more Query at the
 * same time, kept in the same write.
 */
function readDirectory(user: { id: string; email?: string }) {
  let read = reading.get(user);
  if (!read) {
    const email = keepsSessionCopies(user) ? user.email : undefined;
    // The invitations' store loads on first use: a cold start need not carry it.
    const copies = email
      ? import("#src/lists/invitation-repository.ts").then(({ queryInviteeCopies }) => queryInviteeCopies(email))
      : null;
    read = Promise.all([queryDirectory(user.id), copies]).then(async ([entries, copies]) => {
      const invitations = copies ? copies.map((copy) => copy.expiresAt) : null;
      await keepSessionDirectory(user, entries, invitations ?? undefined);
      return { entries, invitations };
    });
    reading.set(user, read);
    const forget = () => reading.delete(user);
    read.then(forget, forget);
  }
  return read;
}

/**
 * Every list the user belongs to, the Inbox first: the directory names where to look, the list
 * items decide (the directory, then one BatchGetItem per 100 lists). A directory entry the list
 * no longer backs (a removal that stopped half-way, a deleted list) grants nothing and is tidied.
 */
export async function listsForUser(user: { id: string }): Promise<ListAccess[]> {
  const userId = user.id;
  const ids = (await directoryOf(user)).map((entry) => entry.listId);
  const lists = await getLists(ids);
  const accesses: ListAccess[] = [inboxAccess(userId)];
  const stale: string[] = [];
  for (const id of ids) {
    const list = lists.get(id);
    const access = list ? accessTo(list, userId) : null;
    if (access) accesses.push(access);
    else if (!list || !roleOf(list, userId)) stale.push(id);
  }
  // Rare (only after a change stopped half-way); a failure here is tidied on a later read.
  await Promise.all(
    stale.map((id) =>
      finishDeparture(userId, id).catch((error: unknown) => logError("A stale list directory entry stayed", error)),
    ),
  );
  return accesses;
}

/**
 * What follows someone leaving a list (removed, left, or the list gone), after the list item
 * stopped naming them: their assignments in it are cleared (the tasks stay), then their
 * directory entry goes. The entry is deleted last, so it records that the work is unfinished:
 * a removal that stopped half-way is finished by running the removal again, or by the next
 * time the person's own lists are read (listsForUser meets the entry the list no longer backs).
 */
export async function finishDeparture(userId: string, listId: string): Promise<void> {
  const cleared = await clearAssignments(userId, listId, new Date().toISOString());
  if (cleared > 0) await noticeListChanged(listId);
  await deleteDirectoryEntry(userId, listId);
}
