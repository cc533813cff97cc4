import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import * as z from "zod/mini";
import type { CognitoChallenge } from "#src/auth/cognito.ts";

/**
 * A sign-in waiting for its second step, carried by the browser between the password form and
 * the code form. It holds Cognito's challenge session, so it is encrypted and authenticated
 * (AES-256-GCM under a key derived from APP_SECRET): the browser can neither read nor alter it,
 * and nothing about it is kept server-side.
 */

/** Cognito lets a challenge be answered for 3 minutes after the password was accepted. */
export const CHALLENGE_SECONDS = 180;

export interface PendingSignIn {
  challenge: CognitoChallenge;
  email: string;
  redirectTo: string;
  /** Unix seconds after which Cognito no longer accepts an answer. */
  expiresAt: number;
}

const pendingSchema = z.object({
  challenge: z.object({ name: z.string(), session: z.string(), username: z.string() }),
  email: z.string(),
  redirectTo: z.string(),
  expiresAt: z.number(),
});

function keyFor(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "task-tracker/sign-in-challenge", "v1", 32));
}

export function sealPendingSignIn(secret: string, pending: PendingSignIn): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(pending), "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The pending sign-in, or null if the value is not one we sealed (its expiry is the caller's to check). */
export function openPendingSignIn(secrets: string | readonly string[], sealed: string): PendingSignIn | null {
  // Sealed with the current secret; during a rotation one sealed just before it opens with the previous.
  for (const secret of [secrets].flat()) {
    const opened = openWith(secret, sealed);
    if (opened) return opened;
  }
  return null;
}

function openWith(secret: string, sealed: string): PendingSignIn | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const json = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    return pendingSchema.parse(JSON.parse(json.toString("utf8")));
  } catch {
    return null;
  }
}
