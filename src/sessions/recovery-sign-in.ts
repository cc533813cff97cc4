import { dropRecoveryCodes, recoverySignInSchema, useRecoveryCode } from "#src/accounts/recovery-codes.ts";
import { findUserSub, initiatePasswordAuth } from "#src/auth/cognito.ts";
import { turnOffSoftwareTokenForUser } from "#src/auth/cognito-admin.ts";
import { ServiceUnavailableError, UnsupportedSignInError, ValidationError } from "#src/errors.ts";
import { rememberDevice } from "#src/limits/device-trust.ts";
import { enforceRateLimits, type RequestClient } from "#src/limits/rate-limit-service.ts";
import { logError } from "#src/logging.ts";
import { openSession, type OpenedSession } from "#src/sessions/session-service.ts";
import { parseInput } from "#src/validation.ts";

// Its own module, loaded by /login/recovery only: a rare page, kept out of every cold start.

const WRONG_RECOVERY_CODE = "That recovery code is not right, or it was already used. Each code works once.";

/**
 * Signing in with a recovery code when the authenticator app is lost: the password, then one
 * unused code, used up in one conditional write (two requests with the same code: one wins).
 * Cognito will not issue tokens without the app's code, so the authenticator is turned off for
 * the account (admin API) and the password signs in alone; the user is asked to set two-step
 * sign-in up again. `twoStepReset` says whether that happened (false: it was already off).
 * Every attempt counts against the sign-in limits, like a password guess.
 */
export async function signInWithRecoveryCode(
  input: unknown,
  client: RequestClient = {},
): Promise<OpenedSession & { twoStepReset: boolean; devices: string[] }> {
  const { email, password, recoveryCode } = parseInput(recoverySignInSchema, input);
  await enforceRateLimits("signin", { email, ...client });
  const devices = () => rememberDevice(client.devices, email);
  const first = await initiatePasswordAuth(email, password);
  // Two-step sign-in is already off: the password was enough, and no code is spent.
  if ("tokens" in first)
    return { ...(await openSession(email, first.tokens)), twoStepReset: false, devices: devices() };
  if (first.challenge.name !== "SOFTWARE_TOKEN_MFA") throw new UnsupportedSignInError();
  const sub = await findUserSub(email);
  // The password was just accepted, so the account exists: no answer is Cognito failing us.
  if (!sub) throw new ServiceUnavailableError("The sign-in service did not say who this account is.");
  if (!(await useRecoveryCode(sub, recoveryCode))) throw new ValidationError({ recoveryCode: [WRONG_RECOVERY_CODE] });
  await turnOffSoftwareTokenForUser(email);
  const second = await initiatePasswordAuth(email, password);
  if (!("tokens" in second)) throw new UnsupportedSignInError();
  try {
    // The rest of the set was for an authenticator that is now off; a new set comes with the next one.
    await dropRecoveryCodes(sub);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    logError("Recovery codes were not dropped after a recovery sign-in", error);
  }
  return { ...(await openSession(email, second.tokens)), twoStepReset: true, devices: devices() };
}
