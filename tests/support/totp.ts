import { createHmac } from "node:crypto";

/**
 * RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes it
 * from the key the account page shows. Written here, not taken from the emulator, so the tests
 * check the key the user sees against Cognito's (or the emulator's) own verification.
 */
export function totpCode(base32Secret: string, at = Date.now(), step = 0): string {
  const counter = Math.floor(at / 1000 / 30) + step;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac("sha1", decodeBase32(base32Secret)).update(message).digest();
  const offset = (hmac[hmac.length - 1] as number) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** A code the app would show, that is not the current one (or its neighbours). */
export function wrongTotpCode(base32Secret: string, at = Date.now()): string {
  const valid = new Set([-1, 0, 1].map((step) => totpCode(base32Secret, at, step)));
  for (let candidate = 0; ; candidate++) {
    const code = String((Number(totpCode(base32Secret, at, 5)) + candidate) % 1_000_000).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

function decodeBase32(value: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const clean = value.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let buffer = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    buffer = (buffer << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}
