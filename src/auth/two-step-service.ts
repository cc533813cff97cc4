import {
  associateSoftwareToken,
  checkUserPassword,
  enableSoftwareToken,
  isSoftwareTokenEnabled,
  setSoftwareTokenPreference,
} from "#src/auth/cognito.ts";
import { appCodeFormSchema, turnOffTwoStepSchema } from "#src/auth/credentials.ts";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import { enforceRateLimits } from "#src/limits/rate-limit-service.ts";
import { accessTokenFor, type SessionUser } from "#src/sessions/session-service.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Two-step sign-in from the account page: an authenticator app (TOTP, Cognito's software
 * token) is added, confirmed with its first code, and can be turned off with the password.
 * Every call is made with the session's own access token: the user acts on their own account.
 */

export const TOTP_ISSUER = "Task Tracker";

export interface AuthenticatorSetup {
  /** The TOTP secret (base32), for typing into the app by hand. */
  secret: string;
  /** The same secret as an otpauth:// URI, which apps read from a QR code or a link. */
  uri: string;
  /** Signed, so the page can show the same secret again after a mistyped code. */
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

/** Asks Cognito for a new secret; two-step sign-in is not on until confirmTwoStepSetup. */
export async function startTwoStepSetup(user: SessionUser): Promise<AuthenticatorSetup> {
  const secret = await associateSoftwareToken(accessTokenFor(user));
  const uri = otpauthUri(user.email, secret);
  const token = signValue(getEnv().APP_SECRET, setupPurpose(user), secret);
  return { secret, uri, token, qrSvg: await drawQrCode(uri) };
}

/** The setup a page showed this user, from its signed token; null for anything else. */
export async function readTwoStepSetup(
  user: SessionUser,
  token: string | undefined,
): Promise<AuthenticatorSetup | null> {
  const secret = token ? unsignValue(getSigningSecrets(), setupPurpose(user), token) : null;
  if (!token || !secret) return null;
  const uri = otpauthUri(user.email, secret);
  return { secret, uri, token, qrSvg: await drawQrCode(uri) };
}

/** The first code from the app proves it holds the secret; then sign-in asks for codes. */
export async function confirmTwoStepSetup(user: SessionUser, input: unknown): Promise<void> {
  const { code } = parseInput(appCodeFormSchema, input);
  await enableSoftwareToken(accessTokenFor(user), code);
}

export async function turnOffTwoStep(user: SessionUser, input: unknown, clientIp?: string): Promise<void> {
  const { password } = parseInput(turnOffTwoStepSchema, input);
  // A password guess like any other: a stolen session must not make guessing it free.
  await enforceRateLimits("signin", { email: user.email, ip: clientIp });
  await checkUserPassword(user.email, password);
  await setSoftwareTokenPreference(accessTokenFor(user), false);
}
