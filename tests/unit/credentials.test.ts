import { expect, test } from "vitest";
import { emailSchema, newPasswordSchema, safeRedirectPath } from "#src/auth/credentials.ts";

test("local paths are kept as redirect targets, with their query", () => {
  expect(safeRedirectPath("/tasks")).toBe("/tasks");
  expect(safeRedirectPath("/tasks?status=done&cursor=abc")).toBe("/tasks?status=done&cursor=abc");
  expect(safeRedirectPath("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV")).toBe("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV");
});

test("anything that could leave the site falls back to /tasks, also after normalisation", () => {
  const hostile = [
    "//evil.example",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "/tasks/..//evil.example",
    "/./\\evil.example",
    "javascript:alert(1)",
    "tasks",
    "",
    "/\u0000//evil.example",
    "/\t/evil.example",
    `/${"a".repeat(3000)}`,
    undefined,
    42,
  ];
  for (const value of hostile) expect(safeRedirectPath(value), String(value)).toBe("/tasks");
});

test("emails are trimmed and lower-cased; invalid ones get a clear message", () => {
  expect(emailSchema.parse("  Alice@Example.COM ")).toBe("alice@example.com");
  expect(emailSchema.safeParse("alice").error?.issues[0]?.message).toMatch(/valid email/);
  expect(emailSchema.safeParse("").error?.issues[0]?.message).toBe("Enter your email address.");
});

test("a new password needs 10 characters, a letter and an ASCII digit", () => {
  expect(newPasswordSchema.safeParse("abcdefghi1").success).toBe(true);
  expect(newPasswordSchema.safeParse("abcdefgh1").error?.issues[0]?.message).toBe("Use at least 10 characters.");
  expect(newPasswordSchema.safeParse("abcdefghij").error?.issues[0]?.message).toBe("Include at least one digit.");
  expect(newPasswordSchema.safeParse("abcdefghi١").error?.issues[0]?.message).toBe("Include at least one digit.");
  expect(newPasswordSchema.safeParse("1234567890").error?.issues[0]?.message).toBe("Include at least one letter.");
});
