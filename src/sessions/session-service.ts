import { createHash, randomBytes } from "node:crypto";
import {
  loadAccountSettings,
  storeDetectedTimeZone,
  updateAccountSettings,
  updateShortcutsSetting,
  type AccountSettings,
} from "#src/accounts/settings-service.ts";
import { prepareAccessTokenCheck, verifyAccessToken } from "#src/auth/access-token.ts";
import {
  changeUserPassword,
  initiatePasswordAuth,
  refreshAccessToken,
  respondToSoftwareTokenChallenge,
  revokeRefreshToken,
  type CognitoTokens,
} from "#src/auth/cognito.ts";
import { appCodeFormSchema, changePasswordSchema, safeRedirectPath, signInSchema } from "#src/auth/credentials.ts";
import {
  CHALLENGE_SECONDS,
  openPendingSignIn,
  sealPendingSignIn,
  type PendingSignIn,
} from "#src/auth/sign-in-challenge.ts";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import {
  InvalidCredentialsError,
  ServiceUnavailableError,
  SignInChallengeExpiredError,
  UnsupportedSignInError,
} from "#src/errors.ts";
import { rememberDevice } from "#src/limits/device-trust.ts";
import { enforceRateLimits, type RequestClient } from "#src/limits/rate-limit-service.ts";
import { logError } from "#src/logging.ts";
import * as repository from "#src/sessions/session-repository.ts";
import { openToken, sealToken } from "#src/sessions/token-seal.ts";
import { parseInput } from "#src/validation.ts";

/** How long a sign-in lasts, at most; the cookie and the session item expire together. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface SessionUser {
  /** The Cognito `sub`: the owner of this user's tasks. */
  id: string;
  email: string;
  /** The user's IANA time zone; null = never set (show dates in UTC). */
  timeZone: string | null;
  /** Keyboard shortcuts on the task list (on unless the user switched them off). */
  shortcuts: boolean;
}

/** The sessions table key for a session id (exported for tests that inspect the table). */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url");
}

export interface OpenedSession {
  sessionId: string;
  user: SessionUser;
}

/**
 * The first step of signing in: email and password. Either the session is opened (with the
 * device cookie's entries to send back: this browser is now known to the account), or the
 * account asks for a code from its authenticator app, and `pending` (sealed, for the browser
 * to carry to the code form) is what completeTwoStepSignIn needs.
 */
export async function startSignIn(
  input: unknown,
  redirectTo = "/tasks",
  client: RequestClient = {},
): Promise<{ signedIn: OpenedSession; devices: string[] } | { pending: string; email: string }> {
  const { email, password } = parseInput(signInSchema, input);
  await enforceRateLimits("signin", { email, ...client });
  const result = await initiatePasswordAuth(email, password);
  if ("tokens" in result)
    return { signedIn: await openSession(email, result.tokens), devices: rememberDevice(client.devices, email) };
  // Other challenges (a new password required, SMS codes) are flows this app does not offer.
  if (result.challenge.name !== "SOFTWARE_TOKEN_MFA") throw new UnsupportedSignInError();
  const pending = sealPendingSignIn(getEnv().APP_SECRET, {
    challenge: result.challenge,
    email,
    redirectTo: safeRedirectPath(redirectTo),
    expiresAt: Math.floor(Date.now() / 1000) + CHALLENGE_SECONDS,
  });
  return { pending, email };
}

/** The pending sign-in a browser carries, if it is one of ours and its time is not up. */
function openLivePendingSignIn(pending: string | null): PendingSignIn {
  const opened = pending ? openPendingSignIn(getSigningSecrets(), pending) : null;
  if (!opened) throw new SignInChallengeExpiredError();
  if (opened.expiresAt <= Math.floor(Date.now() / 1000)) throw new SignInChallengeExpiredError(opened);
  return opened;
}

/** What the code form shows about a pending sign-in; an unusable one is expired (start again). */
export function readPendingSignIn(pending: string | null): { email: string; redirectTo: string } {
  const { email, redirectTo } = openLivePendingSignIn(pending);
  return { email, redirectTo };
}

/**
 * The second step: the code from the authenticator app. A wrong code is a ValidationError and
 * the same pending sign-in can be answered again until Cognito's 3 minutes are up.
 */
export async function completeTwoStepSignIn(
  pending: string | null,
  input: unknown,
  client: RequestClient = {},
): Promise<OpenedSession & { redirectTo: string; devices: string[] }> {
  const opened = openLivePendingSignIn(pending);
  const { code } = parseInput(appCodeFormSchema, input);
  // Guessing codes counts against the same sign-in limits as guessing passwords.
  await enforceRateLimits("signin", { email: opened.email, ...client });
  let tokens: CognitoTokens;
  try {
    tokens = await respondToSoftwareTokenChallenge(opened.challenge, code);
  } catch (error) {
    // Cognito's own verdict that the session is spent or timed out: say who, to start again.
    if (error instanceof SignInChallengeExpiredError) throw new SignInChallengeExpiredError(opened);
    throw error;
  }
  return {
    ...(await openSession(opened.email, tokens)),
    redirectTo: opened.redirectTo,
    devices: rememberDevice(client.devices, opened.email),
  };
}

/**
 * Signs in an account without a second step (scripts and tests); one that asks for a code
 * cannot be signed in here.
 */
export async function signIn(input: unknown, client: RequestClient = {}): Promise<OpenedSession> {
  const result = await startSignIn(input, "/tasks", client);
  if ("signedIn" in result) return result.signedIn;
  throw new UnsupportedSignInError();
}

/**
 * Opens a new session for tokens Cognito just issued (a new random id every time, so a
 * session id planted before sign-in is worthless). Returns the id for the cookie.
 */
async function openSession(email: string, tokens: CognitoTokens): Promise<OpenedSession> {
  const verified = await verifyAccessToken(tokens.accessToken);
  if (!verified.ok) throw new ServiceUnavailableError("The sign-in service returned a token we could not verify.");

  const settings = await loadAccountSettings(verified.claims.sub);
  const sessionId = randomBytes(32).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  await repository.putSession({
    id: hashSessionId(sessionId),
    sub: verified.claims.sub,
    email,
    accessToken: sealToken(sessionId, tokens.accessToken),
    refreshToken: sealToken(sessionId, tokens.refreshToken),
    createdAt: new Date(now * 1000).toISOString(),
    expiresAt: now + SESSION_TTL_SECONDS,
    settings,
  });
  return {
    sessionId,
    user: { id: verified.claims.sub, email, timeZone: settings.timeZone, shortcuts: settings.shortcuts },
  };
}

/**
 * The user behind a session id, or null when it is not a live session: unknown, expired,
 * ended, or holding a token that fails verification and cannot be refreshed. Any such session
 * is deleted, so a stolen copy of its cookie dies with it.
 */
export async function resolveSession(sessionId: string): Promise<SessionUser | null> {
  const id = hashSessionId(sessionId);
  prepareAccessTokenCheck();
  const session = await repository.getSession(id);
  if (!session) return null;
  if (session.expiresAt <= Math.floor(Date.now() / 1000)) {
    await repository.deleteSession(id);
    return null;
  }

  const storedAccessToken = openToken(sessionId, session.accessToken);
  if (!storedAccessToken) {
    await repository.deleteSession(id);
    return null;
  }

  let currentAccessToken = storedAccessToken;
  let result = await verifyAccessToken(storedAccessToken);
  if (!result.ok && result.expired) {
    // Opened only now: most requests carry a valid access token and never need it.
    const refreshToken = openToken(sessionId, session.refreshToken);
    if (!refreshToken) {
      await repository.deleteSession(id);
      return null;
    }
    let accessToken: string;
    try {
      accessToken = await refreshAccessToken(refreshToken);
    } catch (error) {
      if (!(error instanceof InvalidCredentialsError)) throw error;
      await repository.deleteSession(id);
      return null;
    }
    currentAccessToken = accessToken;
    result = await verifyAccessToken(accessToken);
    if (result.ok && !(await repository.updateSessionAccessToken(id, sealToken(sessionId, accessToken)))) return null;
  }
  if (!result.ok || result.claims.sub !== session.sub) {
    await repository.deleteSession(id);
    return null;
  }
  let settings = session.settings;
  if (!settings) {
    // A session item from before settings were cached: learn them once, then it is one read again.
    settings = await loadAccountSettings(session.sub);
    if (!(await repository.updateSessionSettings(id, settings))) return null;
  }
  const user: SessionUser = {
    id: session.sub,
    email: session.email,
    timeZone: settings.timeZone ?? null,
    shortcuts: settings.shortcuts !== false,
  };
  accessTokens.set(user, currentAccessToken);
  return user;
}

/**
 * The verified access token behind a resolved user, kept beside the object rather than in it,
 * so a loader that returns the user can never send the token to the browser.
 */
const accessTokens = new WeakMap<SessionUser, string>();

/** The user's Cognito access token, for calls made as the user (e.g. account changes). */
export function accessTokenFor(user: SessionUser): string {
  const accessToken = accessTokens.get(user);
  if (!accessToken) throw new InvalidCredentialsError();
  return accessToken;
}

/** Writes the settings into every live session of the user, so each sees them on its next request. */
async function updateSettingsInSessions(sub: string, settings: AccountSettings): Promise<void> {
  const ids = await repository.querySessionIdsBySub(sub);
  // Conditional per item: a session ended meanwhile is skipped, never recreated.
  await Promise.all(ids.map((id) => repository.updateSessionSettings(id, settings)));
}

/** Saves the user's settings form and refreshes the copy in each of their sessions. */
export async function saveAccountSettings(user: SessionUser, input: unknown): Promise<AccountSettings> {
  const settings = await updateAccountSettings(user.id, input);
  await updateSettingsInSessions(user.id, settings);
  return settings;
}

/** Switches the keyboard shortcuts on or off for every session of the user. */
export async function saveShortcutsSetting(user: SessionUser, input: unknown): Promise<AccountSettings> {
  const settings = await updateShortcutsSetting(user.id, input);
  await updateSettingsInSessions(user.id, settings);
  return settings;
}

/**
 * The browser reported its time zone: store it only if the user has none, never over a choice.
 * If one was set meanwhile (e.g. from another device), the sessions get that one instead, so
 * this session stops asking. Returns the settings in force.
 */
export async function saveDetectedTimeZone(user: SessionUser, input: unknown): Promise<AccountSettings> {
  const settings = (await storeDetectedTimeZone(user.id, input)) ?? (await loadAccountSettings(user.id));
  await updateSettingsInSessions(user.id, settings);
  return settings;
}

/**
 * Changes the password at Cognito with this session's access token (which proves the user is
 * signed in here); the current password must still be given, as Cognito requires.
 */
export async function changePasswordForSession(
  sessionId: string,
  input: unknown,
  client: RequestClient = {},
): Promise<void> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const session = await repository.getSession(hashSessionId(sessionId));
  const accessToken = session ? openToken(sessionId, session.accessToken) : null;
  if (!session || !accessToken) throw new InvalidCredentialsError();
  // The current password is a guess like a sign-in's: counted against the same limits.
  await enforceRateLimits("signin", { email: session.email, ...client });
  await changeUserPassword(accessToken, currentPassword, newPassword);
  // Whoever else is signed in as this user (another device, a stolen cookie) is signed out:
  // their session items go, and with them the tokens sealed inside. This session stays.
  const current = hashSessionId(sessionId);
  try {
    const others = (await repository.querySessionIdsBySub(session.sub)).filter((id) => id !== current);
    await Promise.all(others.map((id) => repository.deleteSession(id)));
  } catch (error) {
    // The password is changed whatever happens here: say so, and log what was left.
    if (!(error instanceof ServiceUnavailableError)) throw error;
    logError("Other sessions were not ended after a password change", error);
  }
}

/** Ends a session: the refresh token is revoked at Cognito and the session item deleted. */
export async function endSession(sessionId: string): Promise<void> {
  const id = hashSessionId(sessionId);
  const session = await repository.getSession(id);
  if (!session) return;
  await repository.deleteSession(id);
  const refreshToken = openToken(sessionId, session.refreshToken);
  if (!refreshToken) return;
  try {
    await revokeRefreshToken(refreshToken);
  } catch (error) {
    // The session is already gone, so the cookie is dead; an unrevoked refresh token is only
    // usable by whoever holds it, which is our table. Log and carry on.
    logError("Could not revoke a refresh token at sign-out", error);
  }
}
