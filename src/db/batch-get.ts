import type { DynamoCaller } from "#src/db/errors.ts";
import { ServiceUnavailableError } from "#src/errors.ts";

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_MAX = 100;
const MAX_ATTEMPTS = 5;

/**
 * Reads the items with these keys, strongly consistent, 100 to a BatchGetItem, asking again
 * for whatever DynamoDB leaves unprocessed under load (a few times at most, then the store is
 * busy). Missing items are simply absent from the answer, in no particular order.
 */
export async function batchGetItems(
  callDynamo: DynamoCaller,
  table: string,
  keys: readonly Record<string, unknown>[],
  busyMessage: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX) {
    let pending = keys.slice(start, start + BATCH_GET_MAX);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new ServiceUnavailableError(busyMessage);
      const request = pending;
      const result = await callDynamo(({ client, commands }) =>
        client.send(
          new commands.BatchGetCommand({ RequestItems: { [table]: { Keys: request, ConsistentRead: true } } }),
        ),
      );
      items.push(...(result.Responses?.[table] ?? []));
      pending = (result.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return items;
}
