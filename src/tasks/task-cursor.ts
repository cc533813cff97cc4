import * as z from "zod/mini";
import { InvalidTokenError } from "#src/errors.ts";
import { signValue, unsignValue } from "#src/signing.ts";

/**
 * A page cursor is where the next page starts (the sort key of the last task shown), signed
 * together with the owner and the view it belongs to (status filter, sort, due view). Editing
 * it, or using it for another user or another view, fails the signature check, so a client can
 * never steer a Query outside its own partition or mix two views' pages.
 *
 * A search binds its words too (folded and sorted, so "Café plan" and "plan cafe" share pages):
 * a cursor from one search is refused by another.
 *
 * Due views also carry the date they were computed for: a list paged across midnight keeps
 * its range instead of skipping or repeating tasks.
 */
export interface CursorView {
  status?: string;
  sort: string;
  due?: string;
  /** The search words, already folded and sorted (searchWords). */
  words?: readonly string[];
  /** "Assigned to …": whose assignments the pages are of. */
  assignee?: string;
  /** A label's key. */
  label?: string;
}

export interface CursorPosition {
  /** The sort key of the last task on the previous page. */
  after: string;
  /** For due views: the user's "today" when the first page was read. */
  today?: string;
}

const payloadSchema = z.object({
  v: z.literal(2),
  a: z.string().check(z.minLength(1), z.maxLength(600)),
  t: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
});

function purposeFor(owner: string, view: CursorView): string {
  const parts = ["tasks-cursor", owner, view.status ?? "all", view.sort, view.due ?? "-"];
  // Only searches add a part, so the cursors of plain lists stay what they were.
  if (view.words?.length) parts.push(`q:${view.words.join(" ")}`);
  if (view.assignee) parts.push(`assignee:${view.assignee}`);
  if (view.label) parts.push(`label:${view.label}`);
  return parts.join("\u0000");
}

export function encodeTaskCursor(secret: string, owner: string, view: CursorView, position: CursorPosition): string {
  const payload = Buffer.from(
    JSON.stringify({ v: 2, a: position.after, ...(position.today ? { t: position.today } : {}) }),
  ).toString("base64url");
  return signValue(secret, purposeFor(owner, view), payload);
}

export function decodeTaskCursor(
  secrets: string | readonly string[],
  owner: string,
  view: CursorView,
  cursor: string,
): CursorPosition {
  const invalid = new InvalidTokenError("task.invalid_cursor", "This page link is invalid or has expired.");
  if (cursor.length > 2048) throw invalid;
  const payload = unsignValue(secrets, purposeFor(owner, view), cursor);
  if (payload === null) throw invalid;
  try {
    const parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return { after: parsed.a, ...(parsed.t ? { today: parsed.t } : {}) };
  } catch {
    throw invalid;
  }
}
