import { createCookie } from "@remix-run/node";
import { isLocalStage } from "#src/env.ts";

/**
 * Carries a sign-in waiting for its authenticator code from the password form to the code
 * form (/login/code). The value is already sealed by the service (encrypted and
 * authenticated), so the cookie needs no signature of its own. It outlives Cognito's 3 minutes
 * so that a late answer gets "too late, sign in again" rather than a blank form.
 */
let challengeCookie: ReturnType<typeof createCookie> | undefined;

function getChallengeCookie() {
  // Deployed, __Secure- makes browsers refuse it over plain HTTP; sandbox strips Secure.
  challengeCookie ??= createCookie(isLocalStage() ? "signin-challenge" : "__Secure-signin-challenge", {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/login",
    maxAge: 10 * 60,
  });
  return challengeCookie;
}

export async function readPendingSignInCookie(request: Request): Promise<string | null> {
  const value: unknown = await getChallengeCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length <= 4096 ? value : null;
}

export function commitPendingSignInCookie(pending: string): Promise<string> {
  return getChallengeCookie().serialize(pending);
}

export function clearPendingSignInCookie(): Promise<string> {
  return getChallengeCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
