// What bench.ts and bench-worker.ts send the handler: API Gateway HTTP API (payload 2.0)
// events shaped as a browser's requests arrive through CloudFront.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { apiGatewayEvent } from "#src/scripts/local/api-gateway-event.ts";

export type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Target {
  name: string;
  path: string;
  cookie?: string;
}

export const BENCH_HOST = "bench.example.test";

export function httpEvent(target: Target, form?: Record<string, string>): APIGatewayProxyEventV2 {
  const url = new URL(target.path, `https://${BENCH_HOST}`);
  const method = form ? "POST" : "GET";
  const headers: Record<string, string> = {
    host: BENCH_HOST,
    "user-agent": "Mozilla/5.0 (bench)",
    "x-forwarded-proto": "https",
    "accept-encoding": "br, gzip",
    accept: "text/html",
  };
  if (form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = `https://${BENCH_HOST}`;
  }
  return apiGatewayEvent({
    method,
    url,
    headers,
    cookies: target.cookie ? [target.cookie] : undefined,
    body: form ? Buffer.from(new URLSearchParams(form).toString()).toString("base64") : undefined,
    isBase64Encoded: Boolean(form),
    userAgent: "bench",
    source: "bench",
  });
}
