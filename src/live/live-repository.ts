import { getTableNames } from "#src/db/client.ts";
import { batchPutItems } from "#src/db/batch-write.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { queryPages } from "#src/db/query-pages.ts";

/**
 * The live table: who has a socket open, and which lists each socket follows
 * (docs/decisions/2026-12-07-live-updates-over-architect-ws.md).
 *
 *   pk T#<nonce>         sk #             a spent socket ticket (single use), kept until it expires
 *   pk C#<connectionId>  sk #             an open socket: the user it was opened for
 *   pk C#<connectionId>  sk L#<listId>    "this socket follows this list", to tidy up on disconnect
 *   pk L#<listId>        sk C#<connectionId>  the same subscription, as the fan-out reads it
 *   pk L#<listId>        sk #             when the list last changed (`changedAt`, epoch ms): a page
 *                                         subscribing after a change it did not load asks for it
 *
 * Every item carries `expiresAt` (epoch seconds, the table's TTL): API Gateway closes every
 * socket after two hours, so no record outlives its socket by more than that even when a
 * $disconnect never ran. DynamoDB deletes lazily, so readers check the time too.
 */

const callDynamo = dynamoCaller("live store");
const table = () => getTableNames().live;

const connectionKey = (connectionId: string) => ({ pk: `C#${connectionId}`, sk: "#" });

export interface LiveSubscriber {
  connectionId: string;
  userId: string;
}

/** Marks a ticket's nonce spent; false when it already was (a replayed ticket). */
export async function spendTicketNonce(nonce: string, expiresAt: number): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: table(),
          Item: { pk: `T#${nonce}`, sk: "#", expiresAt },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export async function putConnection(connectionId: string, userId: string, expiresAt: number): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.PutCommand({ TableName: table(), Item: { ...connectionKey(connectionId), userId, expiresAt } }),
    ),
  );
}

/** The user a socket was opened for; null when it is unknown or expired. */
export async function getConnectionUser(connectionId: string, nowSeconds: number): Promise<string | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({ TableName: table(), Key: connectionKey(connectionId), ConsistentRead: true }),
    ),
  );
  const item = result.Item;
  if (!item || Number(item.expiresAt) <= nowSeconds) return null;
  return String(item.userId);
}

/** Both items of each subscription (one BatchWriteItem per 12 lists). */
export async function putSubscriptions(
  connectionId: string,
  userId: string,
  listIds: readonly string[],
  expiresAt: number,
): Promise<void> {
  const items = listIds.flatMap((listId) => [
    { pk: `L#${listId}`, sk: `C#${connectionId}`, userId, expiresAt },
    { pk: `C#${connectionId}`, sk: `L#${listId}`, expiresAt },
  ]);
  await batchPutItems(callDynamo, table(), items, "The live store is busy.");
}

/** The sockets following a list (one Query; a list with thousands pages through them). */
export async function queryListSubscribers(listId: string, nowSeconds: number): Promise<LiveSubscriber[]> {
  const subscribers: LiveSubscriber[] = [];
  for await (const items of queryPages(callDynamo, {
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :socket)",
    ExpressionAttributeValues: { ":pk": `L#${listId}`, ":socket": "C#" },
  })) {
    for (const item of items) {
      if (Number(item.expiresAt) <= nowSeconds) continue;
      subscribers.push({ connectionId: String(item.sk).slice(2), userId: String(item.userId) });
    }
  }
  return subscribers;
}

const changeKey = (listId: string) => ({ pk: `L#${listId}`, sk: "#" });

/** Records that the list changed at `atMs` (the fan-out writes it before it reads the list's sockets). */
export async function markListChanged(listId: string, atMs: number, expiresAt: number): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.PutCommand({ TableName: table(), Item: { ...changeKey(listId), changedAt: atMs, expiresAt } }),
    ),
  );
}

/** Whether any of the lists changed at or after `sinceMs` (one consistent GetItem per list, in parallel). */
export async function listsChangedSince(listIds: readonly string[], sinceMs: number): Promise<boolean> {
  const stamps = await Promise.all(
    listIds.map((listId) =>
      callDynamo(({ client, commands }) =>
        client.send(new commands.GetCommand({ TableName: table(), Key: changeKey(listId), ConsistentRead: true })),
      ),
    ),
  );
  return stamps.some((result) => Number(result.Item?.changedAt ?? 0) >= sinceMs);
}

async function deleteItem(key: { pk: string; sk: string }): Promise<void> {
  await callDynamo(({ client, commands }) => client.send(new commands.DeleteCommand({ TableName: table(), Key: key })));
}

/** Stops one socket following one list (both items). */
export async function deleteSubscription(listId: string, connectionId: string): Promise<void> {
  await Promise.all([
    deleteItem({ pk: `L#${listId}`, sk: `C#${connectionId}` }),
    deleteItem({ pk: `C#${connectionId}`, sk: `L#${listId}` }),
  ]);
}

/** Forgets a socket: its record and every subscription (one Query, then a delete per item). */
export async function deleteConnection(connectionId: string): Promise<void> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: table(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `C#${connectionId}` },
      }),
    ),
  );
  const keys = (result.Items ?? []).flatMap((item) => {
    const sk = String(item.sk);
    const own = { pk: `C#${connectionId}`, sk };
    return sk.startsWith("L#") ? [own, { pk: sk, sk: `C#${connectionId}` }] : [own];
  });
  await Promise.all(keys.map(deleteItem));
}
