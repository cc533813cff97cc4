// What bench.ts and bench-worker.ts send the handler: API Gateway HTTP API (payload 2.0)
// events shaped as a browser's requests arrive through CloudFront.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

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
  return {
    version: "2.0",
    routeKey: "ANY /{proxy+}",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: target.cookie ? [target.cookie] : undefined,
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    pathParameters: { proxy: url.pathname.slice(1) },
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: BENCH_HOST,
      domainPrefix: "bench",
      http: { method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId: "bench",
      routeKey: "ANY /{proxy+}",
      stage: "$default",
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    body: form ? Buffer.from(new URLSearchParams(form).toString()).toString("base64") : undefined,
    isBase64Encoded: Boolean(form),
  };
}
