import { findUserSub } from "#src/auth/cognito.ts";
import { logError } from "#src/logging.ts";
import { forgetDirectoryOfUser } from "#src/sessions/session-repository.ts";

/**
 * After an invitation to `email` is created or goes (revoked, accepted, declined, withdrawn by a
 * purge or an account's deletion): the invitee's sessions drop their copy of the invitations
 * waiting for them (the navigation's count, kept with the directory: list-access.ts
 * pendingInvitationCount), so their next page reads it again. Found by email (one Cognito call,
 * unless the caller is the invitee; nobody yet signed up has a session). Best effort: a failure
 * leaves the count as it was for at most the copy's lifetime (10 minutes).
 */
export async function forgetInvitationCount(email: string, userId?: string): Promise<void> {
  try {
    const sub = userId ?? (await findUserSub(email));
    if (sub) await forgetDirectoryOfUser(sub);
  } catch (error) {
    logError("An invitee's sessions kept their count of invitations", error);
  }
}
