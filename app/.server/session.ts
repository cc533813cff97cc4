import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { setFlash } from "#app/.server/flash.ts";
import { getSigningSecrets, isLocalStage } from "#src/env.ts";
import { AccountDeletedError } from "#src/errors.ts";
import { SESSION_TTL_SECONDS, resolveSession, type SessionUser } from "#src/sessions/session-service.ts";

/**
 * The browser holds one cookie: a signed, random session id. HttpOnly (no script can read it),
 * Secure (browsers also accept it on http://localhost), SameSite=Lax (not sent on cross-site
 * POSTs), and it expires with the session item.
 */
let sessionCookie: ReturnType<typeof createCookie> | undefined;

/**
 * Deployed, the name carries the __Host- prefix: browsers then only accept it from this exact
 * host over HTTPS with Path=/, so a sibling subdomain cannot plant a session cookie. Locally
 * arc sandbox strips Secure from cookies, which __Host- requires, so the plain name is used.
 */
export function sessionCookieName(): string {
  return isLocalStage() ? "session" : "__Host-session";
}

function getSessionCookie() {
  sessionCookie ??= createCookie(sessionCookieName(), {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
    // Signs with the current secret, still reads cookies signed with the previous one.
    secrets: getSigningSecrets(),
  });
  return sessionCookie;
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await getSessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length <= 128 ? value : null;
}

export function commitSessionCookie(sessionId: string): Promise<string> {
  return getSessionCookie().serialize(sessionId);
}

export function clearSessionCookie(): Promise<string> {
  return getSessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

// Root and route loaders run for the same incoming request, but each gets its own Request
// object. What they share is the load context, one object per incoming request (Remix creates
// it when the adapter passes none): key on it, so the session is resolved once per request.
const resolved = new WeakMap<AppLoadContext, Promise<SessionUser | null>>();

export function getOptionalUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  let user = resolved.get(context);
  if (!user) {
    user = readSessionId(request)
      .then((sessionId) => (sessionId ? resolveSession(sessionId) : null))
      .catch(async (error: unknown) => {
        // This browser's account deletion just finished: signed out, with the landing page's message.
        if (error instanceof AccountDeletedError) throw await accountDeletedRedirect();
        throw error;
      });
    resolved.set(context, user);
  }
  return user;
}

/** After an account's deletion: a 303 to the landing page, signed out, saying the account is gone. */
export async function accountDeletedRedirect(): Promise<Response> {
  const headers = new Headers();
  headers.append("Set-Cookie", await clearSessionCookie());
  headers.append("Set-Cookie", await setFlash({ kind: "account-deleted" }));
  return redirect("/", { status: 303, headers });
}
