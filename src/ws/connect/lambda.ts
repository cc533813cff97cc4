// $connect of the WebSocket API (app.arc @ws): a socket opens only with a valid, unspent ticket
// in `?t=` (src/live/live-ticket.ts). Bundled into index.mjs beside this file by npm run build.
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { openConnection } from "#src/live/live-service.ts";
import { logError, runWithRequestId } from "#src/logging.ts";

interface ConnectEvent {
  requestContext: { connectionId: string; requestId?: string };
  queryStringParameters?: Record<string, string | undefined> | null;
}

export async function handler(event: ConnectEvent): Promise<APIGatewayProxyResultV2> {
  const { connectionId, requestId } = event.requestContext;
  return runWithRequestId(requestId ?? connectionId, async () => {
    try {
      const opened = await openConnection(connectionId, event.queryStringParameters?.t);
      return { statusCode: opened ? 200 : 401 };
    } catch (error) {
      logError("A socket could not be opened", error, { connectionId });
      return { statusCode: 503 };
    }
  });
}
