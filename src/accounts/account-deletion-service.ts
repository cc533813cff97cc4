import { markAccountDeleting, tombstoneAccount } from "#src/accounts/account-deletion-repository.ts";
import { revokeTokensBefore } from "#src/accounts/settings-service.ts";
import { deleteCognitoUser } from "#src/auth/cognito-admin.ts";
import { reauthenticate } from "#src/auth/reauthentication.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import type { RequestClient } from "#src/limits/rate-limit-service.ts";
import {
  deleteInvitation,
  deleteInviteeCopy,
  queryInviteeCopies,
  queryListInvitations,
} from "#src/lists/invitation-repository.ts";
import { forgetInvitationCount } from "#src/lists/invitation-count.ts";
import { finishDeparture } from "#src/lists/list-access.ts";
import { putPurgeEntry } from "#src/lists/list-purge-repository.ts";
import { purgeDeletedLists } from "#src/lists/list-purge-service.ts";
import * as lists from "#src/lists/list-repository.ts";
import { roleOf, type List } from "#src/lists/list.ts";
import { nextSecond } from "#src/sessions/revocation-service.ts";
import * as sessions from "#src/sessions/session-repository.ts";
import { hashSessionId, type SessionUser } from "#src/sessions/session-service.ts";
import { deleteAllImportsOfOwner } from "#src/tasks/import-purge-repository.ts";
import { deleteAllTasksOfList } from "#src/tasks/task-purge-repository.ts";

/**
 * Deleting an account (docs/product.md#deleting-your-account). No transaction could hold it
 * all, so it is a sequence of idempotent steps behind one mark:
 *
 *   1. the account item is marked deleting (one write): from then on the account cannot sign
 *      in (openSession) or use the JSON API (requireApiUser), and any of the three ways back
 *      finishes the rest: the same form again, the next sign-in attempt with the password,
 *      or the next request of the session that asked (its item is marked too);
 *   2. its other sessions end, and tokens issued so far are refused;
 *   3. each list in its directory: a list only it belongs to, or one it owns with no editor
 *      (viewers do not inherit), is deleted; a shared list it owns passes to its
 *      longest-standing editor first; then it leaves the rest, as a member leaving does, and
 *      the invitations it sent to lists now owned by others are withdrawn;
 *   4. the invitations it received are declined;
 *   5. its Inbox's tasks, its import records, and every list it deleted (now or earlier, undo
 *      window or not) are purged;
 *   6. its Cognito user is deleted, then the account item becomes a tombstone (nothing but the
 *      marks and tokensValidAfter: its access tokens, valid for up to an hour, stay refused);
 *   7. every session ends, the asking one last.
 *
 * Idempotency records, undo records and rate-limit counters are keyed by hashes or random ids
 * only this user could present, and expire on their own (24 hours, 30 minutes, a window): with
 * the user gone they are unreachable.
 */

/** Checks the password, then deletes the account of this session's user (see above). */
export async function deleteAccount(
  sessionId: string,
  user: SessionUser,
  input: unknown,
  client: RequestClient = {},
): Promise<void> {
  await reauthenticate(user, input, client);
  await markAccountDeleting(user.id);
  const asking = hashSessionId(sessionId);
  await sessions.markSessionDeleting(asking);
  await finishAccountDeletion({ id: user.id, email: user.email }, asking);
}

/**
 * Every step after the password check, each safe to run again: called by deleteAccount and by
 * the ways a deletion that stopped half-way is finished (session-service.ts). `asking` is the
 * hashed id of the session that asked, which ends last.
 */
export async function finishAccountDeletion(user: { id: string; email: string }, asking?: string): Promise<void> {
  // The account is marked deleting already (every way here starts from the mark).
  await revokeTokensBefore(user.id, nextSecond());
  // Every other sign-in ends now; the asking session stays until the end, to finish a stopped run.
  const others = (await sessions.querySessionIdsBySub(user.id)).filter((id) => id !== asking);
  await Promise.all(others.map((id) => sessions.deleteSession(id)));

  for (const entry of await lists.queryDirectory(user.id)) await leaveOrDeleteList(user.id, entry.listId);
  for (const copy of await queryInviteeCopies(user.email)) {
    await deleteInvitation(copy.listId, copy.id, user.email);
    await deleteInviteeCopy(user.email, copy.id);
  }

  await deleteAllTasksOfList(user.id);
  await deleteAllImportsOfOwner(user.id);
  await purgeDeletedLists(user.id, { immediately: true });

  await deleteCognitoUser(user.email);
  await tombstoneAccount(user.id);
  const left = await sessions.querySessionIdsBySub(user.id);
  await Promise.all([...new Set([...left, ...(asking ? [asking] : [])])].map((id) => sessions.deleteSession(id)));
}

/** The editor who joined first (ties: the lower user id): who inherits a list its owner leaves. */
export function longestStandingEditor(list: List, leaving: string): string | null {
  const editors = Object.entries(list.members)
    .filter(([userId, member]) => userId !== leaving && member.role === "editor")
    .sort(([aId, a], [bId, b]) => a.joinedAt.localeCompare(b.joinedAt) || aId.localeCompare(bId));
  return editors[0]?.[0] ?? null;
}

/** Hand-overs tried before giving up (an editor demoted or leaving at that very moment). */
const HAND_OVER_ATTEMPTS = 3;

async function leaveOrDeleteList(userId: string, listId: string): Promise<void> {
  for (let attempt = 0; attempt < HAND_OVER_ATTEMPTS; attempt += 1) {
    const list = await lists.getList(listId);
    if (!list || list.deletedAt) {
      // Deleted (purged later, by its owner's purge entry): only the entry is left.
      await lists.deleteDirectoryEntry(userId, listId);
      return;
    }
    if (!roleOf(list, userId)) {
      // No longer theirs (an earlier run removed them): their assignments there, then the entry.
      await finishDeparture(userId, listId);
      return;
    }
    if (list.ownerId === userId) {
      const heir = longestStandingEditor(list, userId);
      if (!heir) {
        await deleteOwnedList(userId, list);
        return;
      }
      const handed = await lists.handOver(listId, userId, heir);
      // The heir stopped being an editor meanwhile: read the list again and pick again.
      if (!handed.ok && handed.reason !== "not_owner") continue;
    }
    await withdrawInvitationsFrom(userId, listId);
    const removed = await lists.removeMember(listId, userId);
    // Their assignments in the list are cleared (the tasks stay), and the entry goes last: a run
    // stopped before then finishes it the next time (the branch above).
    await finishDeparture(userId, listId);
    if (removed.ok) await lists.writeDirectory(removed.list);
    return;
  }
  throw new ServiceUnavailableError("A shared list could not be handed over just now; please try again.");
}

/**
 * Deletes a list the account owns and no editor can take over, as deleting it from its page
 * does (purge entry, mark, everyone's directory entry); the purge follows at once.
 */
async function deleteOwnedList(userId: string, list: List): Promise<void> {
  const deletedAt = new Date().toISOString();
  await putPurgeEntry(userId, list.id, deletedAt);
  await lists.setListMark(list.id, "deletedAt", deletedAt);
  await Promise.all(Object.keys(list.members).map((memberId) => lists.deleteDirectoryEntry(memberId, list.id)));
}

/** The invitations this account sent to a list it no longer owns: withdrawn, as their sender goes. */
async function withdrawInvitationsFrom(userId: string, listId: string): Promise<void> {
  for (const invitation of await queryListInvitations(listId)) {
    if (invitation.invitedBy !== userId) continue;
    await deleteInvitation(listId, invitation.id, invitation.email);
    await deleteInviteeCopy(invitation.email, invitation.id);
    await forgetInvitationCount(invitation.email);
  }
}
