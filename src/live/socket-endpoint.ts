import { getEnv } from "#src/env.ts";

// Apart from the management API's client (socket-repository.ts) so that the writes' notice
// (live-notice.ts, loaded with the page Lambda) can ask "is there a WebSocket API here?" cheaply.

/** Where the management API is, or null when this stage has no WebSocket API. */
export function socketEndpoint(): string | null {
  const env = getEnv();
  if (env.LIVE_SOCKET_ENDPOINT) return env.LIVE_SOCKET_ENDPOINT;
  if (env.ARC_WSS_URL?.startsWith("wss://")) return env.ARC_WSS_URL.replace(/^wss:/, "https:");
  return null;
}
