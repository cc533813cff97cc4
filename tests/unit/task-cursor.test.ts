import { expect, test } from "vitest";
import { InvalidTokenError } from "#src/errors.ts";
import { decodeTaskCursor, encodeTaskCursor } from "#src/tasks/task-cursor.ts";

const SECRET = "unit-test-secret-unit-test-secret-unit-test";
const ALL = { sort: "newest" };
const position = { after: "01JABCDEFGHJKMNPQRSTVWXYZ0" };

test("a cursor decodes back to its position for the same owner and view", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", ALL, position);
  expect(decodeTaskCursor(SECRET, "alice", ALL, cursor)).toEqual(position);
});

test("a due view's cursor keeps the date it was computed for", () => {
  const view = { sort: "due", due: "today" };
  const cursor = encodeTaskCursor(SECRET, "alice", view, { after: "2026-12-01#01J", today: "2026-12-03" });
  expect(decodeTaskCursor(SECRET, "alice", view, cursor)).toEqual({ after: "2026-12-01#01J", today: "2026-12-03" });
});

test("a cursor is opaque: it does not show the owner in clear text", () => {
  expect(encodeTaskCursor(SECRET, "alice", { status: "done", sort: "newest" }, position)).not.toContain("alice");
});

test("a cursor for another user is refused", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", ALL, position);
  expect(() => decodeTaskCursor(SECRET, "mallory", ALL, cursor)).toThrow(InvalidTokenError);
});

test("a cursor for another filter, sort or due view is refused", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", ALL, position);
  for (const view of [
    { status: "done", sort: "newest" },
    { sort: "oldest" },
    { sort: "due" },
    { sort: "priority" },
    { sort: "newest", due: "today" },
  ]) {
    expect(() => decodeTaskCursor(SECRET, "alice", view, cursor), JSON.stringify(view)).toThrow(InvalidTokenError);
  }
});

test("an edited cursor is refused", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", ALL, position);
  const [payload, signature] = cursor.split(".") as [string, string];
  const forgedPayload = Buffer.from(JSON.stringify({ v: 2, a: "ZZZZ" })).toString("base64url");
  expect(() => decodeTaskCursor(SECRET, "alice", ALL, `${forgedPayload}.${signature}`)).toThrow(InvalidTokenError);
  expect(() => decodeTaskCursor(SECRET, "alice", ALL, `${payload}x.${signature}`)).toThrow(InvalidTokenError);
});

test("a cursor signed with another secret is refused", () => {
  const cursor = encodeTaskCursor("another-secret-another-secret-another-secret", "alice", ALL, position);
  expect(() => decodeTaskCursor(SECRET, "alice", ALL, cursor)).toThrow(InvalidTokenError);
});

test("garbage is refused without throwing anything else", () => {
  for (const garbage of ["", ".", "abc", "a.b", "%%%.%%%", "x".repeat(5000), "eyJ2IjoxfQ.AAAA"]) {
    expect(() => decodeTaskCursor(SECRET, "alice", ALL, garbage), garbage.slice(0, 20)).toThrow(InvalidTokenError);
  }
});
