import { redirect } from "@remix-run/node";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { clearSessionCookie, commitSessionCookie } from "#app/.server/session.ts";
import { commitPendingSignInCookie } from "#app/.server/sign-in-challenge.ts";
import type { PasswordChangeOutcome } from "#src/sessions/session-service.ts";

/**
 * Where the browser goes after changing its password. Every sign-in from before has ended, its
 * own included, so it always gets a new cookie: back to the account page on a new session; to
 * the code form when the account's second step must be answered first; or, if the new sign-in
 * failed, to the sign-in form (whose own notice says the password changed).
 */
export async function passwordChangedResponse(outcome: PasswordChangeOutcome): Promise<Response> {
  if ("signInAgain" in outcome) {
    return redirect("/login?notice=reset", { status: 303, headers: { "Set-Cookie": await clearSessionCookie() } });
  }
  const to = "sessionId" in outcome ? "/account" : "/login/code";
  const response = await redirectWithFlash(to, { kind: "password-changed" });
  if ("sessionId" in outcome) {
    response.headers.append("Set-Cookie", await commitSessionCookie(outcome.sessionId));
  } else {
    response.headers.append("Set-Cookie", await clearSessionCookie());
    response.headers.append("Set-Cookie", await commitPendingSignInCookie(outcome.pending));
  }
  return response;
}
