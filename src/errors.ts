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
