// The API Gateway HTTP API (payload format 2.0) event the deployed function receives, built
// from a request's parts. One builder for the tests' client, the bench and the load server.
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface EventParts {
  method: string;
  url: URL;
  /** Lower-case names; cookies go in `cookies`, as API Gateway hands them over as a list. */
  headers: Record<string, string>;
  cookies?: string[];
  /** Sent as API Gateway sends it: base64 when isBase64Encoded. */
  body?: string;
  isBase64Encoded?: boolean;
  sourceIp?: string;
  userAgent?: string;
  /** Names this source in requestContext (apiId, domainPrefix, requestId). */
  source: string;
  requestId?: string;
}

export function apiGatewayEvent(parts: EventParts): APIGatewayProxyEventV2 {
  const { url } = parts;
  return {
    version: "2.0",
    routeKey: "ANY /{proxy+}",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: parts.cookies,
    headers: parts.headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    pathParameters: { proxy: url.pathname.slice(1) },
    requestContext: {
      accountId: "123456789012",
      apiId: parts.source,
      domainName: parts.headers.host ?? url.host,
      domainPrefix: parts.source,
      http: {
        method: parts.method,
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: parts.sourceIp ?? "127.0.0.1",
        userAgent: parts.userAgent ?? parts.headers["user-agent"] ?? "",
      },
      requestId: parts.requestId ?? parts.source,
      routeKey: "ANY /{proxy+}",
      stage: "$default",
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    body: parts.body,
    isBase64Encoded: parts.isBase64Encoded ?? false,
  };
}
