import type { DynamoCaller } from "#src/db/errors.ts";
import { ServiceUnavailableError } from "#src/errors.ts";

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_MAX = 25;
const MAX_ATTEMPTS = 7;

/**
 * Puts items 25 to a BatchWriteItem, asking again (with a growing pause) for whatever DynamoDB
 * leaves unprocessed under load. Batch puts carry no condition: only for items whose keys are
 * new (fresh ids) or whose overwrite is harmless.
 */
export async function batchPutItems(
  callDynamo: DynamoCaller,
  table: string,
  items: readonly Record<string, unknown>[],
  busyMessage: string,
): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_WRITE_MAX) {
    let requests = items.slice(start, start + BATCH_WRITE_MAX).map((Item) => ({ PutRequest: { Item } }));
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
