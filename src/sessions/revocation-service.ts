import { revokeTokensBefore } from "#src/accounts/settings-service.ts";
import { findUserSub, signOutUserEverywhere } from "#src/auth/cognito.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import { logError } from "#src/logging.ts";
import * as repository from "#src/sessions/session-repository.ts";

/**
 * Ending every sign-in of an account at once: after a password change or reset, and on "Sign
 * out everywhere". Three layers, because each alone leaves a hole:
 *   1. tokensValidAfter on the account: every token from a sign-in before it is refused, by
 *      the JSON API on each request and by a page session whenever it opens or refreshes.
 *      Access tokens are verified offline, so nothing else stops a copied one;
 *   2. the user's session items are deleted, so their cookies stop working on the next page;
 *   3. Cognito's global sign-out, so old refresh tokens mint nothing and old access tokens no
 *      longer work at Cognito's own API (the local emulator lacks the call; see cognito.ts).
 * tokensValidAfter is written before the sessions are looked up: a sign-in that completes
 * meanwhile either sees it (and is refused) or stored its session before the lookup.
 */

/**
 * The first whole second whose sign-ins still count, for a revocation made now: the next one.
 * auth_time has whole seconds only, so a token from earlier in this very second (perhaps the
 * thief's, from just before the change) cannot be told from a later one: it is refused, and a
 * sign-in in the rest of this second waits for the next (see session-service.ts).
 */
export function nextSecond(): number {
  return Math.floor(Date.now() / 1000) + 1;
}

/**
 * Refuses the account's tokens from sign-ins before `validAfter` (epoch seconds) and deletes
 * all its session items. Throws on an outage, so the caller can say so.
 */
export async function refuseEarlierSignIns(sub: string, validAfter: number): Promise<void> {
  await revokeTokensBefore(sub, validAfter);
  const ids = await repository.querySessionIdsBySub(sub);
  await Promise.all(ids.map((id) => repository.deleteSession(id)));
}

/**
 * Cognito's global sign-out. A failure is logged, not thrown: the app's own checks
 * (refuseEarlierSignIns) already hold, and the user's action must not fail half-done.
 */
export async function signOutAtCognito(email: string): Promise<void> {
  try {
    await signOutUserEverywhere(email);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    logError("Cognito's global sign-out failed; the app's own checks still refuse the old tokens", error);
  }
}

/** Both: no session, no token from before now, works anywhere. */
export async function revokeEverySignIn(sub: string, email: string): Promise<void> {
  await refuseEarlierSignIns(sub, nextSecond());
  await signOutAtCognito(email);
}

/**
 * After a password reset by emailed code: whoever was signed in (a thief included) is signed
 * out everywhere. The reset names an email, the sessions a sub: Cognito tells one from the
 * other. The password is already changed, so an outage here is logged, not thrown: the user
 * must not be told the reset failed and retry with a spent code.
 */
export async function endEverySignInAfterReset(email: string): Promise<void> {
  try {
    const sub = await findUserSub(email);
    if (!sub) return;
    await revokeEverySignIn(sub, email);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    logError("Sessions and tokens were not ended after a password reset", error);
  }
}
