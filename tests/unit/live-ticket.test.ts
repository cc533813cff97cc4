import { expect, test } from "vitest";
import { TICKET_SECONDS, readTicket, signTicket } from "#src/live/live-ticket.ts";

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const NOW = 1_800_000_000;

test("a ticket names its user and a fresh nonce, and reads back within its minute", () => {
  const first = signTicket(SECRET, "user-1", NOW);
  const second = signTicket(SECRET, "user-1", NOW);

  const read = readTicket([SECRET], first, NOW + TICKET_SECONDS - 1);
  expect(read).toEqual({ userId: "user-1", nonce: expect.any(String), expiresAt: NOW + TICKET_SECONDS });
  expect(readTicket([SECRET], second, NOW)?.nonce).not.toBe(read?.nonce);
  // The session token is nowhere in it: only the user id, a nonce and the expiry.
  expect(JSON.parse(Buffer.from(first.split(".")[0] ?? "", "base64url").toString())).toEqual({
    u: "user-1",
    n: expect.any(String),
    e: NOW + TICKET_SECONDS,
  });
});

test("an expired, altered, foreign or malformed ticket reads as nothing", () => {
  const ticket = signTicket(SECRET, "user-1", NOW);
  const [value, mac] = ticket.split(".") as [string, string];
  const otherUser = Buffer.from(JSON.stringify({ u: "user-2", n: "x", e: NOW + 60 })).toString("base64url");

  expect(readTicket([SECRET], ticket, NOW + TICKET_SECONDS)).toBeNull();
  expect(readTicket([SECRET], `${otherUser}.${mac}`, NOW)).toBeNull();
  expect(readTicket(["another-secret-of-thirty-two-characters!"], ticket, NOW)).toBeNull();
  expect(readTicket([SECRET], `${value}x.${mac}`, NOW)).toBeNull();
  expect(readTicket([SECRET], "not a ticket", NOW)).toBeNull();
  expect(readTicket([SECRET], undefined, NOW)).toBeNull();
  // Signed for far later than any ticket we issue: not ours.
  expect(readTicket([SECRET], signTicket(SECRET, "user-1", NOW + 3600), NOW)).toBeNull();
});

test("a ticket signed before a secret rotation still opens a socket", () => {
  const ticket = signTicket("the-previous-secret-of-32-characters!!", "user-1", NOW);

  expect(readTicket([SECRET, "the-previous-secret-of-32-characters!!"], ticket, NOW)?.userId).toBe("user-1");
});
