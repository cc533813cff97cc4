// The one Lambda: API Gateway HTTP API (payload 2.0) events in, Remix-rendered responses out.
// Bundled with the Remix server build into index.mjs beside this file (npm run build).
// The deep import skips the adapter's session-storage module and its @architect/functions load.
import { createRemixRequest } from "@remix-run/architect/dist/server.js";
import { createRequestHandler } from "@remix-run/node";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import * as build from "virtual:remix-server-build";
import { getEnv, isLocalStage } from "#src/env.ts";
import { PROBLEM_CONTENT_TYPE, problemBody } from "#src/api/problems.ts";
import { corsHeaders, preflightResponse } from "#src/http/api-cors.ts";
import { clientAddress } from "#src/http/client-address.ts";
import { toLambdaResponse } from "#src/http/lambda-response.ts";
import {
  BAD_REQUEST_HTML,
  FORBIDDEN_HTML,
  ORIGIN_REFUSED_EVENT,
  PLAIN_PAGE_STYLE_HASH,
  checkRequest,
} from "#src/http/request-guard.ts";
import { checkPath } from "#src/http/request-path.ts";
import { createNonce, securityHeaders } from "#src/http/security-headers.ts";
import { logError, logRequest, routeOf, runWithRequestId, writeLog } from "#src/logging.ts";

type Result = APIGatewayProxyStructuredResultV2;

const remixHandler = createRequestHandler(build, "production");

/**
 * What entry.server and the routes get as `context`: this response's CSP nonce, and the
 * browser's address (only requests the guard let through get here: in a deployed stage, via
 * our CloudFront, whose headers carry the viewer's).
 */
function loadContext(event: APIGatewayProxyEventV2, nonce: string) {
  const clientIp = clientAddress(
    event.requestContext.http.sourceIp,
    (name) => event.headers[name],
    !isLocalStage(getEnv()),
  );
  return { cspNonce: nonce, clientIp };
}

/** The origin the browser sees; computed as the Remix adapter builds request URLs. */
function expectedOrigin(event: APIGatewayProxyEventV2): string {
  const env = getEnv();
  if (env.APP_ORIGIN) return new URL(env.APP_ORIGIN).origin;
  const host = event.headers["x-forwarded-host"] ?? event.headers.host ?? "";
  return `${process.env.ARC_SANDBOX ? "http" : "https"}://${host}`;
}

/** The JSON API's errors are problem documents even before Remix is involved. */
function apiProblem(name: "forbidden" | "invalid-request", detail: string): Result {
  const body = problemBody(name, detail);
  return {
    statusCode: body.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" },
    body: JSON.stringify(body),
  };
}

/** The plain HTML pages the handler answers with itself; their <style> is allowed by hash. */
function plainPage(statusCode: number, body: string, nonce: string): Result {
  return {
    statusCode,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...securityHeaders(nonce, { styleHashes: [PLAIN_PAGE_STYLE_HASH] }),
    },
    body,
  };
}

/**
 * Every response gets the security headers (with this response's nonce) unless it already has
 * them (the document's, set by entry.server with the same nonce, or a plain page's).
 */
function withSecurityHeaders(response: Result, nonce: string): Result {
  const headers = { ...response.headers };
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(securityHeaders(nonce))) if (!present.has(name)) headers[name] = value;
  return { ...response, headers };
}

/**
 * One JSON log line per request (id, method, route, status, latency): the path without its
 * query string, and nothing from headers or body, so no cookie, token, password or task text.
 */
export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<Result> {
  const started = performance.now();
  const requestId = context?.awsRequestId ?? event.requestContext.requestId;
  return runWithRequestId(requestId, async () => {
    const nonce = createNonce();
    const method = event.requestContext.http.method;
    let outcome: { response: Result; refused?: string } | undefined;
    try {
      outcome = await respond(event, nonce);
      return withSecurityHeaders(outcome.response, nonce);
    } catch (error) {
      logError("Request failed", error);
      throw error;
    } finally {
      logRequest({
        method,
        path: event.rawPath,
        status: outcome?.response.statusCode ?? 500,
        latencyMs: performance.now() - started,
        ...(outcome?.refused ? { refused: outcome.refused } : {}),
      });
    }
  });
}

async function respond(event: APIGatewayProxyEventV2, nonce: string): Promise<{ response: Result; refused?: string }> {
  const env = getEnv();
  const method = event.requestContext.http.method;
  // Decided on the path as Remix will route it; a path that routes elsewhere than it reads stops here.
  const path = checkPath(event.rawPath);
  if (!path.ok) {
    const response = path.api
      ? apiProblem(
          "invalid-request",
          "Ask for the resource by its plain path: no '..' or '.' segments, no encoded slashes or backslashes.",
        )
      : plainPage(400, BAD_REQUEST_HTML, nonce);
    return { response, refused: path.reason };
  }
  const api = path.api;
  const verdict = checkRequest(method, (name) => event.headers[name], {
    expectedOrigin: expectedOrigin(event),
    originVerifySecret: env.ORIGIN_VERIFY_SECRET,
    previousOriginVerifySecret: env.ORIGIN_VERIFY_SECRET_PREVIOUS,
    requireOriginVerify: !isLocalStage(env),
    bearerOnly: api,
  });
  if (!verdict.ok) {
    if (verdict.check === "origin") {
      // A line the stack's metric filter counts (the raw API URL being called); never the header's value.
      writeLog("WARN", "Refused: not through CloudFront", {
        event: ORIGIN_REFUSED_EVENT,
        reason: verdict.reason,
        method,
        path: routeOf(event.rawPath),
        sourceIp: event.requestContext.http.sourceIp,
      });
    }
    const response = api
      ? apiProblem("forbidden", "Call the API through the app's own address, not the raw API URL.")
      : plainPage(403, FORBIDDEN_HTML, nonce);
    return { response, refused: verdict.reason };
  }
  if (api) {
    const origin = event.headers.origin;
    if (method === "OPTIONS") return { response: preflightResponse(origin, env.API_CORS_ORIGINS) };
    const response = await handleWithRemix(event, true, nonce);
    const headers: Record<string, string | number | boolean> = { ...response.headers };
    for (const [name, value] of Object.entries(corsHeaders(origin, env.API_CORS_ORIGINS))) {
      headers[name] = name === "vary" && headers.vary ? `${String(headers.vary)}, ${value}` : value;
    }
    return { response: { ...response, headers } };
  }
  return { response: await handleWithRemix(event, false, nonce) };
}

async function handleWithRemix(event: APIGatewayProxyEventV2, api: boolean, nonce: string): Promise<Result> {
  let remixResponse: Response;
  try {
    remixResponse = await remixHandler(createRemixRequest(event), loadContext(event, nonce));
  } catch (error) {
    // Only requests Remix cannot even parse get here (e.g. a malformed Host header).
    logError("Request failed before Remix could handle it", error);
    if (api) return apiProblem("invalid-request", "This request could not be understood.");
    return plainPage(400, BAD_REQUEST_HTML, nonce);
  }
  const response = await toLambdaResponse(remixResponse, event.headers["accept-encoding"]);
  // Every response of this function may be personal (static assets come from S3 instead).
  const headers = { ...response.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "cache-control"))
    headers["cache-control"] = "private, no-store";
  return limitPayloadSize({ ...response, headers }, event.rawPath);
}

/**
 * Lambda refuses to return more than 6 MB (6,291,456 bytes) of response JSON, and API Gateway
 * then answers a bare 502. What counts is the body as returned: compressed and base64-encoded
 * when the client accepts gzip or br (every browser), else raw text with JSON's escapes. Only
 * an export can get there, so the message speaks of the export.
 */
export const MAX_RESPONSE_BYTES = 6_200_000;

function limitPayloadSize(response: Result, path: string): Result {
  // Cheap when small; a large body is measured as Lambda will serialise it (JSON escapes included).
  if ((response.body?.length ?? 0) < 2_000_000) return response;
  const size = Buffer.byteLength(JSON.stringify(response), "utf8");
  if (size <= MAX_RESPONSE_BYTES) return response;
  writeLog("WARN", "Response too large for Lambda", { route: routeOf(path), bytes: size });
  const message = path.startsWith("/tasks/export")
    ? "Your export is too large to download in one file (over 6 MB even compressed). Nothing was changed. Try the other format, ask with compression (browsers do; curl needs --compressed), or page through your tasks with the JSON API (/api/v1/tasks)."
    : "This response is too large to send.";
  return {
    statusCode: 507,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    body: message,
  };
}
