import type * as ManagementApi from "@aws-sdk/client-apigatewaymanagementapi";
import { getEnv } from "#src/env.ts";
import { socketEndpoint } from "#src/live/socket-endpoint.ts";

/**
 * The only code that speaks to API Gateway's management API for our WebSocket API: it sends a
 * message down one open socket. Deployed, the endpoint is the API's own https URL (Architect
 * sets ARC_WSS_URL on every function); under `arc sandbox` it is sandbox's emulation of the same
 * API on its internal port (`LIVE_SOCKET_ENDPOINT`, set by src/plugins/sandbox-env.js), which
 * answers like AWS, 410 for a socket that is gone. So the same code runs in both places.
 *
 * The SDK client is imported on first use: a page that never writes never loads it.
 */

export type SendResult = "sent" | "gone";

type Sdk = typeof ManagementApi;
interface Api {
  sdk: Sdk;
  client: ManagementApi.ApiGatewayManagementApiClient;
}

let api: Promise<Api> | undefined;

async function createApi(endpoint: string): Promise<Api> {
  const sdk = await import("@aws-sdk/client-apigatewaymanagementapi");
  const env = getEnv();
  const client = new sdk.ApiGatewayManagementApiClient({
    region: env.AWS_REGION,
    endpoint,
    // A notice is worth little once it is late: give up quickly rather than hold the write.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 500, requestTimeout: 1_000, throwOnRequestTimeout: true },
    // Sandbox's emulation ignores credentials, but the SDK insists on having some.
    ...(env.LIVE_SOCKET_ENDPOINT ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  return { sdk, client };
}

function loadApi(): Promise<Api> {
  const endpoint = socketEndpoint();
  if (!endpoint)
    return Promise.reject(new Error("This stage has no WebSocket API (no LIVE_SOCKET_ENDPOINT or ARC_WSS_URL)."));
  // A failed load is not kept: the next call tries again.
  api ??= createApi(endpoint).catch((error: unknown) => {
    api = undefined;
    throw error;
  });
  return api;
}

/** Sends one message down one socket; "gone" when the socket no longer exists (410). */
export async function postToConnection(connectionId: string, message: string): Promise<SendResult> {
  const { sdk, client } = await loadApi();
  try {
    await client.send(new sdk.PostToConnectionCommand({ ConnectionId: connectionId, Data: message }));
    return "sent";
  } catch (error) {
    // Gone: the socket closed (its $disconnect may not have run yet, or never will).
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof sdk.GoneException || status === 410) return "gone";
    throw error;
  }
}
