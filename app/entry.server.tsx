import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "#app/csp-nonce.ts";
import { createNonce, securityHeaders } from "#src/http/security-headers.ts";
import { UNKNOWN_WAIT_SECONDS } from "#src/errors.ts";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "#src/shared-constants.js";
import { logError } from "#src/logging.ts";

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

/** Unknown errors are logged once, server-side; the user sees only the error boundary. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logError("Unhandled error", error, { method: request.method, route: new URL(request.url).pathname });
};

// Pages may show one user's tasks: never let a browser or proxy cache or share them.
const NO_STORE = "private, no-store";

// A 503 (storage or sign-in service unreachable) or 429 (too many attempts) tells clients when
// to come back. A 429's real wait comes from the route (its `headers` export passes on what
// route-errors set); the figure here is only a floor for a route that forgot it, and the same
// one a refusal with no known end states on the page.
const RETRY_AFTER: Record<number, string> = {
  503: String(UNAVAILABLE_RETRY_AFTER_SECONDS),
  429: String(UNKNOWN_WAIT_SECONDS),
};

function finishHeaders(status: number, headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", NO_STORE);
  const retryAfter = RETRY_AFTER[status];
  if (retryAfter && !headers.has("Retry-After")) headers.set("Retry-After", retryAfter);
}

/**
 * React 18.3's streaming renderer sends all of its 2 KB buffer when a multi-byte character does
 * not fit in the rest of it, unused bytes included (react#24985; fixed in React 19 only): NUL
 * bytes in the page wherever an accent or a curly quote falls on a boundary. Browsers drop them
 * from text but read them as U+FFFD in attribute values, text areas and the page's data, so a
 * title could come back from a form with a stray character. No page has a NUL of its own
 * (React escapes nothing else that would need it, and the data is JSON, which escapes it), so
 * every NUL byte on the way out is one of those; UTF-8 never uses 0x00 inside a character.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  finishHeaders(response.status, response.headers);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Bots get the whole document at once; browsers start rendering as soon as the shell is ready.
  finishHeaders(responseStatusCode, responseHeaders);
  // The Lambda chose this response's nonce (and sends the same headers on every response);
  // under `npm run dev` there is no Lambda, so the document makes its own.
  const nonce = loadContext.cspNonce ?? createNonce();
  const development = process.env.NODE_ENV === "development";
  for (const [name, value] of Object.entries(securityHeaders(nonce, { development }))) responseHeaders.set(name, value);
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError("Rendering failed after the page started", error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
