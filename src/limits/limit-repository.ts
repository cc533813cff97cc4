import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller } from "#src/db/errors.ts";

const callDynamo = dynamoCaller("rate-limit store");

/**
 * Rate-limit counters in the limits table, one item per (scope, window):
 *
 *   id           "<action>:<ip|email>:<HMAC of the address>", e.g. "signin:email:3f9a…"
 *   windowStart  epoch seconds at which this fixed window began
 *   count        attempts seen in the window (atomic ADD, so simultaneous requests all count)
 *   expiresAt    the window's end; DynamoDB's TTL removes the item some time after it
 *
 * Old windows are never read (the key names the current one), so TTL's lateness costs nothing.
 */
export interface CounterKey {
  id: string;
  windowStart: number;
}

/** Adds one attempt to the counter (creating it) and returns the new count: one UpdateItem. */
export async function incrementCounter(key: CounterKey, expiresAt: number): Promise<number> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().limits,
        Key: key,
        UpdateExpression: "ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":one": 1, ":expiresAt": expiresAt },
        ReturnValues: "UPDATED_NEW",
      }),
    ),
  );
  return Number(result.Attributes?.count ?? 0);
}
