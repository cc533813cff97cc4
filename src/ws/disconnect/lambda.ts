// $disconnect of the WebSocket API (app.arc @ws): forget the socket and what it followed.
// Bundled into index.mjs beside this file by npm run build.
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { closeConnection } from "#src/live/live-service.ts";
import { logError, runWithRequestId } from "#src/logging.ts";

interface DisconnectEvent {
  requestContext: { connectionId: string; requestId?: string };
}

export async function handler(event: DisconnectEvent): Promise<APIGatewayProxyResultV2> {
  const { connectionId, requestId } = event.requestContext;
  return runWithRequestId(requestId ?? connectionId, async () => {
    try {
      await closeConnection(connectionId);
    } catch (error) {
      // The records expire with their TTL; the fan-out also drops a socket that answers 410.
      logError("A closed socket's records stayed", error, { connectionId });
    }
    return { statusCode: 200 };
  });
}
