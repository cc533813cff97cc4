import { getDocumentClient } from "#src/db/client.ts";

/**
 * Records every command the app's DynamoDB client sends while `work` runs (name and, for a
 * Query, the index), so tests can count the calls a page really makes.
 */
export async function recordDynamoCalls<T>(work: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const name = `record-calls-${Math.random()}`;
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
