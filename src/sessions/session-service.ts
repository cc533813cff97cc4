import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  isTokenCurrent,
  loadAccountAccess,
  loadAccountSettings,
  storeDetectedTimeZone,
  updateAccountSettings,
  updateShortcutsSetting,
  updateStartViewSetting,
  type AccountSettings,
} from "#src/accounts/settings-service.ts";
import { prepareAccessTokenCheck, verifyAccessToken } from "#src/auth/access-token.ts";
import {
  changeUserPassword,
  initiatePasswordAuth,
  refreshAccessToken,
  respondToSoftwareTokenChallenge,
  revokeRefreshToken,
  type CognitoChallenge,
  type CognitoTokens,
} from "#src/auth/cognito.ts";
import { appCodeFormSchema, changePasswordSchema, safeRedirectPath, signInSchema } from "#src/auth/credentials.ts";
import {
  CHALLENGE_SECONDS,
  openPendingSignIn,
  sealPendingSignIn,
  type PendingSignIn,
} from "#src/auth/sign-in-challenge.ts";
import { openSignUpTicket } from "#src/auth/sign-up-ticket.ts";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import {
  AccountDeletedError,
  DomainError,
  InvalidCredentialsError,
  ServiceUnavailableError,
  SignInChallengeExpiredError,
  UnsupportedSignInError,
} from "#src/errors.ts";
import { rememberDevice } from "#src/limits/device-trust.ts";
import { enforceRateLimits, type RequestClient } from "#src/limits/rate-limit-service.ts";
import { logError } from "#src/logging.ts";
import {
  nextSecond,
  refuseEarlierSignIns,
  revokeEverySignIn,
  signOutAtCognito,
} from "#src/sessions/revocation-service.ts";
import type { DirectoryEntry } from "#src/lists/list-repository.ts";
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
  /** Where signing in lands (the user's setting). */
  startView: "all" | "today";
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
  if ("tokens" in result) {
    const signedIn = await openSessionOrRetry(email, password, result.tokens);
    return { signedIn, devices: rememberDevice(client.devices, email) };
  }
  // Other challenges (a new password required, SMS codes) are flows this app does not offer.
  if (result.challenge.name !== "SOFTWARE_TOKEN_MFA") throw new UnsupportedSignInError();
  return { pending: sealChallenge(result.challenge, email, redirectTo), email };
}

/**
 * A sign-in in the same second as a revocation (say, just after a reset) has an auth_time the
 * revocation refuses: auth_time counts whole seconds. The password was right, so sign in once
 * more once that second is over. If the password changed meanwhile, Cognito refuses it now.
 */
async function openSessionOrRetry(email: string, password: string, tokens: CognitoTokens): Promise<OpenedSession> {
  try {
    return await openSession(email, tokens);
  } catch (error) {
    if (!(error instanceof StaleSignInError)) throw error;
    const wait = error.validAfter * 1000 + RETRY_MARGIN_MS - Date.now();
    if (wait > MAX_RETRY_WAIT_MS) throw new InvalidCredentialsError();
    await sleep(Math.max(0, wait));
    const again = await initiatePasswordAuth(email, password);
    if (!("tokens" in again)) throw new InvalidCredentialsError();
    return openSession(email, again.tokens);
  }
}

/** Tokens from a sign-in before the account's tokensValidAfter; to its user, a wrong password. */
class StaleSignInError extends InvalidCredentialsError {
  readonly validAfter: number;
  constructor(validAfter: number) {
    super();
    this.validAfter = validAfter;
  }
}

/** How far our clock and Cognito's may disagree (both are kept by NTP, to milliseconds). */
const CLOCK_SKEW_MS = 200;
/** Past the boundary second by this much (our clock, against Cognito's). */
const RETRY_MARGIN_MS = CLOCK_SKEW_MS + 50;
/** Longer than this means the boundary is not "this second": a clock is wrong, or it is no race. */
const MAX_RETRY_WAIT_MS = 2_500;

/** A challenge sealed for the browser to carry to the code form. */
function sealChallenge(challenge: CognitoChallenge, email: string, redirectTo: string): string {
  return sealPendingSignIn(getEnv().APP_SECRET, {
    challenge,
    email,
    redirectTo: safeRedirectPath(redirectTo),
    expiresAt: Math.floor(Date.now() / 1000) + CHALLENGE_SECONDS,
  });
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
 * Just after the account's email address was confirmed: signs it in with the sign-up form's
 * ticket (sign-up-ticket.ts), so the new user does not type the password again. Null when the
 * ticket is missing, not ours, expired or for another address, or the sign-in is refused (the
 * password changed meanwhile, a limit, an outage): the user then signs in as before.
 */
export async function signInAfterConfirmation(
  ticket: string | null,
  email: string,
  client: RequestClient = {},
): Promise<{ signedIn: OpenedSession; devices: string[] } | null> {
  const opened = ticket ? openSignUpTicket(getSigningSecrets(), ticket) : null;
  if (!opened || opened.email !== email) return null;
  try {
    const result = await startSignIn({ email, password: opened.password }, "/tasks", client);
    return "signedIn" in result ? result : null;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
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
 * session id planted before sign-in is worthless). Returns the id for the cookie. Exported for
 * the other ways of signing in (recovery-sign-in.ts); routes never call it.
 */
export async function openSession(email: string, tokens: CognitoTokens): Promise<OpenedSession> {
  const verified = await verifyAccessToken(tokens.accessToken);
  if (!verified.ok) throw new ServiceUnavailableError("The sign-in service returned a token we could not verify.");

  const { settings, tokensValidAfter, deleting } = await loadAccountAccess(verified.claims.sub);
  if (deleting) {
    // A deletion that stopped half-way: the right password finishes it, and signs nobody in.
    await revokeRefreshToken(tokens.refreshToken).catch(() => undefined);
    await finishDeletion({ id: verified.claims.sub, email });
    throw new AccountDeletedError();
  }
  // A sign-in with the old password that finished just as the password changed: refused, as
  // the old password now is.
  if (tokensValidAfter !== null && !isTokenCurrent(verified.claims.authTime, tokensValidAfter)) {
    await revokeRefreshToken(tokens.refreshToken).catch(() => undefined);
    throw new StaleSignInError(tokensValidAfter);
  }
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
    authTime: verified.claims.authTime,
    settings,
  });
  // The lists this user deleted whose undo window is over lose their tasks now (never fails a sign-in).
  await (await import("#src/lists/list-purge-service.ts")).purgeDeletedListsQuietly(verified.claims.sub);
  return {
    sessionId,
    user: {
      id: verified.claims.sub,
      email,
      timeZone: settings.timeZone,
      shortcuts: settings.shortcuts,
      startView: settings.startView,
    },
  };
}

/**
 * The user behind a session id, or null when it is not a live session: unknown, expired,
 * ended, or holding a token that fails verification and cannot be refreshed. Any such session
 * is deleted, so a stolen copy of its cookie dies with it. The session that asked for its
 * account's deletion finishes that deletion and throws AccountDeletedError.
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
  if (session.deleting) {
    // This browser asked for its account's deletion, which stopped half-way: finish it.
    await finishDeletion({ id: session.sub, email: session.email }, id);
    throw new AccountDeletedError();
  }

  const storedAccessToken = openToken(sessionId, session.accessToken);
  if (!storedAccessToken) {
    await repository.deleteSession(id);
    return null;
  }

  let currentAccessToken = storedAccessToken;
  let result = await verifyAccessToken(storedAccessToken);
  if (!result.ok && result.expired) {
    // Before Cognito mints a new access token, the account may have refused this sign-in's
    // tokens since (a password change, reset or "Sign out everywhere" whose sweep of the
    // sessions missed this one): then the session ends. Read here, once an hour per session,
    // not on every page: the sweep deletes the session items it finds.
    const { tokensValidAfter } = await loadAccountAccess(session.sub);
    if (!isTokenCurrent(sessionAuthTime(session), tokensValidAfter)) {
      await repository.deleteSession(id);
      return null;
    }
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
    // Sessions cached their settings before this one existed.
    startView: settings.startView === "today" ? "today" : "all",
  };
  accessTokens.set(user, currentAccessToken);
  const fresh = session.directory && Date.now() - session.directory.readAt < DIRECTORY_COPY_MS;
  directoryCopies.set(user, {
    sessionKey: id,
    epoch: session.directoryEpoch,
    entries: fresh ? (session.directory?.entries ?? null) : null,
    invitations: fresh ? (session.directory?.invitations ?? null) : null,
  });
  return user;
}

/**
 * How long a session trusts its copy of the user's directory. Every change to the directory
 * drops the copies anyway; this bounds how long one whose dropping failed can show old names.
 */
const DIRECTORY_COPY_MS = 10 * 60 * 1000;

/** The session behind a resolved user and its copy of the directory, beside the object like the token. */
const directoryCopies = new WeakMap<
  object,
  { sessionKey: string; epoch: number | undefined; entries: DirectoryEntry[] | null; invitations: number[] | null }
>();

/** The session's recent copy of the user's directory of lists, or null (no session, none kept, or too old). */
export function sessionDirectory(user: object): DirectoryEntry[] | null {
  return directoryCopies.get(user)?.entries ?? null;
}

/**
 * The session's recent copy of when the user's pending invitations expire (kept with the
 * directory), or null (none kept, too old, or a copy from before it was kept).
 */
export function sessionInvitations(user: object): number[] | null {
  return directoryCopies.get(user)?.invitations ?? null;
}

/** Whether the user came with a session that keeps copies (a page, not the JSON API's bearer token). */
export function keepsSessionCopies(user: object): boolean {
  return directoryCopies.has(user);
}

/**
 * Keeps the directory a page just read in the user's session for its next pages, unless the
 * directory changed meanwhile. Best effort: a failure costs the next page one Query.
 */
export async function keepSessionDirectory(
  user: object,
  entries: DirectoryEntry[],
  invitations?: number[],
): Promise<void> {
  const copy = directoryCopies.get(user);
  if (!copy) return;
  try {
    const directory = { readAt: Date.now(), entries, ...(invitations ? { invitations } : {}) };
    if (await repository.storeSessionDirectory(copy.sessionKey, directory, copy.epoch)) {
      copy.entries = entries;
      copy.invitations = invitations ?? null;
    }
  } catch (error) {
    logError("The session's copy of the list directory was not kept", error);
  }
}

/** Finishes an account's deletion (account-deletion-service.ts, loaded only then). */
async function finishDeletion(user: { id: string; email: string }, asking?: string): Promise<void> {
  const { finishAccountDeletion } = await import("#src/accounts/account-deletion-service.ts");
  await finishAccountDeletion(user, asking);
}

/** When the session's sign-in happened; items from before authTime was kept use their creation. */
function sessionAuthTime(session: repository.SessionRecord): number {
  return session.authTime ?? Math.floor(Date.parse(session.createdAt) / 1000);
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

/** Where signing in lands from now on, for every session of the user. */
export async function saveStartViewSetting(user: SessionUser, input: unknown): Promise<AccountSettings> {
  const settings = await updateStartViewSetting(user.id, input);
  await updateSettingsInSessions(user.id, settings);
  return settings;
}

/**
 * Where a sign-in goes: the page the user was sent to sign in for, else their start page (All
 * tasks, or Today if they chose it).
 */
export function landingPage(user: Pick<SessionUser, "startView">, redirectTo?: string): string {
  // "/tasks" is what the sign-in form asks for when nothing else was.
  if (redirectTo && redirectTo !== "/tasks") return safeRedirectPath(redirectTo);
  return user.startView === "today" ? "/tasks?due=today" : "/tasks";
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

/** After a password change: the browser's new session, or the code its second step asks for. */
export type PasswordChangeOutcome = { sessionId: string } | { pending: string } | { signInAgain: true };

/**
 * Changes the password at Cognito with this session's access token (which proves the user is
 * signed in here); the current password must still be given, as Cognito requires.
 *
 * Then every sign-in from before ends, this browser's included: its tokens came from the old
 * password too. The browser signs in again with the new password at once, in the background:
 * a new session (a new cookie, so a copy of the old one dies with the rest), or, for an
 * account with two-step sign-in, the code form with the new sign-in waiting (or, if Cognito
 * fails us after the change, the sign-in form).
 *
 * The new sign-in is the one token that must survive. It is made over a second after Cognito
 * confirmed the change, so its auth_time (whole seconds, Cognito's clock) is later than that of
 * any token from the old password, and tokensValidAfter is set to it: no skew between our
 * clock and Cognito's enters, and no token from before the change shares its second.
 */
export async function changePasswordForSession(
  sessionId: string,
  input: unknown,
  client: RequestClient = {},
): Promise<PasswordChangeOutcome> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const current = hashSessionId(sessionId);
  const session = await repository.getSession(current);
  const accessToken = session ? openToken(sessionId, session.accessToken) : null;
  if (!session || !accessToken) throw new InvalidCredentialsError();
  // The current password is a guess like a sign-in's: counted against the same limits.
  await enforceRateLimits("signin", { email: session.email, ...client });
  await changeUserPassword(accessToken, currentPassword, newPassword);
  const changedAt = performance.now();

  try {
    return await signInAgainAfterChange(session, sessionId, newPassword, changedAt);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The password is changed whatever happens here: end what can be ended, and let the
    // user sign in with the new password rather than tell them the change failed.
    logError("A password change could not sign the browser in again", error);
    await refuseEarlierSignIns(session.sub, nextSecond()).catch((cause: unknown) =>
      logError("Sessions and tokens were not ended after a password change", cause),
    );
    return { signInAgain: true };
  }
}

async function signInAgainAfterChange(
  session: repository.SessionRecord,
  sessionId: string,
  newPassword: string,
  changedAt: number,
): Promise<PasswordChangeOutcome> {
  // The old password's refresh tokens end at Cognito first: after the new sign-in, its own would too.
  await signOutAtCognito(session.email);
  const refreshToken = openToken(sessionId, session.refreshToken);
  if (refreshToken) await revokeRefreshToken(refreshToken).catch(() => undefined);
  // Measured on our monotonic clock: a second here is a second of Cognito's, whatever its offset.
  await sleep(Math.max(0, changedAt + 1_000 + CLOCK_SKEW_MS - performance.now()));
  const result = await initiatePasswordAuth(session.email, newPassword);
  if ("challenge" in result) {
    // No token yet to take the boundary from: this second of ours is one past the change's
    // second of Cognito's, with our clock up to CLOCK_SKEW_MS off. The code, typed later, counts.
    await refuseEarlierSignIns(session.sub, Math.floor(Date.now() / 1000));
    if (result.challenge.name !== "SOFTWARE_TOKEN_MFA") return { signInAgain: true };
    return { pending: sealChallenge(result.challenge, session.email, "/account") };
  }
  const verified = await verifyAccessToken(result.tokens.accessToken);
  if (!verified.ok) throw new ServiceUnavailableError("The sign-in service returned a token we could not verify.");
  // Written (and the sessions swept) before the new session is opened: it is never swept.
  await refuseEarlierSignIns(session.sub, verified.claims.authTime);
  return { sessionId: (await openSession(session.email, result.tokens)).sessionId };
}

/**
 * "Sign out everywhere": every session of the user ends, this one included, and every token
 * issued so far is refused (scripts using the JSON API need a new one).
 */
export async function signOutEverywhere(sessionId: string): Promise<void> {
  const id = hashSessionId(sessionId);
  const session = await repository.getSession(id);
  if (!session) return;
  await revokeEverySignIn(session.sub, session.email);
  // The session item is gone already; its refresh token can still be revoked (the emulator,
  // which has no global sign-out, needs this; Cognito has done it already).
  const refreshToken = openToken(sessionId, session.refreshToken);
  if (refreshToken) await revokeRefreshToken(refreshToken).catch(() => undefined);
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
