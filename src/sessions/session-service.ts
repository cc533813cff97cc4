import { createHash, randomBytes } from "node:crypto";
import {
  loadAccountSettings,
  storeDetectedTimeZone,
  updateAccountSettings,
  updateShortcutsSetting,
  type AccountSettings,
} from "#src/accounts/account-service.ts";
import { verifyAccessToken } from "#src/auth/access-token.ts";
import { changeUserPassword, initiatePasswordAuth, refreshAccessToken, revokeRefreshToken } from "#src/auth/cognito.ts";
import { changePasswordSchema, signInSchema } from "#src/auth/credentials.ts";
import { InvalidCredentialsError, ServiceUnavailableError } from "#src/errors.ts";
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

/**
 * Signs in with email and password and opens a new session (a new random id every time, so
 * a session id planted before sign-in is worthless). Returns the id for the cookie.
 */
export async function signIn(input: unknown): Promise<{ sessionId: string; user: SessionUser }> {
  const { email, password } = parseInput(signInSchema, input);

  const tokens = await initiatePasswordAuth(email, password);
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
  return {
    id: session.sub,
    email: session.email,
    timeZone: settings.timeZone ?? null,
    shortcuts: settings.shortcuts !== false,
  };
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
export async function changePasswordForSession(sessionId: string, input: unknown): Promise<void> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const session = await repository.getSession(hashSessionId(sessionId));
  const accessToken = session ? openToken(sessionId, session.accessToken) : null;
  if (!accessToken) throw new InvalidCredentialsError();
  await changeUserPassword(accessToken, currentPassword, newPassword);
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
