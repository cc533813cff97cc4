import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "#app/.server/forms.ts";
import { orErrorResponse } from "#app/.server/route-errors.ts";
import { clearSessionCookie, readSessionId } from "#app/.server/session.ts";
import { endSession, signOutEverywhere } from "#src/sessions/session-service.ts";

// Signing out changes data, so only a POST does it; a GET just goes home.
export function loader() {
  return redirect("/", 303);
}

/** intent=everywhere ("Sign out everywhere" on the account page): every session and token of the user ends. */
export async function action({ request }: ActionFunctionArgs) {
  // A bare POST (no form) is a plain sign-out, as it always was.
  const form = await readForm(request).catch(() => ({}) as Record<string, string>);
  const everywhere = form.intent === "everywhere";
  const sessionId = await readSessionId(request);
  // If the session cannot be deleted (sessions table unreachable), saying "signed out" would
  // be false: a copy of the cookie would still work. Answer 503 and keep the cookie, so the
  // user can simply press Sign out again.
  if (sessionId) await orErrorResponse(() => (everywhere ? signOutEverywhere(sessionId) : endSession(sessionId)));
  const notice = everywhere && sessionId ? "signed-out-everywhere" : "signed-out";
  return redirect(`/login?notice=${notice}`, { status: 303, headers: { "Set-Cookie": await clearSessionCookie() } });
}
