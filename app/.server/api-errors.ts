import {
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidTokenError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyAttemptsError,
  ValidationError,
  VersionRequiredError,
} from "#src/errors.ts";
import { PROBLEM_CONTENT_TYPE, PROBLEMS, problemBody, type Problem, type ProblemName } from "#src/api/problems.ts";
import { toTaskResource } from "#src/api/task-resource.ts";
import { logError } from "#src/logging.ts";
import type { Task } from "#src/tasks/task.ts";
import { RETRY_AFTER_SECONDS } from "#app/.server/route-errors.ts";

/**
 * The JSON API's errors, in one place: every failure is an application/problem+json response
 * (RFC 9457), never an HTML page or a stack trace. The page routes' twin is route-errors.ts.
 */
export function problem(
  name: ProblemName,
  detail: string,
  options: { extra?: Pick<Problem, "errors" | "current">; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(problemBody(name, detail, options.extra)), {
    status: PROBLEMS[name].status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...options.headers },
  });
}

/** How a version conflict is reported: 412 when If-Match said the version, 409 when the body did. */
export type ConflictStatus = 409 | 412;

/** A domain error as a problem response; anything unknown is logged and is a bare 500. */
export function apiErrorResponse(error: unknown, conflict: ConflictStatus = 409): Response {
  if (error instanceof Response) return error;
  if (error instanceof ValidationError) {
    const names = Object.keys(error.fieldErrors);
    const detail = names.length
      ? Object.entries(error.fieldErrors)
          .map(([field, messages]) => `${field}: ${(messages ?? []).join(" ")}`)
          .join(" ")
      : error.message;
    return problem("invalid-request", detail, { extra: { errors: error.fieldErrors } });
  }
  if (error instanceof NotFoundError) return problem("not-found", error.message);
  // A member without the right role: the message says which role it needs.
  if (error instanceof ForbiddenError) return problem("forbidden", error.message);
  if (error instanceof InvalidTokenError) return problem("invalid-cursor", error.message);
  if (error instanceof VersionRequiredError) return problem("version-required", error.message);
  if (error instanceof IdempotencyKeyReusedError) return problem("idempotency-key-reused", error.message);
  // Not a task's version: another change (a label's rename or removal) is under way.
  if (error instanceof ConflictError && error.code === "label.busy")
    return problem("change-in-progress", error.message);
  if (error instanceof ConflictError) {
    const current = error.current as Task | null;
    return problem(
      conflict === 412 ? "precondition-failed" : "version-conflict",
      current ? `${error.message} It is now at version ${current.version}.` : error.message,
      current ? { extra: { current: toTaskResource(current) }, headers: { ETag: `"${current.version}"` } } : {},
    );
  }
  if (error instanceof TooManyAttemptsError) {
    return problem("too-many-requests", error.message, {
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    });
  }
  if (error instanceof ServiceUnavailableError) {
    return problem("unavailable", `${error.message} Nothing was changed; please try again in a moment.`, {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  logError("API request failed", error);
  return problem("server-error", "The request could not be completed. Nothing was changed.");
}
