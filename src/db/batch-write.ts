import type { DynamoCaller } from "#src/db/errors.ts";
import { ServiceUnavailableError } from "#src/errors.ts";

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_MAX = 25;
const MAX_ATTEMPTS = 7;

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Sends write requests 25 to a BatchWriteItem, asking again (with a growing pause) for whatever
 * DynamoDB leaves unprocessed under load.
 */
async function batchWrite(
  callDynamo: DynamoCaller,
  table: string,
  all: readonly WriteRequest[],
  busyMessage: string,
): Promise<void> {
  for (let start = 0; start < all.length; start += BATCH_WRITE_MAX) {
    let requests = all.slice(start, start + BATCH_WRITE_MAX);
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt >= MAX_ATTEMPTS) throw new ServiceUnavailableError(busyMessage);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const pending = requests;
      const result = await callDynamo(({ client, commands }) =>
        client.send(new commands.BatchWriteCommand({ RequestItems: { [table]: pending } })),
      );
      requests = (result.UnprocessedItems?.[table] as typeof requests | undefined) ?? [];
    }
  }
}

/**
 * Puts items 25 to a BatchWriteItem. Batch puts carry no condition: only for items whose keys
 * are new (fresh ids) or whose overwrite is harmless.
 */
export function batchPutItems(
  callDynamo: DynamoCaller,
  table: string,
  items: readonly Record<string, unknown>[],
  busyMessage: string,
): Promise<void> {
  return batchWrite(
    callDynamo,
    table,
    items.map((Item) => ({ PutRequest: { Item } })),
    busyMessage,
  );
}

/**
 * Deletes items by key, 25 to a BatchWriteItem. Unconditional, and idempotent: deleting an
 * item that is already gone is no error, so a purge that stopped half-way is finished by
 * running it again.
 */
export function batchDeleteItems(
  callDynamo: DynamoCaller,
  table: string,
  keys: readonly Record<string, unknown>[],
  busyMessage: string,
): Promise<void> {
  return batchWrite(
    callDynamo,
    table,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
    busyMessage,
  );
}
