/**
 * Errors that cross layers. Services throw these; routes map them to HTTP.
 * Nothing here knows about HTTP status codes or AWS.
 */
export class DomainError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export type FieldErrors = Partial<Record<string, string[]>>;

/**
 * An empty FieldErrors to fill by field names the user chose (a JSON key, a query parameter):
 * with no prototype, `constructor` or `__proto__` is a field like any other, not Object's own.
 */
export function emptyFieldErrors(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

export class ValidationError extends DomainError {
  readonly fieldErrors: FieldErrors;
  constructor(fieldErrors: FieldErrors, message = "Please correct the highlighted fields.") {
    super("validation.failed", message);
    this.fieldErrors = fieldErrors;
  }
}

export class NotFoundError extends DomainError {
  constructor(code = "not_found", message = "Not found.") {
    super(code, message);
  }
}

/** The caller can see the thing but lacks the role to do this (a viewer editing, say): a 403. */
export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export class ConflictError<T = unknown> extends DomainError {
  readonly current: T;
  constructor(code: string, message: string, current: T) {
    super(code, message);
    this.current = current;
  }
}

/** The request was fine but a dependency (DynamoDB, Cognito) could not serve it. */
export class ServiceUnavailableError extends DomainError {
  constructor(message = "The service is temporarily unavailable.", options?: ErrorOptions) {
    super("infra.unavailable", message, options);
  }
}

/** A cursor or similar token the client sent back was not one we issued for this query. */
export class InvalidTokenError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** Sign-in failed; deliberately says nothing about whether the account exists. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super("auth.invalid_credentials", "Incorrect email or password.");
  }
}

/** The account was deleted, or its deletion is under way: it cannot sign in, and its sessions end. */
export class AccountDeletedError extends DomainError {
  constructor() {
    super("auth.account_deleted", "This account has been deleted. Its tasks and lists are gone.");
  }
}

export class AccountNotConfirmedError extends DomainError {
  constructor() {
    super("auth.not_confirmed", "Please confirm your email address first: enter the code we sent you.");
  }
}

/** The time to answer a sign-in's second step (Cognito allows 3 minutes) ran out, or it was used up. */
export class SignInChallengeExpiredError extends DomainError {
  /** Who was signing in, when known, so the sign-in form can be filled in again. */
  readonly email?: string;
  readonly redirectTo?: string;
  constructor(started?: { email: string; redirectTo: string }) {
    super("auth.challenge_expired", "That sign-in took too long to finish. Please sign in again.");
    this.email = started?.email;
    this.redirectTo = started?.redirectTo;
  }
}

/** Cognito asked for a sign-in step this app does not offer (e.g. a new password, an SMS code). */
export class UnsupportedSignInError extends DomainError {
  constructor() {
    super(
      "auth.unsupported_challenge",
      "This account needs a sign-in step Task Tracker does not offer. Reset your password, or contact support.",
    );
  }
}

/**
 * How long to ask for when Cognito refuses with its own limits, which do not say when they end:
 * the page and the Retry-After header both say it, so they never disagree.
 */
export const UNKNOWN_WAIT_SECONDS = 5 * 60;

/** Cognito's limits or our own (src/limits/); the same words whether or not the account exists. */
export class TooManyAttemptsError extends DomainError {
  /**
   * How long until a new attempt can succeed: the one figure behind both the message and the
   * response's Retry-After header (route-errors.ts, api-errors.ts).
   */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = UNKNOWN_WAIT_SECONDS) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super("auth.too_many_attempts", `Too many attempts. Please wait ${describeWait(seconds)} and try again.`);
    this.retryAfterSeconds = seconds;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** A change that must say which version it is based on did not (the JSON API's PATCH). */
export class VersionRequiredError extends DomainError {
  constructor(message = "Say which version this change is based on.") {
    super("task.version_required", message);
  }
}

/** An Idempotency-Key (or a create form's token) sent again with a different request than its first. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(
    message = "This Idempotency-Key was already used for a different request; use a new key for a new task.",
  ) {
    super("idempotency.key_reused", message);
  }
}
