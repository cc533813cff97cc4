import { randomBytes } from "node:crypto";
import { signValue, unsignValue } from "#src/signing.ts";

/**
 * The socket's ticket: a signed-in request asks for one (POST /live/ticket, session cookie,
 * same-origin) and the page opens its socket with it in the URL (`?t=`), because a browser
 * cannot set headers on a WebSocket and the WebSocket API is on another host than the pages
 * when deployed. URLs reach logs, so the ticket is worth little there: it names the user, a
 * random nonce spent at its first use ($connect stores it conditionally) and expires after
 * TICKET_SECONDS. Never the session token.
 */
export const TICKET_SECONDS = 60;
const PURPOSE = "live-ticket";

export interface Ticket {
  userId: string;
  nonce: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export function signTicket(secret: string, userId: string, nowSeconds: number): string {
  const value = Buffer.from(
    JSON.stringify({ u: userId, n: randomBytes(16).toString("base64url"), e: nowSeconds + TICKET_SECONDS }),
  ).toString("base64url");
  return signValue(secret, PURPOSE, value);
}

/** The ticket when its signature holds and it has not expired; null otherwise. */
export function readTicket(secrets: readonly string[], signed: unknown, nowSeconds: number): Ticket | null {
  if (typeof signed !== "string" || signed.length > 600) return null;
  const value = unsignValue(secrets, PURPOSE, signed);
  if (value === null) return null;
  try {
    const { u, n, e } = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof u !== "string" || typeof n !== "string" || typeof e !== "number") return null;
    // Lambdas' clocks agree within a second or two; a ticket from far in the future was not ours.
    if (e <= nowSeconds || e > nowSeconds + TICKET_SECONDS + 5) return null;
    return { userId: u, nonce: n, expiresAt: e };
  } catch {
    return null;
  }
}
