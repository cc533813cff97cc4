import { data, type HeadersFunction } from "@remix-run/node";
import {
  AccountDeletedError,
  AccountNotConfirmedError,
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidCredentialsError,
  InvalidTokenError,
  SignInChallengeExpiredError,
  TooManyAttemptsError,
  UnsupportedSignInError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
  type FieldErrors,
} from "#src/errors.ts";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "#src/shared-constants.js";

export const RETRY_AFTER_SECONDS = UNAVAILABLE_RETRY_AFTER_SECONDS;

/** A refusal's Retry-After: the wait its message states, in seconds (never a stock figure). */
function tooManyHeaders(error: TooManyAttemptsError): HeadersInit {
  return { "Retry-After": String(error.retryAfterSeconds) };
}

/**
 * Remix builds a page's (and a JavaScript navigation's) headers from the routes' `headers`
 * exports and keeps nothing else an action or loader sent but cookies. Every page route and the
 * root (whose error boundary shows refusals thrown by loaders) export this as `headers`, so the Retry-After
 * that formFailure or toErrorResponse set reaches the browser.
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders, parentHeaders }) => {
  const result = new Headers();
  const retryAfter = [errorHeaders, actionHeaders, loaderHeaders, parentHeaders]
    .map((source) => source?.get("Retry-After"))
    .find(Boolean);
  if (retryAfter) result.set("Retry-After", retryAfter);
  return result;
};

function unavailableMessage(error: ServiceUnavailableError): string {
  return `${error.message} Nothing was changed; please try again in a moment.`;
}

/**
 * What an action returns when it fails: the messages and, always, the user's input so the
 * form re-renders with it. Loaders never return this; they throw responses instead.
 */
export interface FormFailure<Values, Current = never> {
  ok: false;
  formError?: string;
  /** A machine-readable reason, for pages that offer a next step (e.g. "confirm your email"). */
  code?: string;
  fieldErrors?: FieldErrors;
  values: Values;
  current?: Current;
}

/** Map a service error to an action result, or rethrow it for the error boundary. */
export function formFailure<Values, Current = never>(error: unknown, values: Values) {
  if (error instanceof ValidationError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, fieldErrors: error.fieldErrors, values },
      { status: 400 },
    );
  }
  if (
    error instanceof InvalidCredentialsError ||
    error instanceof AccountDeletedError ||
    error instanceof AccountNotConfirmedError ||
    error instanceof UnsupportedSignInError ||
    error instanceof SignInChallengeExpiredError
  ) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, code: error.code, values },
      { status: 400 },
    );
  }
  // A member without the role (a viewer inviting, say): the form again, saying which role it needs.
  if (error instanceof ForbiddenError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, code: error.code, values },
      { status: 403 },
    );
  }
  if (error instanceof TooManyAttemptsError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, code: error.code, values },
      { status: 429, headers: tooManyHeaders(error) },
    );
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, code: error.code, values },
      { status: 409 },
    );
  }
  if (error instanceof ConflictError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, values, current: error.current as Current },
      { status: 409 },
    );
  }
  // A member whose role does not allow it: the form again, saying which role it needs.
  if (error instanceof ForbiddenError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: error.message, code: error.code, values },
      { status: 403 },
    );
  }
  if (error instanceof ServiceUnavailableError) {
    return data<FormFailure<Values, Current>>(
      { ok: false, formError: unavailableMessage(error), values },
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } },
    );
  }
  throw toErrorResponse(error);
}

/**
 * Errors thrown from loaders (or actions that cannot re-render a form) become responses with
 * the right status for the route's error boundary. Unknown errors pass through untouched, so
 * Remix's handleError logs them and the boundary shows a generic message.
 */
export function toErrorResponse(error: unknown): unknown {
  if (error instanceof NotFoundError) return data(error.message, { status: 404 });
  if (error instanceof ForbiddenError) return data(error.message, { status: 403 });
  if (error instanceof InvalidTokenError) return data(error.message, { status: 400 });
  // No form to put field messages beside (e.g. a list URL's parameters): say them on the page.
  if (error instanceof ValidationError) {
    const messages = Object.values(error.fieldErrors).flat();
    return data(messages.length ? messages.join(" ") : error.message, { status: 400 });
  }
  if (error instanceof TooManyAttemptsError)
    return data(error.message, { status: 429, headers: tooManyHeaders(error) });
  if (error instanceof ServiceUnavailableError) {
    return data(unavailableMessage(error), { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
  }
  return error;
}

/**
 * The same mapping for resource routes (downloads), as a real Response: Remix passes a thrown
 * Response through there, but answers a thrown data() with a 500.
 */
export function toResourceErrorResponse(error: unknown): unknown {
  const mapped = toErrorResponse(error);
  if (mapped === error) return error;
  const { data: message, init } = mapped as ReturnType<typeof data<string>>;
  const headers = new Headers(init?.headers);
  headers.set("Content-Type", "text/plain; charset=utf-8");
  headers.set("Cache-Control", "private, no-store");
  return new Response(message, { status: init?.status, headers });
}

/** Wrap a loader body so domain errors become HTTP error responses. */
export async function orErrorResponse<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toErrorResponse(error);
  }
}
