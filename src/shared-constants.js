// @ts-check
// Values both the Lambda (TypeScript) and the Architect plugins (plain JavaScript, loaded by
// Architect without a build step) must agree on: one source, imported on both sides.

/** The `event` of the JSON log line for an origin refusal; the stack's metric filter counts it. */
export const ORIGIN_REFUSED_EVENT = "origin-refused";

/** Retry-After, in seconds, of a 503 whose end nobody knows (DynamoDB or Cognito unreachable). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
