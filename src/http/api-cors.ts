/**
 * CORS for the JSON API, decided in the Lambda's response path (Remix never sees a preflight).
 * Off unless the stage lists origins (API_CORS_ORIGINS, set with `arc env`): then exactly those
 * origins get CORS headers, on the preflight and on the response. The API takes bearer tokens,
 * never cookies, so credentials are never allowed.
 */
export const API_PREFIX = "/api/";

export function isApiPath(path: string): boolean {
  return path.startsWith(API_PREFIX);
}

const METHODS = "GET, HEAD, POST, PATCH, DELETE";
const REQUEST_HEADERS = "Authorization, Content-Type, If-Match, Idempotency-Key";
const EXPOSED_HEADERS = "ETag, Location, Link, Retry-After, WWW-Authenticate, Idempotent-Replayed";
/** How long a browser may reuse a preflight answer (seconds). */
const MAX_AGE = "600";

type Headers = Record<string, string>;

function allowedOrigin(origin: string | undefined, allowed: readonly string[]): string | undefined {
  return origin !== undefined && allowed.includes(origin) ? origin : undefined;
}

/** The answer to an OPTIONS request under /api/: 204, with CORS headers only for a listed origin. */
export function preflightResponse(
  origin: string | undefined,
  allowed: readonly string[],
): { statusCode: number; headers: Headers } {
  const headers: Headers = { allow: `${METHODS}, OPTIONS`, "cache-control": "no-store", vary: "Origin" };
  const granted = allowedOrigin(origin, allowed);
  if (granted) {
    Object.assign(headers, {
      "access-control-allow-origin": granted,
      "access-control-allow-methods": METHODS,
      "access-control-allow-headers": REQUEST_HEADERS,
      "access-control-max-age": MAX_AGE,
    });
  }
  return { statusCode: 204, headers };
}

/** Headers to add to an API response for this Origin. */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Headers {
  const granted = allowedOrigin(origin, allowed);
  if (!granted) return allowed.length > 0 ? { vary: "Origin" } : {};
  return { "access-control-allow-origin": granted, "access-control-expose-headers": EXPOSED_HEADERS, vary: "Origin" };
}
