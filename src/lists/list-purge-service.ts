import { forgetInvitationCount } from "#src/lists/invitation-count.ts";
import { deleteInvitation, deleteInviteeCopy, queryListInvitations } from "#src/lists/invitation-repository.ts";
import * as purges from "#src/lists/list-purge-repository.ts";
import * as lists from "#src/lists/list-repository.ts";
import { logError } from "#src/logging.ts";
import { UNDO_MINUTES } from "#src/tasks/task-constants.ts";
import { deleteAllTasksOfList } from "#src/tasks/task-purge-repository.ts";

/**
 * Purging deleted lists (docs/decisions/2026-12-07-purge-deleted-lists-on-request.md). Deleting a
 * list marks it deleted (Undo works for UNDO_MINUTES) and records a purge entry for its owner;
 * once the undo window is over, a purge deletes its invitations, its tasks (25 to a
 * BatchWriteItem) and then the list item, and last the entry. Every step is idempotent and the
 * entry goes last, so a purge that stopped half-way is finished by the next one. It runs on a
 * request of the owner: when they sign in and when they delete a list; deleting the account
 * purges every list it deletes at once. Loaded only then (import()), never at a cold start.
 */

/** Records the owner's deletion of a list, before it is marked (list-service.ts deleteList). */
export const recordDeletion = purges.putPurgeEntry;

export type PurgeOutcome = "purged" | "restored" | "waiting";

/**
 * Purges one deleted list whose deletion is at `deletedBefore` (ISO) or earlier: marks it
 * purging (from then on it cannot be restored), deletes its invitations and their invitees'
 * copies, every member's directory entry, its tasks, and last its item. "restored" when the
 * list is not deleted (any more); "waiting" while its undo window lasts.
 */
export async function purgeList(listId: string, deletedBefore: string): Promise<PurgeOutcome> {
  const list = await lists.getList(listId);
  if (!list) return "purged";
  if (!list.deletedAt) return "restored";
  if (!(await purges.markListPurging(listId, deletedBefore))) {
    const now = await lists.getList(listId);
    return !now ? "purged" : now.deletedAt ? "waiting" : "restored";
  }
  for (const invitation of await queryListInvitations(listId)) {
    await deleteInvitation(listId, invitation.id, invitation.email);
    await deleteInviteeCopy(invitation.email, invitation.id);
    await forgetInvitationCount(invitation.email);
  }
  await Promise.all(Object.keys(list.members).map((userId) => lists.deleteDirectoryEntry(userId, listId)));
  await deleteAllTasksOfList(listId);
  await purges.deletePurgedList(listId);
  return "purged";
}

/** The moment before which a deletion is past its undo window. */
export function undoWindowStart(now = new Date()): string {
  return new Date(now.getTime() - UNDO_MINUTES * 60_000).toISOString();
}

/** Far enough ahead that every deletion is before it: purge now, undo window or not. */
const ANY_TIME = "9999-12-31T23:59:59.999Z";

/**
 * Purges the owner's deleted lists whose undo window is over (or all of them, `immediately`,
 * when the account goes): one Query of their purge entries (usually empty), then each due list.
 * Returns how many lists were purged. Throws on an outage; the entries stay for the next run.
 */
export async function purgeDeletedLists(
  ownerId: string,
  options: { now?: Date; immediately?: boolean } = {},
): Promise<number> {
  const before = options.immediately ? ANY_TIME : undoWindowStart(options.now);
  let purged = 0;
  for (const entry of await purges.queryPurgeEntries(ownerId)) {
    if (entry.deletedAt > before) continue;
    const outcome = await purgeList(entry.listId, before);
    if (outcome === "waiting") continue;
    await purges.deletePurgeEntry({ ownerId, ...entry });
    if (outcome === "purged") purged += 1;
  }
  return purged;
}

/** As purgeDeletedLists, for a request that must not fail because of it: an outage is logged. */
export async function purgeDeletedListsQuietly(ownerId: string): Promise<void> {
  try {
    await purgeDeletedLists(ownerId);
  } catch (error) {
    logError("Deleted lists were not purged; the next sign-in or list deletion tries again", error);
  }
}
