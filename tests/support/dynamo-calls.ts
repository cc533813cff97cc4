import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { getDocumentClient } from "#src/db/client.ts";

export interface RecordedCall {
  command: string;
  table: string;
}

/**
 * Records every command sent through a document client (a middleware at the front of its
 * stack, so retries of one call count once), for tests that pin the cost of a use case.
 */
export function recordDynamoCalls(client: DynamoDBDocumentClient) {
  const calls: RecordedCall[] = [];
  const name = `record-calls-${crypto.randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string };
      calls.push({ command: String(context.commandName ?? "unknown"), table: input.TableName ?? "" });
      return next(args);
    },
    { step: "initialize", name },
  );
  return {
    calls,
    reset: () => calls.splice(0, calls.length),
    stop: () => client.middlewareStack.remove(name),
  };
}

/**
 * An HTTP proxy in front of the local DynamoDB that records each request's operation and
 * table. For the built handler, whose document client a test cannot reach: point
 * DYNAMODB_ENDPOINT at `endpoint` before the bundle's first request. Retries would count
 * twice here; against a healthy local DynamoDB there are none.
 */
export async function startDynamoCallProxy(target: string) {
  const { createServer, request } = await import("node:http");
  const upstream = new URL(target);
  const calls: RecordedCall[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      let table = "";
      try {
        table = String((JSON.parse(body.toString("utf8")) as { TableName?: string }).TableName ?? "");
      } catch {
        // Not JSON: leave the table empty; the operation still counts.
      }
      const target = String(incoming.headers["x-amz-target"] ?? "");
      calls.push({ command: target.split(".").pop() ?? target, table });
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy did not start");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    calls,
    reset: () => calls.splice(0, calls.length),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The commands the app's own document client sends while `work` runs, as "Command:Index" (a
 * Query names its index), so a test can count the calls a page really makes.
 */
export async function recordCallsDuring<T>(work: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const name = `record-calls-${crypto.randomUUID()}`;
  const client = await getDocumentClient();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      calls.push(`${context.commandName}${input.IndexName ? `:${input.IndexName}` : ""}`);
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    return { result: await work(), calls };
  } finally {
    client.middlewareStack.remove(name);
  }
}
