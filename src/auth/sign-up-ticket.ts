import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import * as z from "zod/mini";

/**
 * What lets a new account be signed in as soon as its email address is confirmed, without
 * asking for the password it was just given a second time (issue 26): the sign-up form's email
 * and password, carried by the browser from the sign-up form to the confirmation form. Cognito
 * issues no tokens for a confirmation, and signing in needs the password, which is kept nowhere
 * else. So the ticket is encrypted and authenticated (AES-256-GCM under a key derived from
 * APP_SECRET, its own purpose): the browser can neither read nor alter it, it lives in an
 * HttpOnly cookie scoped to /signup, it is cleared once used, and it is good for an hour.
 */

export const SIGN_UP_TICKET_SECONDS = 60 * 60;

export interface SignUpTicket {
  email: string;
  password: string;
  /** Unix seconds after which the ticket is not used (the user signs in as before). */
  expiresAt: number;
}

const ticketSchema = z.object({ email: z.string(), password: z.string(), expiresAt: z.number() });

function keyFor(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "task-tracker/sign-up-ticket", "v1", 32));
}

export function sealSignUpTicket(secret: string, ticket: SignUpTicket): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(ticket), "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The ticket, or null if it is not one we sealed, or its hour is up. */
export function openSignUpTicket(
  secrets: readonly string[],
  sealed: string,
  now = Math.floor(Date.now() / 1000),
): SignUpTicket | null {
  for (const secret of secrets) {
    const opened = openWith(secret, sealed);
    if (opened) return opened.expiresAt > now ? opened : null;
  }
  return null;
}

function openWith(secret: string, sealed: string): SignUpTicket | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const json = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    return ticketSchema.parse(JSON.parse(json.toString("utf8")));
  } catch {
    return null;
  }
}
