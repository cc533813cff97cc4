import { createHmac, hkdfSync, randomInt } from "node:crypto";
import * as z from "zod/mini";
import * as repository from "#src/accounts/recovery-code-repository.ts";
import { emailSchema, passwordSchema } from "#src/auth/credentials.ts";
import { getEnv, getSigningSecrets } from "#src/env.ts";

/**
 * Recovery codes for two-step sign-in: the way back in when the authenticator app is lost.
 *
 * Each code is 10 characters of Crockford's base32 (no I, L, O or U to misread), 50 random bits,
 * shown once and stored only as a keyed hash: HMAC-SHA256 under a key derived from APP_SECRET,
 * over the account's sub and the code. A slow password hash buys nothing here: the codes are
 * random, not chosen, so there is no dictionary to slow down, and 50 bits behind a server-side
 * key cannot be searched from a copy of the table alone. A salted slow hash would also have to
 * be run against every stored code on every attempt, which is CPU an attacker could make us
 * spend. The sub in the hash stops a hash being copied to another account; the hash as the
 * entry's key makes a use one conditional write (account-repository.ts).
 */

export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const RECOVERY_CODE_FORMAT = "10 letters and digits, like 7K2M9-QX4PT";

/** What people type: any case, spaces or dashes, and O/I/L for 0/1. */
export const recoveryCodeSchema = z.pipe(
  z.transform((value: unknown) =>
    (typeof value === "string" ? value : "")
      .toUpperCase()
      .replace(/[\s-]+/g, "")
      .replace(/O/g, "0")
      .replace(/[IL]/g, "1"),
  ),
  z
    .string()
    .check(
      z.minLength(1, "Enter one of your recovery codes."),
      z.regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, `Enter a recovery code as it was given: ${RECOVERY_CODE_FORMAT}.`),
    ),
);

/** Signing in with a recovery code instead of the app's code: the password is needed too. */
export const recoverySignInSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  recoveryCode: recoveryCodeSchema,
});

/** A code as shown: two groups of five, easier to copy by hand. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

const keys = new Map<string, Buffer>();

function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "task-tracker/recovery-codes", "v1", 32));
    keys.set(secret, key);
  }
  return key;
}

export function hashRecoveryCode(secret: string, sub: string, code: string): string {
  return createHmac("sha256", keyFor(secret)).update(sub).update("\u0000").update(code).digest("base64url");
}

/**
 * Which secret a stored hash was made under, stored beside it, so the count shown to the user
 * leaves out codes that can no longer work (made before a rotation whose old secret is retired).
 */
function keyId(secret: string): string {
  return createHmac("sha256", keyFor(secret)).update("key-id").digest("base64url").slice(0, 8);
}

/** A new set for the account, replacing any old one (which stops working). Returns the codes, formatted. */
export async function issueRecoveryCodes(sub: string): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newCode());
  const secret = getEnv().APP_SECRET;
  const id = keyId(secret);
  await repository.putRecoveryCodes(
    sub,
    Object.fromEntries([...codes].map((code) => [hashRecoveryCode(secret, sub, code), id])),
  );
  return [...codes].map(formatRecoveryCode);
}

/**
 * Uses up the code if it is one of the account's: true once, false for a wrong or used code.
 * During a secret rotation a code hashed under the previous secret still works.
 */
export function useRecoveryCode(sub: string, code: string): Promise<boolean> {
  const hashes = [...new Set(getSigningSecrets().map((secret) => hashRecoveryCode(secret, sub, code)))];
  return repository.removeRecoveryCode(sub, hashes);
}

/** How many unused codes the account has that can still work. */
export async function countRecoveryCodes(sub: string): Promise<number> {
  const accepted = new Set(getSigningSecrets().map(keyId));
  return Object.values(await repository.getRecoveryCodes(sub)).filter((id) => accepted.has(id)).length;
}

export function dropRecoveryCodes(sub: string): Promise<void> {
  return repository.removeRecoveryCodes(sub);
}
