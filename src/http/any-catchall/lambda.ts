// The one Lambda: API Gateway HTTP API (payload 2.0) events in, Remix-rendered responses out.
// Bundled with the Remix server build into index.mjs beside this file (npm run build).
// The deep import skips the adapter's session-storage module and its @architect/functions load.
import { createRequestHandler } from "@remix-run/architect/dist/server.js";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import * as build from "virtual:remix-server-build";
import { getEnv, isLocalStage } from "#src/env.ts";
import { compressResponse } from "#src/http/compress.ts";
import { BAD_REQUEST_HTML, FORBIDDEN_HTML, checkRequest } from "#src/http/request-guard.ts";

const remixHandler = createRequestHandler({ build, mode: "production" });

/** The origin the browser sees; computed as the Remix adapter builds request URLs. */
function expectedOrigin(event: APIGatewayProxyEventV2): string {
  const env = getEnv();
  if (env.APP_ORIGIN) return new URL(env.APP_ORIGIN).origin;
  const host = event.headers["x-forwarded-host"] ?? event.headers.host ?? "";
  return `${process.env.ARC_SANDBOX ? "http" : "https"}://${host}`;
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const env = getEnv();
  const verdict = checkRequest(event.requestContext.http.method, (name) => event.headers[name], {
    expectedOrigin: expectedOrigin(event),
    originVerifySecret: env.ORIGIN_VERIFY_SECRET,
    requireOriginVerify: !isLocalStage(env),
  });
  if (!verdict.ok) {
    console.warn("Refused request:", verdict.reason, event.requestContext.http.method, event.rawPath);
    return {
      statusCode: 403,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      body: FORBIDDEN_HTML,
    };
  }
  let response: APIGatewayProxyStructuredResultV2;
  try {
    response = (await remixHandler(event, {} as never, () => undefined)) as APIGatewayProxyStructuredResultV2;
  } catch (error) {
    // Only requests Remix cannot even parse get here (e.g. a malformed Host header).
    console.error(
      "Request failed before Remix could handle it",
      event.requestContext.http.method,
      event.rawPath,
      error,
    );
    return {
      statusCode: 400,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      body: BAD_REQUEST_HTML,
    };
  }
  // Every response of this function may be personal (static assets come from S3 instead).
  const headers = { ...response.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "cache-control"))
    headers["cache-control"] = "private, no-store";
  return compressResponse({ ...response, headers }, event.headers["accept-encoding"]);
}
