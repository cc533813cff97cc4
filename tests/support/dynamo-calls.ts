import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

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
