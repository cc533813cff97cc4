import { createCookie } from "@remix-run/node";
import { isLocalStage } from "#src/env.ts";
import { SIGN_UP_TICKET_SECONDS } from "#src/auth/sign-up-ticket.ts";

/**
 * Carries the sign-up ticket (src/auth/sign-up-ticket.ts) from the sign-up form to the
 * confirmation form, which signs the new account in with it. Already sealed by the service, so
 * the cookie needs no signature of its own; only /signup pages ever receive it.
 */
let ticketCookie: ReturnType<typeof createCookie> | undefined;

function getTicketCookie() {
  // Deployed, __Secure- makes browsers refuse it over plain HTTP; sandbox strips Secure.
  ticketCookie ??= createCookie(isLocalStage() ? "signup-ticket" : "__Secure-signup-ticket", {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/signup",
    maxAge: SIGN_UP_TICKET_SECONDS,
  });
  return ticketCookie;
}

export async function readSignUpTicketCookie(request: Request): Promise<string | null> {
  const value: unknown = await getTicketCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length <= 4096 ? value : null;
}

export function commitSignUpTicketCookie(ticket: string): Promise<string> {
  return getTicketCookie().serialize(ticket);
}

export function clearSignUpTicketCookie(): Promise<string> {
  return getTicketCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
