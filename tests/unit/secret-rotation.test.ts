import { expect, test } from "vitest";
import { checkRequest } from "#src/http/request-guard.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import { InvalidTokenError } from "#src/errors.ts";
import { decodeTaskCursor, encodeTaskCursor } from "#src/tasks/task-cursor.ts";

// After a rotation the app holds [current, previous]: it signs with the current one and
// accepts values signed with either, and nothing else.
const OLD = "old-secret-old-secret-old-secret-0001";
const NEW = "new-secret-new-secret-new-secret-0002";
const UNRELATED = "someone-elses-secret-someone-elses-0003";
const ROTATED = [NEW, OLD];

test("a value signed with the previous secret still verifies after rotation; one signed with an unrelated secret does not", () => {
  expect(unsignValue(ROTATED, "undo", signValue(OLD, "undo", "token-1"))).toBe("token-1");
  expect(unsignValue(ROTATED, "undo", signValue(NEW, "undo", "token-2"))).toBe("token-2");
  expect(unsignValue(ROTATED, "undo", signValue(UNRELATED, "undo", "token-3"))).toBeNull();
  // Once the previous secret is dropped, its values stop verifying.
  expect(unsignValue([NEW], "undo", signValue(OLD, "undo", "token-1"))).toBeNull();
  // The purpose still binds: the previous secret does not open a value signed for another use.
  expect(unsignValue(ROTATED, "undo", signValue(OLD, "import", "token-1"))).toBeNull();
});

test("a page cursor from before the rotation still pages; a forged one is refused", () => {
  const view = { sort: "newest" };
  const position = { after: "01JABCDEFGHJKMNPQRSTVWXYZ0" };
  expect(decodeTaskCursor(ROTATED, "alice", view, encodeTaskCursor(OLD, "alice", view, position))).toEqual(position);
  expect(() => decodeTaskCursor(ROTATED, "alice", view, encodeTaskCursor(UNRELATED, "alice", view, position))).toThrow(
    InvalidTokenError,
  );
});

const header = (values: Record<string, string>) => (name: string) => values[name];
const deployed = { expectedOrigin: "https://tasks.example.com", requireOriginVerify: true };

test("during an origin-secret rotation CloudFront's new and previous values are accepted, anything else refused", () => {
  const rotating = {
    ...deployed,
    originVerifySecret: "new-origin-secret-02",
    previousOriginVerifySecret: "old-origin-secret-01",
  };

  expect(checkRequest("GET", header({ "x-origin-verify": "new-origin-secret-02" }), rotating)).toEqual({ ok: true });
  expect(checkRequest("GET", header({ "x-origin-verify": "old-origin-secret-01" }), rotating)).toEqual({ ok: true });
  expect(checkRequest("GET", header({ "x-origin-verify": "unknown-secret-0003" }), rotating).ok).toBe(false);
  expect(checkRequest("GET", header({}), rotating).ok).toBe(false);
  // After the second deploy the previous value is gone and refused.
  const rotated = { ...deployed, originVerifySecret: "new-origin-secret-02" };
  expect(checkRequest("GET", header({ "x-origin-verify": "old-origin-secret-01" }), rotated).ok).toBe(false);
});
