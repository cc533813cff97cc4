import * as z from "zod";
import { InvalidTokenError } from "#src/errors.ts";
import { signValue, unsignValue } from "#src/signing.ts";
import type { TaskPageKey } from "#src/tasks/task-repository.ts";
import type { TaskStatus } from "#src/tasks/task.ts";

/**
 * A page cursor is the last key of the previous page, signed together with the owner and the
 * filter it belongs to. Editing it, or using it for another user or another filter, fails the
 * signature check, so a client can never steer a Query outside its own partition.
 */
const payloadSchema = z.object({
  v: z.literal(1),
  k: z.record(z.string(), z.string().max(600)),
});

function purposeFor(owner: string, status: TaskStatus | undefined): string {
  return `tasks-cursor\u0000${owner}\u0000${status ?? "all"}`;
}

export function encodeTaskCursor(
  secret: string,
  owner: string,
  status: TaskStatus | undefined,
  key: TaskPageKey,
): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, k: key })).toString("base64url");
  return signValue(secret, purposeFor(owner, status), payload);
}

export function decodeTaskCursor(
  secret: string,
  owner: string,
  status: TaskStatus | undefined,
  cursor: string,
): TaskPageKey {
  const invalid = new InvalidTokenError("task.invalid_cursor", "This page link is invalid or has expired.");
  if (cursor.length > 2048) throw invalid;
  const payload = unsignValue(secret, purposeFor(owner, status), cursor);
  if (payload === null) throw invalid;
  try {
    const parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    // Belt and braces: the signature already binds the owner, but never query someone else's partition.
    if (parsed.k.owner !== owner) throw invalid;
    return parsed.k;
  } catch {
    throw invalid;
  }
}
