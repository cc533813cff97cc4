import { isTokenCurrent, loadAccountAccess, type AccountSettings } from "#src/accounts/settings-service.ts";
import { verifyAccessToken } from "#src/auth/access-token.ts";
import { emptyFieldErrors } from "#src/errors.ts";
import { enforceRateLimits } from "#src/limits/rate-limit-service.ts";
import type { TaskResource } from "#src/api/task-resource.ts";
import { apiErrorResponse, problem, type ConflictStatus } from "#app/.server/api-errors.ts";

/**
 * What every JSON API route shares: bearer-token sign-in, JSON bodies, ETags and If-Match.
 * The API never reads the session cookie, so a page on another site cannot use a signed-in
 * browser to call it; routes stay "parse, call, map errors" through `apiRoute`.
 */

export const API_BASE = "/api/v1";
/** The largest JSON body we read (a task is at most about 20 KB of text). */
export const MAX_BODY_BYTES = 64 * 1024;

const REALM = 'Bearer realm="task-tracker"';

function unauthorized(detail: string, invalidToken: boolean): Response {
  const challenge = invalidToken
    ? `${REALM}, error="invalid_token", error_description="${detail.replace(/"/g, "'")}"`
    : REALM;
  return problem("unauthorized", detail, { headers: { "WWW-Authenticate": challenge } });
}

/**
 * The caller's Cognito `sub`, from `Authorization: Bearer <access token>`; otherwise a 401.
 * Past the caller's own rate limit (RATE_LIMIT_API_USER) a TooManyAttemptsError: a 429.
 * A token from a sign-in before the account's last password change, reset or "Sign out
 * everywhere" is a 401 too: read from the account item on every request (one consistent
 * GetItem, which also brings the settings a list needs), never from a copy that could be stale.
 * So is any token of an account that is deleted or being deleted (the same read).
 */
export async function requireApiUser(request: Request): Promise<{ id: string; settings: AccountSettings }> {
  const header = request.headers.get("authorization");
  if (!header) {
    throw unauthorized("Send a Cognito access token: Authorization: Bearer <token>.", false);
  }
  const match = /^Bearer +([\w-]+\.[\w-]*\.[\w-]*) *$/i.exec(header);
  if (!match?.[1]) throw unauthorized("The Authorization header must be: Bearer <access token>.", true);
  const result = await verifyAccessToken(match[1]);
  if (!result.ok) {
    throw unauthorized(
      result.expired
        ? "The access token has expired; get a new one."
        : "The access token is not valid: it must be an unexpired Cognito access token for this app.",
      true,
    );
  }
  const { settings, tokensValidAfter, deleting } = await loadAccountAccess(result.claims.sub);
  // A deleted account (or one being deleted) answers nothing, whatever token it still holds.
  if (deleting) throw unauthorized("This account has been deleted.", true);
  if (!isTokenCurrent(result.claims.authTime, tokensValidAfter)) {
    throw unauthorized(
      "The access token was issued before a password change or a sign-out everywhere; get a new one.",
      true,
    );
  }
  // Counted only once the token is good, so nobody can spend another user's allowance.
  await enforceRateLimits("api", { user: result.claims.sub });
  return { id: result.claims.sub, settings };
}

/** The JSON object in the body: 415 unless JSON, 413 over 64 KB, 400 unless one JSON object. */
export async function readJsonObject(request: Request, mediaTypes = ["application/json"]): Promise<unknown> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!mediaTypes.includes(contentType)) {
    throw problem(
      "unsupported-media-type",
      `Send the body as ${mediaTypes.join(" or ")}${contentType ? `, not ${contentType}` : " (Content-Type is missing)"}.`,
    );
  }
  const tooLarge = () =>
    problem("payload-too-large", `The body is larger than ${MAX_BODY_BYTES / 1024} KB; a task is far smaller.`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw problem("malformed-body", "The body is not valid UTF-8 JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw problem("malformed-body", "The body must be one JSON object.");
  }
  return body;
}

export function etag(task: { version: number }): string {
  return `"${task.version}"`;
}

/**
 * The version an If-Match header names, or undefined when there is none. Only one strong
 * ETag is accepted: a weak one or `*` does not say which version the change is based on.
 */
export function readIfMatch(request: Request): number | undefined {
  const header = request.headers.get("if-match");
  if (header === null) return undefined;
  const match = /^\s*"([1-9]\d{0,8})"\s*$/.exec(header);
  if (!match) {
    throw problem("invalid-request", 'If-Match must be one ETag as the API sent it, e.g. If-Match: "3".', {
      extra: { errors: { "If-Match": ['Send one strong ETag, e.g. "3".'] } },
    });
  }
  return Number(match[1]);
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...init.headers },
  });
}

export function taskResponse(task: TaskResource, init: { status?: number; headers?: Record<string, string> } = {}) {
  return jsonResponse(task, { ...init, headers: { ETag: etag(task), ...init.headers } });
}

export function methodNotAllowed(request: Request, allowed: readonly string[]): Response {
  return problem("method-not-allowed", `${request.method} is not supported here; use ${allowed.join(", ")}.`, {
    headers: { Allow: allowed.join(", ") },
  });
}

/** Runs a route body; whatever it throws becomes a problem response. */
export async function apiRoute(work: () => Promise<Response>, conflict?: () => ConflictStatus): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return apiErrorResponse(error, conflict?.());
  }
}

/**
 * The query parameters a route knows, each at most once; any other (or a repeated one) is a
 * 400 naming it, so a typo never silently lists something else.
 */
export function readQuery<const Names extends readonly string[]>(
  request: Request,
  names: Names,
): Partial<Record<Names[number], string>> {
  const params = new URL(request.url).searchParams;
  const errors = emptyFieldErrors();
  for (const key of new Set(params.keys())) {
    if (!names.includes(key)) errors[key] = [`Unknown parameter; use ${names.join(", ")}.`];
    else if (params.getAll(key).length > 1) errors[key] = ["Give this parameter once."];
  }
  if (Object.keys(errors).length > 0) {
    const detail = Object.entries(errors)
      .map(([key, messages]) => `${key}: ${messages?.[0] ?? ""}`)
      .join(" ");
    throw problem("invalid-request", detail, { extra: { errors } });
  }
  const query: Partial<Record<string, string>> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value !== null) query[name] = value;
  }
  return query as Partial<Record<Names[number], string>>;
}
