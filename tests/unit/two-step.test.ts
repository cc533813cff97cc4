import { expect, test } from "vitest";
import { openPendingSignIn, sealPendingSignIn, type PendingSignIn } from "#src/auth/sign-in-challenge.ts";
import { otpauthUri } from "#src/auth/two-step-service.ts";
import { totpCode, wrongTotpCode } from "#tests/support/totp.ts";

const SECRET = "a-test-app-secret-that-is-long-enough-0001";

const pending: PendingSignIn = {
  challenge: { name: "SOFTWARE_TOKEN_MFA", session: "cognito-session-AYABe", username: "sub-123" },
  email: "someone@example.com",
  redirectTo: "/board",
  expiresAt: 1_900_000_000,
};

test("the tests' TOTP matches RFC 6238's SHA-1 test vectors", () => {
  // Appendix B: the key "12345678901234567890", in base32.
  const key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  expect(totpCode(key, 59_000)).toBe("287082");
  expect(totpCode(key, 1_111_111_109_000)).toBe("081804");
  expect(totpCode(key, 1_234_567_890_000)).toBe("005924");
  expect(totpCode(key, 20_000_000_000_000)).toBe("353130");
  expect(wrongTotpCode(key, 59_000)).not.toBe("287082");
});

test("a pending sign-in is sealed: unreadable, and refused if altered or sealed with another secret", () => {
  const sealed = sealPendingSignIn(SECRET, pending);

  expect(sealed).not.toContain("cognito-session");
  expect(Buffer.from(sealed.replaceAll(".", ""), "base64url").toString("latin1")).not.toContain("cognito-session");
  expect(openPendingSignIn(SECRET, sealed)).toEqual(pending);
  expect(openPendingSignIn(`${SECRET}-rotated`, sealed)).toBeNull();
  const [version, iv, body, tag] = sealed.split(".") as [string, string, string, string];
  const flipped = `${body.slice(0, 4)}${body[4] === "A" ? "B" : "A"}${body.slice(5)}`;
  expect(openPendingSignIn(SECRET, [version, iv, flipped, tag].join("."))).toBeNull();
  expect(openPendingSignIn(SECRET, "v1.junk")).toBeNull();
  expect(openPendingSignIn(SECRET, "")).toBeNull();
});

test("during an APP_SECRET rotation, a sign-in sealed with the previous secret still opens", () => {
  const sealed = sealPendingSignIn(SECRET, pending);

  expect(openPendingSignIn([`${SECRET}-new`, SECRET], sealed)).toEqual(pending);
  expect(openPendingSignIn([`${SECRET}-new`], sealed)).toBeNull();
});

test("the otpauth URI names the issuer and account, and carries the key with the TOTP parameters", () => {
  const uri = new URL(otpauthUri("a+b@example.com", "JBSWY3DPEHPK3PXP"));

  expect(uri.protocol).toBe("otpauth:");
  expect(uri.host).toBe("totp");
  expect(decodeURIComponent(uri.pathname)).toBe("/Task Tracker:a+b@example.com");
  expect(Object.fromEntries(uri.searchParams)).toEqual({
    secret: "JBSWY3DPEHPK3PXP",
    issuer: "Task Tracker",
    algorithm: "SHA1",
    digits: "6",
    period: "30",
  });
});
