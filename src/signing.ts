import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * HMAC-SHA256 signatures for values we hand to the browser and must get back unchanged
 * (page cursors, the session cookie). `purpose` separates the uses, so a value signed for one
 * can never be replayed as another.
 */
function mac(secret: string, purpose: string, value: string): Buffer {
  return createHmac("sha256", secret).update(purpose).update("\u0000").update(value).digest();
}

export function signValue(secret: string, purpose: string, value: string): string {
  return `${value}.${mac(secret, purpose, value).toString("base64url")}`;
}

/**
 * Returns the value if the signature matches one of `secrets` (the current and, during a
 * rotation, the previous one: see getSigningSecrets), otherwise null.
 */
export function unsignValue(secrets: string | readonly string[], purpose: string, signed: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64url");
  for (const secret of typeof secrets === "string" ? [secrets] : secrets) {
    const expected = mac(secret, purpose, value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return value;
  }
  return null;
}
