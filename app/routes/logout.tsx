import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { orErrorResponse } from "#app/.server/route-errors.ts";
import { clearSessionCookie, readSessionId } from "#app/.server/session.ts";
import { endSession } from "#src/sessions/session-service.ts";

// Signing out changes data, so only a POST does it; a GET just goes home.
export function loader() {
  return redirect("/", 303);
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request);
  // If the session cannot be deleted (sessions table unreachable), saying "signed out" would
  // be false: a copy of the cookie would still work. Answer 503 and keep the cookie, so the
  // user can simply press Sign out again.
  if (sessionId) await orErrorResponse(() => endSession(sessionId));
  return redirect("/login?notice=signed-out", { status: 303, headers: { "Set-Cookie": await clearSessionCookie() } });
}
