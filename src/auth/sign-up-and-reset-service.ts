import {
  confirmPasswordReset,
  confirmSignUpUser,
  resendSignUpCode,
  signUpUser,
  startPasswordReset,
} from "#src/auth/cognito.ts";
import { confirmSignUpSchema, emailOnlySchema, resetPasswordSchema, signUpSchema } from "#src/auth/credentials.ts";
import { SIGN_UP_TICKET_SECONDS, sealSignUpTicket } from "#src/auth/sign-up-ticket.ts";
import { getEnv } from "#src/env.ts";
import { rememberDevice } from "#src/limits/device-trust.ts";
import { enforceRateLimits, type RequestClient } from "#src/limits/rate-limit-service.ts";
import { endEverySignInAfterReset } from "#src/sessions/revocation-service.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Account life cycle: sign up, confirm by emailed code, reset a forgotten password. Those that
 * send an email or take a guess are rate-limited per email and per client address (`client.ip`,
 * absent where the caller cannot tell it), or per known device, before Cognito is asked.
 */

/**
 * Creates the account, unconfirmed. `ticket` (sealed, for the browser to carry to the
 * confirmation form) lets signInAfterConfirmation sign the new account in once it is confirmed.
 */
export async function signUp(input: unknown, client: RequestClient = {}): Promise<{ email: string; ticket: string }> {
  const { email, password } = parseInput(signUpSchema, input);
  await enforceRateLimits("signup", { email, ...client });
  await signUpUser(email, password);
  const expiresAt = Math.floor(Date.now() / 1000) + SIGN_UP_TICKET_SECONDS;
  return { email, ticket: sealSignUpTicket(getEnv().APP_SECRET, { email, password, expiresAt }) };
}

export async function confirmSignUp(input: unknown, client: RequestClient = {}): Promise<{ email: string }> {
  const { email, code } = parseInput(confirmSignUpSchema, input);
  await enforceRateLimits("signup-confirm", { email, ...client });
  await confirmSignUpUser(email, code);
  return { email };
}

export async function resendConfirmationCode(input: unknown, client: RequestClient = {}): Promise<{ email: string }> {
  const { email } = parseInput(emailOnlySchema, input);
  await enforceRateLimits("resend", { email, ...client });
  await resendSignUpCode(email);
  return { email };
}

export async function requestPasswordReset(input: unknown, client: RequestClient = {}): Promise<{ email: string }> {
  const { email } = parseInput(emailOnlySchema, input);
  await enforceRateLimits("reset", { email, ...client });
  await startPasswordReset(email);
  return { email };
}

/**
 * Holding the emailed code proves the inbox as a sign-in proves the password: the browser that
 * used it becomes known to the account (the device cookie's entries come back), so it can sign
 * in with the new password even while a stranger is spending the email's sign-in limit.
 */
export async function resetPassword(
  input: unknown,
  client: RequestClient = {},
): Promise<{ email: string; devices: string[] }> {
  const { email, code, password } = parseInput(resetPasswordSchema, input);
  await enforceRateLimits("reset-confirm", { email, ...client });
  await confirmPasswordReset(email, code, password);
  // Whoever was signed in before (perhaps the reason for the reset) is signed out everywhere.
  await endEverySignInAfterReset(email);
  return { email, devices: rememberDevice(client.devices, email) };
}
