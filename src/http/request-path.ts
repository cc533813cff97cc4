import { isApiPath } from "#src/http/api-cors.ts";

/**
 * The path a request is decided on, before anything else reads it. Remix routes the URL as
 * WHATWG URL parsing and its router leave it: dot segments (also `%2e`) resolved, `\` read as
 * `/`, each segment percent-decoded, letters matched without regard to case. The request guard
 * must judge that same path, or `/api/../tasks` is "the API" to the guard (no Origin check) and
 * the task page to Remix. No browser or script sends such a path for a real link, so rather than
 * resolving it a second time the handler refuses it (400) before any check or route.
 */
export type PathVerdict = { ok: true; api: boolean } | { ok: false; api: boolean; reason: string };

/** `.` and `..` in any spelling URL parsing resolves: `%2e`, `.%2E`, … */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/** A slash or backslash inside a segment, or a backslash the URL parser turns into a slash. */
const HIDDEN_SEPARATOR = /\\|%2f|%5c/i;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // Remix routes a malformed escape undecoded, so it is judged as it stands.
  }
}

export function checkPath(rawPath: string): PathVerdict {
  // The refusal is shaped as the part of the app the sender was aiming at.
  const routed = rawPath.split(/[/\\]/).map(decodeSegment).join("/");
  const api = isApiPath(routed.toLowerCase());
  if (HIDDEN_SEPARATOR.test(rawPath)) return { ok: false, api, reason: "encoded or back slash in the path" };
  if (rawPath.split("/").some((segment) => DOT_SEGMENT.test(segment))) {
    return { ok: false, api, reason: "dot segment in the path" };
  }
  return { ok: true, api };
}
