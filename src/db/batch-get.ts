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

/**
 * A few items of several tables (at most 100 keys in all) in one BatchGetItem, strongly
 * consistent, asking again for what is left unprocessed as batchGetItems does: one call where
 * a page needs, say, a list's item and one of its tasks. Items by table; missing ones absent.
 */
export async function batchGetAcross(
  callDynamo: DynamoCaller,
  keysByTable: Readonly<Record<string, readonly Record<string, unknown>[]>>,
  busyMessage: string,
): Promise<Record<string, Record<string, unknown>[]>> {
  const items: Record<string, Record<string, unknown>[]> = Object.fromEntries(
    Object.keys(keysByTable).map((table) => [table, []]),
  );
  let pending = Object.entries(keysByTable).filter(([, keys]) => keys.length > 0);
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new ServiceUnavailableError(busyMessage);
    const request = Object.fromEntries(
      pending.map(([table, keys]) => [table, { Keys: [...keys], ConsistentRead: true }]),
    );
    const result = await callDynamo(({ client, commands }) =>
      client.send(new commands.BatchGetCommand({ RequestItems: request })),
    );
    for (const [table, found] of Object.entries(result.Responses ?? {})) items[table]?.push(...found);
    pending = Object.entries(result.UnprocessedKeys ?? {}).flatMap(([table, left]) =>
      left.Keys?.length ? [[table, left.Keys as Record<string, unknown>[]] as const] : [],
    );
  }
  return items;
}
