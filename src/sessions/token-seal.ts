import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Cognito tokens are stored encrypted (AES-256-GCM) under a key derived from the session id,
 * which only the browser's cookie carries (the table is keyed by its hash). Someone who can
 * read the sessions table therefore holds neither a usable cookie nor usable tokens.
 */
function keyFor(sessionId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", sessionId, "task-tracker/session-tokens", "v1", 32));
}

export function sealToken(sessionId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(sessionId), iv);
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The token, or null if the value was not sealed for this session id (or was altered). */
export function openToken(sessionId: string, sealed: string): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(sessionId), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
