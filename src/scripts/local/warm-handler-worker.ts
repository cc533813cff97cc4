// The warm copy of the Lambda handler behind `npm start` (src/plugins/warm-handler.js): imports
// the bundle once and answers each event sandbox's Lambda process forwards over a Unix socket,
// as one warm Lambda container would. A rebuilt bundle is imported afresh on the next request.
import { statSync } from "node:fs";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";

type Handler = (event: APIGatewayProxyEventV2, context: Partial<Context>) => Promise<APIGatewayProxyStructuredResultV2>;

const [bundle, socketPath] = process.argv.slice(2);
if (!bundle || !socketPath) throw new Error("usage: warm-handler-worker.ts <index.mjs> <socket path>");

let loaded: { version: number; handler: Promise<Handler> } | undefined;

/** The bundle's handler, imported again (a new URL) when the file changed since the last import. */
function currentHandler(): Promise<Handler> {
  const version = statSync(bundle as string).mtimeMs;
  if (loaded?.version !== version) {
    const url = `${pathToFileURL(bundle as string).href}?version=${version}`;
    loaded = { version, handler: import(url).then((module: { handler: Handler }) => module.handler) };
  }
  return loaded.handler;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const { event, requestId } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      event: APIGatewayProxyEventV2;
      requestId?: string;
    };
    currentHandler()
      .then((handler) => handler(event, { awsRequestId: requestId ?? crypto.randomUUID() }))
      .then((result) => {
        // Says which process answered (npm-start.test.ts); only ever on this local path.
        result.headers = { ...result.headers, "x-local-warm-handler": String(process.pid) };
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ result }));
      })
      .catch((error: unknown) => {
        const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { name, message, stack } }));
      });
  });
});

// Loaded before "ready", so the first click does not pay the import.
await currentHandler();
server.listen(socketPath, () => process.send?.("ready"));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
