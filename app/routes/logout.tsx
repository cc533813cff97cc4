import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, readSessionId } from "#app/.server/session.ts";
import { endSession } from "#src/sessions/session-service.ts";

// Signing out changes data, so only a POST does it; a GET just goes home.
export function loader() {
  return redirect("/", 303);
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    try {
      await endSession(sessionId);
    } catch (error) {
      // Even if the sessions table is unreachable, this browser forgets the cookie.
      console.error("Could not end a session at sign-out", error);
    }
  }
  return redirect("/login?notice=signed-out", { status: 303, headers: { "Set-Cookie": await clearSessionCookie() } });
}
