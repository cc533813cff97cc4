import { checkUserPassword } from "#src/auth/cognito.ts";
import { reauthenticationSchema } from "#src/auth/credentials.ts";
import { enforceRateLimits, type RequestClient } from "#src/limits/rate-limit-service.ts";
import type { SessionUser } from "#src/sessions/session-service.ts";
import { parseInput } from "#src/validation.ts";

/**
 * The password, asked again before any change that could keep the owner out of the account:
 * turning two-step sign-in on, replacing or turning off the authenticator, new recovery codes,
 * and any such setting added later. A session cookie alone (copied from a browser, or a laptop
 * left signed in) must never be enough for those, or a thief could lock the owner out for good.
 *
 * One place, so each such setting checks the same way: the attempt counts against the sign-in
 * limits first (a stolen session must not make guessing the password free), then Cognito
 * checks the password. A wrong one is a ValidationError on the `password` field.
 */
export async function reauthenticate(user: SessionUser, input: unknown, client: RequestClient = {}): Promise<void> {
  const { password } = parseInput(reauthenticationSchema, input);
  await enforceRateLimits("signin", { email: user.email, ...client });
  await checkUserPassword(user.email, password);
}
