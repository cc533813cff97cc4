import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import type { Task } from "#src/tasks/task.ts";

const callDynamo = dynamoCaller("task store");

/**
 * The JSON API's Idempotency-Key records, one item per (user, key) in the idempotency table:
 *
 *   id          sha256("<sub>\n<key>"), so a key is never shared between users
 *   fingerprint sha256 of the validated request, so a key reused for another request is refused
 *   task        the task the first request made (what a retry answers with)
 *   state       "pending" until that task is stored, then "done"
 *   expiresAt   epoch seconds; DynamoDB's TTL removes the item some time after it
 *
 * A claim is a conditional put, so of two requests with one key exactly one makes the task.
 * DynamoDB's TTL deletes lazily (up to days late), so an item past expiresAt counts as absent.
 */
export interface IdempotencyRecord {
  id: string;
  fingerprint: string;
  task: Task;
  state: "pending" | "done";
  expiresAt: number;
}

/** True when this request now owns the key; false when another request claimed it first. */
export async function claimIdempotencyKey(record: IdempotencyRecord, nowSeconds: number): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().idempotency,
          Item: record,
          ConditionExpression: "attribute_not_exists(id) OR expiresAt < :now",
          ExpressionAttributeValues: { ":now": nowSeconds },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export async function getIdempotencyRecord(id: string, nowSeconds: number): Promise<IdempotencyRecord | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(new commands.GetCommand({ TableName: getTableNames().idempotency, Key: { id }, ConsistentRead: true })),
  );
  const item = result.Item as IdempotencyRecord | undefined;
  return item && item.expiresAt >= nowSeconds ? item : null;
}

export async function markIdempotencyRecordDone(id: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().idempotency,
        Key: { id },
        UpdateExpression: "SET #state = :done",
        ConditionExpression: "attribute_exists(id)",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":done": "done" },
      }),
    ),
  ).catch((error: unknown) => {
    // Expired and removed in between: nothing left to mark.
    if (!isConditionalCheckFailed(error)) throw error;
  });
}
