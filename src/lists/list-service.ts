import { monotonicFactory } from "ulid";
import * as z from "zod/mini";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import { InvalidTokenError, NotFoundError, ValidationError } from "#src/errors.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import { directoryOf, requireRole, type ListAccess } from "#src/lists/list-access.ts";
import * as lists from "#src/lists/list-repository.ts";
import {
  INBOX_NAME,
  LIST_COLORS,
  LIST_NAME_MAX,
  roleOf,
  type List,
  type ListColor,
  type ListRole,
} from "#src/lists/list.ts";
import { UNDO_MINUTES } from "#src/tasks/task-constants.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Lists a user keeps (framework-free): create, rename and recolour, archive and restore,
 * delete (undoable for UNDO_MINUTES, like a task), and the navigation. Access is decided by
 * the caller once per request (resolveListAccess) and checked here with requireRole.
 */

const nextId = monotonicFactory();

/** Characters a name may not hold: controls, direction overrides, invisible tag characters. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u{e0000}-\u{e007f}]/u;

/** A list name: spaces collapsed and trimmed, 1 to LIST_NAME_MAX characters, plain text, not "Inbox". */
const listNameSchema = z.pipe(
  z.pipe(
    z.string({ error: "Enter a name for the list." }),
    z.transform((name: string) => name.replace(/\s+/gu, " ").trim()),
  ),
  z.string().check(
    z.refine((name) => name.length > 0, "Enter a name for the list."),
    z.refine((name) => [...name].length <= LIST_NAME_MAX, `Keep the name to ${LIST_NAME_MAX} characters or fewer.`),
    z.refine((name) => !HIDDEN.test(name), "The name cannot contain control or invisible characters."),
    z.refine((name) => !/[\ud800-\udfff]/u.test(name), "The name contains a character that is not valid text."),
    z.refine((name) => name.toLowerCase() !== INBOX_NAME.toLowerCase(), "“Inbox” is taken: pick another name."),
  ),
);

const listInputSchema = z.object({
  name: listNameSchema,
  color: z.pipe(
    z.optional(z.union([z.literal(""), z.enum(LIST_COLORS, { error: "Pick one of the colours offered." })])),
    z.transform((color): ListColor => (color ? color : "grey")),
  ),
});

/** One entry of the navigation: the Inbox first, then the user's lists in the order made. */
export interface ListSummary {
  /** "inbox" for the Inbox (its URL segment; the stored id is the user's sub). */
  id: string;
  name: string;
  color: ListColor;
  shared: boolean;
  archived: boolean;
  inbox: boolean;
  /** The user's role as the directory last copied it: a hint for what to offer, never a check. */
  role?: ListRole;
}

export const INBOX_SUMMARY: ListSummary = {
  id: "inbox",
  name: INBOX_NAME,
  color: "grey",
  shared: false,
  archived: false,
  inbox: true,
  role: "owner",
};

/**
 * The navigation's lists: the user's directory (the session's copy, or one Query), whose entries
 * carry each list's name and colour. A hint for the menu only: opening a list checks access
 * against the list.
 */
export async function listNavigation(user: { id: string }): Promise<ListSummary[]> {
  const entries = await directoryOf(user);
  return [
    INBOX_SUMMARY,
    ...entries.map(({ listId, name, color, shared, archived, role }) => ({
      id: listId,
      name,
      color,
      shared,
      archived,
      inbox: false,
      ...(role ? { role } : {}),
    })),
  ];
}

/** A new list, its creator the owner and only member. */
export async function createList(user: { id: string; email: string }, input: unknown): Promise<List> {
  const { name, color } = parseInput(listInputSchema, input);
  const now = new Date().toISOString();
  const list: List = {
    id: `l_${nextId()}`,
    name,
    color,
    ownerId: user.id,
    members: Object.assign(Object.create(null) as Record<string, never>, {
      [user.id]: { role: "owner", email: user.email, joinedAt: now },
    }),
    archivedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    // Its tasks are all written by code that writes assigneeSort: one Query per open view.
    openFirstKeys: true,
    // Its tasks are all written with indexUser: its creator reads it in byIndexUser's one Query.
    indexUser: user.id,
  };
  await lists.createList(list);
  return list;
}

function storedList(access: ListAccess): List {
  if (!access.list) throw new ValidationError({}, "The Inbox cannot be renamed, archived, shared or deleted.");
  return access.list;
}

/** Renames or recolours the list (its owner), then every member's navigation entry. */
export async function updateList(access: ListAccess, input: unknown): Promise<List> {
  requireRole(access, "owner");
  const current = storedList(access);
  const { name, color } = parseInput(listInputSchema, { color: current.color, ...(input as object) });
  const list = await lists.updateListDetails(current.id, { name, color });
  if (!list) throw new NotFoundError("list.not_found", "List not found.");
  await lists.writeDirectory(list);
  return list;
}

/**
 * Archives (hides from the views, read-only) or restores a list: its owner. Archiving an
 * archived list, or restoring one that is not, changes nothing and is no error.
 */
export async function setListArchived(access: ListAccess, archived: boolean): Promise<List> {
  // Only the role: requireRole refuses every change to an archived list, and restoring is one.
  if (access.role !== "owner") requireRole(access, "owner");
  const current = storedList(access);
  await lists.setListMark(current.id, "archivedAt", archived ? new Date().toISOString() : null);
  const list = await lists.getList(current.id);
  if (!list || list.deletedAt) throw new NotFoundError("list.not_found", "List not found.");
  await lists.writeDirectory(list);
  return list;
}

/** The purge of deleted lists: loaded by a list's deletion, never at a cold start. */
const loadPurge = () => import("#src/lists/list-purge-service.ts");

const UNDO_PREFIX = "list:";
const undoPurpose = (userId: string) => `undo-list:${userId}`;

/** Whether an Undo button's token undoes a list's deletion (rather than a change to tasks). */
export function isListUndoToken(token: unknown): token is string {
  return typeof token === "string" && token.startsWith(UNDO_PREFIX);
}

/** Undoes a list's deletion from its Undo button: a token signed for this user and list. */
export async function undoListDelete(userId: string, token: string): Promise<List> {
  const listId = unsignValue(getSigningSecrets(), undoPurpose(userId), token.slice(UNDO_PREFIX.length));
  if (!listId) throw new InvalidTokenError("undo.invalid", "This undo button is not valid. Nothing was changed.");
  return restoreDeletedList(userId, listId);
}

/**
 * Deletes the list with its tasks (its owner): one conditional write marks it deleted, after
 * which every access check says "not found" for everyone, and every member's navigation entry
 * goes. Restorable by its owner for UNDO_MINUTES (the returned token, or restoreDeletedList);
 * after that a purge deletes its tasks and its item (list-purge-service.ts).
 */
export async function deleteList(access: ListAccess): Promise<{ list: List; undoToken: string }> {
  // An archived list can be deleted (requireRole refuses changes to archived lists).
  if (access.role !== "owner") requireRole(access, "owner");
  const current = storedList(access);
  const deletedAt = new Date().toISOString();
  // The purge entry first: once the directory entries are gone it is the only way back to the tasks.
  const purge = await loadPurge();
  await purge.recordDeletion(access.userId, current.id, deletedAt);
  await lists.setListMark(current.id, "deletedAt", deletedAt);
  await Promise.all(Object.keys(current.members).map((userId) => lists.deleteDirectoryEntry(userId, current.id)));
  const undoToken = UNDO_PREFIX + signValue(getEnv().APP_SECRET, undoPurpose(access.userId), current.id);
  // The owner's earlier deletions whose undo window is over go now (list-purge-service.ts).
  await purge.purgeDeletedListsQuietly(access.userId);
  return { list: current, undoToken };
}

/** Brings back a list its owner deleted less than UNDO_MINUTES ago, as it was. */
export async function restoreDeletedList(userId: string, listId: string, now = new Date()): Promise<List> {
  const list = typeof listId === "string" && listId.startsWith("l_") ? await lists.getList(listId) : null;
  const deletedAt = list?.deletedAt ? Date.parse(list.deletedAt) : NaN;
  if (!list || roleOf(list, userId) !== "owner" || !(now.getTime() - deletedAt < UNDO_MINUTES * 60_000)) {
    throw new NotFoundError("list.not_found", "This list can no longer be restored.");
  }
  // Refused once its purge has begun (the window closed as the button was pressed).
  if (!(await lists.setListMark(list.id, "deletedAt", null))) {
    throw new NotFoundError("list.not_found", "This list can no longer be restored.");
  }
  const restored = { ...list, deletedAt: null };
  await lists.writeDirectory(restored);
  return restored;
}
