import { expect, test } from "vitest";
import { InvalidTokenError } from "#src/errors.ts";
import { decodeTaskCursor, encodeTaskCursor } from "#src/tasks/task-cursor.ts";

const SECRET = "unit-test-secret-unit-test-secret-unit-test";
const key = { owner: "alice", id: "01JABCDEFGHJKMNPQRSTVWXYZ0" };

test("a cursor decodes back to its key for the same owner and filter", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", undefined, key);
  expect(decodeTaskCursor(SECRET, "alice", undefined, cursor)).toEqual(key);
});

test("a cursor is opaque: it does not show the owner in clear text", () => {
  expect(encodeTaskCursor(SECRET, "alice", "done", { ...key, ownerStatus: "alice#done" })).not.toContain("alice");
});

test("a cursor for another user is refused", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", undefined, key);
  expect(() => decodeTaskCursor(SECRET, "mallory", undefined, cursor)).toThrow(InvalidTokenError);
});

test("a cursor for another filter is refused", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", undefined, key);
  expect(() => decodeTaskCursor(SECRET, "alice", "done", cursor)).toThrow(InvalidTokenError);
});

test("an edited cursor is refused", () => {
  const cursor = encodeTaskCursor(SECRET, "alice", undefined, key);
  const [payload, signature] = cursor.split(".") as [string, string];
  const forgedPayload = Buffer.from(JSON.stringify({ v: 1, k: { owner: "bob", id: key.id } })).toString("base64url");
  expect(() => decodeTaskCursor(SECRET, "alice", undefined, `${forgedPayload}.${signature}`)).toThrow(
    InvalidTokenError,
  );
  expect(() => decodeTaskCursor(SECRET, "alice", undefined, `${payload}x.${signature}`)).toThrow(InvalidTokenError);
});

test("a cursor signed with another secret is refused", () => {
  const cursor = encodeTaskCursor("another-secret-another-secret-another-secret", "alice", undefined, key);
  expect(() => decodeTaskCursor(SECRET, "alice", undefined, cursor)).toThrow(InvalidTokenError);
});

test("garbage is refused without throwing anything else", () => {
  for (const garbage of ["", ".", "abc", "a.b", "%%%.%%%", "x".repeat(5000), "eyJ2IjoxfQ.AAAA"]) {
    expect(() => decodeTaskCursor(SECRET, "alice", undefined, garbage), garbage.slice(0, 20)).toThrow(
      InvalidTokenError,
    );
  }
});
