// $default of the WebSocket API (app.arc @ws): a page's `{"sub":[…]}` (follow these lists) or
// its keep-alive ping. Bundled into index.mjs beside this file by npm run build.
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { handleSocketMessage } from "#src/live/live-service.ts";
import { logError, runWithRequestId } from "#src/logging.ts";

interface MessageEvent {
  requestContext: { connectionId: string; requestId?: string };
  body?: string | null;
}

export async function handler(event: MessageEvent): Promise<APIGatewayProxyResultV2> {
  const { connectionId, requestId } = event.requestContext;
  return runWithRequestId(requestId ?? connectionId, async () => {
    try {
      await handleSocketMessage(connectionId, event.body);
    } catch (error) {
      logError("A socket message could not be handled", error, { connectionId });
    }
    return { statusCode: 200 };
  });
}
