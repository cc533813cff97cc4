// One warm Lambda container behind HTTP, for `npm run test:load`: a Node HTTP server on
// 127.0.0.1 that turns each request into the API Gateway HTTP API (payload 2.0) event the
// deployed function receives and answers with the bundle's result. Prints its port, one line.
import { createServer, type IncomingMessage } from "node:http";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { apiGatewayEvent } from "#src/scripts/local/api-gateway-event.ts";
import type { Handler } from "#src/scripts/bench/bench-events.ts";

const [bundle, portText] = process.argv.slice(2);
if (!bundle || !portText) throw new Error("usage: load-server.ts <bundle.mjs> <port>");
const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };

async function toEvent(request: IncomingMessage): Promise<APIGatewayProxyEventV2> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== "cookie" && value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return apiGatewayEvent({
    method: request.method ?? "GET",
    url,
    headers,
    cookies: request.headers.cookie?.split(/;\s*/).filter(Boolean),
    body: body.length > 0 ? body.toString("base64") : undefined,
    isBase64Encoded: body.length > 0,
    sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
    source: "load",
    requestId: crypto.randomUUID(),
  });
}

const server = createServer((request, response) => {
  toEvent(request)
    .then((event) => handler(event))
    .then((result) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
      if (result.cookies?.length) headers["set-cookie"] = result.cookies;
      response.writeHead(result.statusCode ?? 200, headers);
      response.end(
        result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8"),
      );
    })
    .catch((error: unknown) => {
      // A handler that throws is what API Gateway turns into a 500: count it, never hide it.
      console.error(error);
      response.writeHead(500, { "content-type": "text/plain" });
      response.end("handler threw");
    });
});
server.listen(Number(portText), "127.0.0.1", () => console.log(`listening ${portText}`));
process.on("SIGTERM", () => {
  // The handler's CPU time: on a shared machine a steadier figure than latency.
  const { user, system } = process.cpuUsage();
  console.log(`cpu ${(user + system) / 1000}`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
