import { countRecoveryCodes, dropRecoveryCodes, issueRecoveryCodes } from "#src/accounts/recovery-codes.ts";
import {
  associateSoftwareToken,
  enableSoftwareToken,
  isSoftwareTokenEnabled,
  setSoftwareTokenPreference,
} from "#src/auth/cognito.ts";
import { appCodeFormSchema } from "#src/auth/credentials.ts";
import { reauthenticate } from "#src/auth/reauthentication.ts";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import { ServiceUnavailableError, ValidationError } from "#src/errors.ts";
import type { RequestClient } from "#src/limits/rate-limit-service.ts";
import { accessTokenFor, type SessionUser } from "#src/sessions/session-service.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Two-step sign-in from the account page: an authenticator app (TOTP, Cognito's software
 * token) is added after the password is given again, confirmed with its first code, and can be
 * turned off with the password. Every call is made with the session's own access token: the
 * user acts on their own account.
 */

export const TOTP_ISSUER = "Task Tracker";

export interface AuthenticatorSetup {
  /** The TOTP secret (base32), for typing into the app by hand. */
  secret: string;
  /** The same secret as an otpauth:// URI, which apps read from a QR code or a link. */
  uri: string;
  /**
   * Signed and timed: the page shows the same secret again after a mistyped code, and the
   * confirmation needs it, as proof the password was given for this set-up a moment ago.
   */
  token: string;
  /** The URI as a QR code: an inline SVG drawn here, so the page needs no script for it. */
  qrSvg: string;
}

/** The QR encoder loads only when a key is shown, never at a cold start. */
async function drawQrCode(uri: string): Promise<string> {
  const { renderSVG } = await import("uqr");
  return renderSVG(uri, { border: 2 });
}

const setupPurpose = (user: SessionUser) => `two-step-setup:${user.id}`;

/** Time to scan the key and type the first code, after the password was given. */
export const SETUP_SECONDS = 15 * 60;

const SETUP_EXPIRED =
  "That set-up took too long or was not started here. Enter your password and set up two-step sign-in again.";

export function otpauthUri(email: string, secret: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(email)}`;
  const params = new URLSearchParams({ secret, issuer: TOTP_ISSUER, algorithm: "SHA1", digits: "6", period: "30" });
  return `otpauth://totp/${label}?${params.toString().replaceAll("+", "%20")}`;
}

/** Whether the user signs in with a code; null when Cognito cannot say right now. */
export async function readTwoStepStatus(user: SessionUser): Promise<boolean | null> {
  try {
    return await isSoftwareTokenEnabled(accessTokenFor(user));
  } catch (error) {
    // The rest of the account page still works without this answer.
    if (error instanceof ServiceUnavailableError) return null;
    throw error;
  }
}

/**
 * Asks Cognito for a new secret, once the password is given again (turning two-step sign-in on,
 * or replacing the app, could otherwise lock the owner out); nothing changes for sign-in until
 * confirmTwoStepSetup.
 */
export async function startTwoStepSetup(
  user: SessionUser,
  input: unknown,
  client: RequestClient = {},
): Promise<AuthenticatorSetup> {
  await reauthenticate(user, input, client);
  const secret = await associateSoftwareToken(accessTokenFor(user));
  const uri = otpauthUri(user.email, secret);
  const token = signValue(getEnv().APP_SECRET, setupPurpose(user), `${secret}~${Math.floor(Date.now() / 1000)}`);
  return { secret, uri, token, qrSvg: await drawQrCode(uri) };
}

/** The set-up a page showed this user in the last SETUP_SECONDS, from its signed token; null for anything else. */
export async function readTwoStepSetup(
  user: SessionUser,
  token: string | undefined,
): Promise<AuthenticatorSetup | null> {
  const value = token ? unsignValue(getSigningSecrets(), setupPurpose(user), token) : null;
  if (!token || !value) return null;
  const [secret = "", issuedAt = ""] = value.split("~");
  const age = Math.floor(Date.now() / 1000) - Number(issuedAt);
  if (!secret || !/^\d+$/.test(issuedAt) || age < 0 || age > SETUP_SECONDS) return null;
  const uri = otpauthUri(user.email, secret);
  return { secret, uri, token, qrSvg: await drawQrCode(uri) };
}

/**
 * The first code from the app proves it holds the secret; then sign-in asks for codes. Only for
 * a set-up started here with the password (its token): the session alone cannot turn it on.
 * Returns a new set of recovery codes (any older set stops working), to be shown once.
 */
export async function confirmTwoStepSetup(
  user: SessionUser,
  setup: AuthenticatorSetup | null,
  input: unknown,
): Promise<string[]> {
  const { code } = parseInput(appCodeFormSchema, input);
  if (!setup) throw new ValidationError({}, SETUP_EXPIRED);
  await enableSoftwareToken(accessTokenFor(user), code);
  return issueRecoveryCodes(user.id);
}

/** A fresh set of recovery codes, with the password; the old set stops working. */
export async function renewRecoveryCodes(
  user: SessionUser,
  input: unknown,
  client: RequestClient = {},
): Promise<string[]> {
  await reauthenticate(user, input, client);
  // Codes without two-step sign-in would only be a second way in for whoever finds them.
  if (!(await isSoftwareTokenEnabled(accessTokenFor(user)))) {
    throw new ValidationError({}, "Two-step sign-in is off, so there are no recovery codes to renew. Set it up first.");
  }
  return issueRecoveryCodes(user.id);
}

/**
 * Two-step sign-in's state for the account page: on or off (null: Cognito cannot say now) and,
 * only when on, how many recovery codes are left (null: cannot say now). Off costs no DynamoDB call.
 */
export async function readTwoStepState(
  user: SessionUser,
): Promise<{ enabled: boolean | null; recoveryCodesLeft: number | null }> {
  const enabled = await readTwoStepStatus(user);
  if (!enabled) return { enabled, recoveryCodesLeft: null };
  try {
    return { enabled, recoveryCodesLeft: await countRecoveryCodes(user.id) };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { enabled, recoveryCodesLeft: null };
    throw error;
  }
}

export async function turnOffTwoStep(user: SessionUser, input: unknown, client: RequestClient = {}): Promise<void> {
  await reauthenticate(user, input, client);
  await setSoftwareTokenPreference(accessTokenFor(user), false);
  // Nothing left for them to recover; a new set comes with turning it on again.
  await dropRecoveryCodes(user.id);
}
