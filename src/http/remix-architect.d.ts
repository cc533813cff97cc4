// The adapter exports createRemixRequest (API Gateway v2 event -> Request) but its types omit it.
import type { APIGatewayProxyEventV2 } from "aws-lambda";

declare module "@remix-run/architect/dist/server.js" {
  export function createRemixRequest(event: APIGatewayProxyEventV2): Request;
}
