import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "#app/.server/session.ts";
import { toResourceErrorResponse } from "#app/.server/route-errors.ts";

/**
 * `POST /live/ticket` (the page's live-updates script, same-origin with the session cookie):
 * `{"ticket", "url"}`, a single-use ticket to open one socket within a minute
 * (src/live/live-ticket.ts). Signed out: 401, and the page simply stays as it is.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  try {
    const user = await getOptionalUser(request, context);
    if (!user) return new Response(null, { status: 401, headers: { "Cache-Control": "private, no-store" } });
    // Loaded on first use: the page Lambda's import stays as small as before live updates.
    const { issueLiveTicket } = await import("#src/live/live-service.ts");
    return Response.json(issueLiveTicket(user.id), { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    throw toResourceErrorResponse(error);
  }
}

export const loader = () => new Response(null, { status: 405, headers: { Allow: "POST" } });
