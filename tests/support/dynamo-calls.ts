import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { getDocumentClient } from "#src/db/client.ts";
import { startOutageProxy, type SeenRequest } from "#tests/support/outage-proxy.ts";

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
 * A proxy in front of the local DynamoDB (the outage proxy, never cut) that names each
 * request's operation and table. For the built handler, whose document client a test cannot
 * reach: point DYNAMODB_ENDPOINT at `endpoint` before the bundle's first request. Retries would
 * count twice here; against a healthy local DynamoDB there are none.
 */
export async function startDynamoCallProxy(target: string) {
  const proxy = await startOutageProxy(target);
  let from = 0;
  const toCall = ({ headers, body }: SeenRequest): RecordedCall => {
    let table = "";
    try {
      const input = JSON.parse(body.toString("utf8")) as { TableName?: string; RequestItems?: object };
      // A batch names its tables ("a+b" when it reads from two).
      table = String(
        input.TableName ??
          Object.keys(input.RequestItems ?? {})
            .sort()
            .join("+"),
      );
    } catch {
      // Not JSON: leave the table empty; the operation still counts.
    }
    const operation = String(headers["x-amz-target"] ?? "");
    return { command: operation.split(".").pop() ?? operation, table };
  };
  return {
    endpoint: proxy.endpoint,
    /** The calls since the last reset(). */
    get calls(): RecordedCall[] {
      return proxy.seen().slice(from).map(toCall);
    },
    reset: () => {
      from = proxy.seen().length;
    },
    stop: () => proxy.stop(),
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
