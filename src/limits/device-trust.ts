import { randomBytes } from "node:crypto";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import { signValue, unsignValue } from "#src/signing.ts";

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has proved it knows an account's password (or held its emailed reset code) carries an
 * entry bound to that account, and its attempts count on a counter of its own instead of the
 * account's. A stranger's guesses then use up only what browsers unknown to the account share,
 * and the owner's browser still gets in; a guessing device is locked out on its own.
 *
 * An entry is `<nonce>.<HMAC-SHA256(APP_SECRET, purpose + email, nonce)>`: the nonce names the
 * device's counter, the MAC binds it to the email, so the cookie holds no email, cannot be made
 * up, and one account's entry is worth nothing for another. Signed with the current secret and
 * read with the previous one too, so a secret rotation leaves every device known.
 */

/** Entries a browser keeps (one per account signed in there, newest first). */
export const DEVICE_ENTRIES_MAX = 5;

/** A year: a device stays known between sign-ins; each sign-in issues a fresh entry. */
export const DEVICE_COOKIE_SECONDS = 365 * 24 * 60 * 60;

const NONCE = /^[\w-]{22}$/;

function purpose(email: string): string {
  return `device:${email}`;
}

/**
 * The nonce of the entry that vouches for this browser with this email, or null (no entry,
 * one for another account, forged, altered, or signed with a secret the app no longer holds).
 */
export function trustedDeviceFor(entries: readonly string[] | undefined, email: string | undefined): string | null {
  if (!entries?.length || !email) return null;
  const secrets = getSigningSecrets();
  for (const entry of entries.slice(0, DEVICE_ENTRIES_MAX)) {
    const nonce = unsignValue(secrets, purpose(email), entry);
    if (nonce && NONCE.test(nonce)) return nonce;
  }
  return null;
}

/**
 * The entries to send back after this browser proved itself for `email`: a fresh entry for it
 * first (a new nonce, so a new counter), the other accounts' entries kept, at most DEVICE_ENTRIES_MAX.
 */
export function rememberDevice(entries: readonly string[] | undefined, email: string): string[] {
  const secrets = getSigningSecrets();
  const others = (entries ?? []).filter((entry) => unsignValue(secrets, purpose(email), entry) === null);
  const fresh = signValue(getEnv().APP_SECRET, purpose(email), randomBytes(16).toString("base64url"));
  return [fresh, ...others].slice(0, DEVICE_ENTRIES_MAX);
}
