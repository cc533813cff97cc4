import { expect, test } from "vitest";
import { formatRecoveryCode, hashRecoveryCode, recoveryCodeSchema } from "#src/accounts/recovery-codes.ts";

const SECRET = "a-test-secret-that-is-32-characters-long";

test("a recovery code is read the way people type it: any case, spaces, dashes, O for 0 and I or L for 1", () => {
  for (const typed of ["7k2m9-qx4pt", " 7K2M9 QX4PT ", "7K2M9QX4PT", "7k2m9 - qx4pt"])
    expect(recoveryCodeSchema.parse(typed)).toBe("7K2M9QX4PT");
  expect(recoveryCodeSchema.parse("O1IL0-ABCDE")).toBe("01110ABCDE");
});

test("anything else is refused with a message saying what a code looks like", () => {
  for (const wrong of ["", "12345", "7K2M9-QX4PT1", "7K2M9-QX4PU", {}, null]) {
    const result = recoveryCodeSchema.safeParse(wrong);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(
      /^Enter (one of your recovery codes|a recovery code as it was given)/,
    );
  }
});

test("codes are shown in two groups of five", () => {
  expect(formatRecoveryCode("7K2M9QX4PT")).toBe("7K2M9-QX4PT");
});

test("a stored hash is keyed by the secret and bound to the account, and never contains the code", () => {
  const hash = hashRecoveryCode(SECRET, "sub-1", "7K2M9QX4PT");
  expect(hash).toBe(hashRecoveryCode(SECRET, "sub-1", "7K2M9QX4PT"));
  expect(hash).not.toBe(hashRecoveryCode(SECRET, "sub-2", "7K2M9QX4PT"));
  expect(hash).not.toBe(hashRecoveryCode(`${SECRET}-rotated`, "sub-1", "7K2M9QX4PT"));
  expect(hash).not.toContain("7K2M9");
  expect(hash).toMatch(/^[\w-]{43}$/);
});
