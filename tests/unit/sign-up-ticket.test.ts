import { expect, test } from "vitest";
import { openSignUpTicket, sealSignUpTicket } from "#src/auth/sign-up-ticket.ts";

const SECRET = "a".repeat(32);
const PREVIOUS = "b".repeat(32);
const ticket = { email: "new@example.com", password: "Correct-horse-42", expiresAt: 2_000_000_000 };

test("a sealed sign-up ticket opens with its secret until its hour is up, and hides the password", () => {
  const sealed = sealSignUpTicket(SECRET, ticket);

  expect(sealed).not.toContain("Correct-horse-42");
  expect(Buffer.from(sealed.split(".")[2] ?? "", "base64url").toString("latin1")).not.toContain("Correct");
  expect(openSignUpTicket([SECRET], sealed, 1_999_999_999)).toEqual(ticket);
  expect(openSignUpTicket([SECRET], sealed, 2_000_000_000)).toBeNull();
});

test("a ticket sealed with another secret, or altered, does not open; the previous secret still does", () => {
  const sealed = sealSignUpTicket(PREVIOUS, ticket);
  const [version, iv, ciphertext, tag] = sealed.split(".");
  const flipped = `${ciphertext?.startsWith("A") ? "B" : "A"}${ciphertext?.slice(1)}`;

  expect(openSignUpTicket([SECRET], sealed, 0)).toBeNull();
  expect(openSignUpTicket([SECRET, PREVIOUS], sealed, 0)).toEqual(ticket);
  expect(openSignUpTicket([SECRET, PREVIOUS], [version, iv, flipped, tag].join("."), 0)).toBeNull();
  expect(openSignUpTicket([SECRET], "v1.not.a.ticket", 0)).toBeNull();
});
