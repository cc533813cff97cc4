import { redirect, type AppLoadContext } from "@remix-run/node";
import { getOptionalUser } from "#app/.server/session.ts";
import { orErrorResponse } from "#app/.server/route-errors.ts";
import type { SessionUser } from "#src/sessions/session-service.ts";

export type User = SessionUser;

/**
 * The signed-in user, or a 303 to the sign-in page that comes back here afterwards.
 * The user's id is the Cognito `sub` from a verified access token.
 *
 * An outage (sessions table or Cognito unreachable) is thrown as the domain error it is:
 * loaders wrap this in orErrorResponse (a 503 page), actions in formFailure (the form again,
 * with the user's input, and a 503).
 */
export async function requireUser(request: Request, context: AppLoadContext): Promise<User> {
  const user = await getOptionalUser(request, context);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/login?${params}`, 303);
}

/** For the sign-in and sign-up pages: someone already signed in goes to their tasks. */
export async function redirectIfSignedIn(request: Request, context: AppLoadContext, to = "/tasks"): Promise<void> {
  const user = await orErrorResponse(() => getOptionalUser(request, context));
  if (user) throw redirect(to, 303);
}
