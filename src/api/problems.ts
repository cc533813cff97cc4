/**
 * The JSON API's error vocabulary (RFC 9457 problem details): each kind of failure has one
 * `type` URI, one HTTP status and one title. The OpenAPI document lists them from here, and
 * app/.server/api-errors.ts builds every error response from here, so the two cannot differ.
 */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const PROBLEMS = {
  "invalid-request": { status: 400, title: "The request is not valid." },
  "malformed-body": { status: 400, title: "The body is not valid JSON." },
  "invalid-cursor": { status: 400, title: "The cursor is not valid for this list." },
  unauthorized: { status: 401, title: "A valid access token is required." },
  // A member without the role an action needs, or a request that bypassed CloudFront: the detail says which.
  forbidden: { status: 403, title: "Not allowed." },
  "not-found": { status: 404, title: "Not found." },
  "method-not-allowed": { status: 405, title: "Method not allowed." },
  "version-conflict": { status: 409, title: "The task was changed since that version." },
  // A rename or removal of a label while another change of it is under way: the detail says which.
  "change-in-progress": { status: 409, title: "Another change to this is under way." },
  "precondition-failed": { status: 412, title: "The task was changed since that version." },
  "payload-too-large": { status: 413, title: "The body is too large." },
  "unsupported-media-type": { status: 415, title: "The body must be JSON." },
  "idempotency-key-reused": { status: 422, title: "The Idempotency-Key was used for another request." },
  "version-required": { status: 428, title: "The change must say which version it is based on." },
  "too-many-requests": { status: 429, title: "Too many requests; wait as Retry-After says." },
  "server-error": { status: 500, title: "Something went wrong on our side." },
  unavailable: { status: 503, title: "The service is temporarily unavailable." },
} as const;

export type ProblemName = keyof typeof PROBLEMS;

export function problemType(name: ProblemName): string {
  return `urn:task-tracker:problem:${name}`;
}

/** A problem body; `errors` names each invalid field, `current` is the task as it is now. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Partial<Record<string, string[]>>;
  current?: unknown;
}

export function problemBody(
  name: ProblemName,
  detail: string,
  extra: Pick<Problem, "errors" | "current"> = {},
): Problem {
  const { status, title } = PROBLEMS[name];
  return { type: problemType(name), title, status, detail, ...extra };
}
