import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { labelPartition } from "#src/tasks/task-repository.ts";
import { MAX_LIST_LABELS } from "#src/tasks/task-labels.ts";

const callDynamo = dynamoCaller("task store");

/**
 * A list's labels, in the tasks table beside its tasks (no table or index of their own):
 *
 *   partition "<list>#labels", sort key the label's key (labelKey: case folded)
 *   attributes: name (as the list first spelled it), createdAt, and while a rename or removal
 *               is under way `change` { to?: the new name (rename), after?: the last task done }
 *
 * The items carry none of the indexes' key attributes, so no index holds them. Suggestions and
 * the Labels page read the list's labels with one Query (at most MAX_LIST_LABELS items, a few KB).
 * A label's tasks are its copies' partition (labelPartition, see task-repository.ts), read in id
 * order by queryLabelTaskIds: that is what a rename or removal walks, recording in `change.after`
 * how far it got, so a retry carries on from there and finishes.
 */

export interface LabelChange {
  /** Rename: the new name; absent for a removal. */
  to?: string;
  /** The id of the last task changed; absent before the first. */
  after?: string;
}

export interface LabelEntry {
  key: string;
  name: string;
  change?: LabelChange;
}

/** The partition of a list's labels (the purge deletes it with the list). */
export function labelsPartition(listId: string): string {
  return `${listId}#labels`;
}

function entryOf(item: Record<string, unknown>): LabelEntry {
  const change = item.change as Record<string, unknown> | undefined;
  return {
    key: String(item.id),
    name: String(item.name),
    ...(change && typeof change === "object"
      ? {
          change: {
            ...(typeof change.to === "string" ? { to: change.to } : {}),
            ...(typeof change.after === "string" ? { after: change.after } : {}),
          },
        }
      : {}),
  };
}

/** The list's labels, by key (one Query, eventually consistent unless asked). */
export async function listLabels(listId: string, consistent = false): Promise<LabelEntry[]> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: getTableNames().tasks,
        KeyConditionExpression: "#owner = :owner",
        ExpressionAttributeNames: { "#owner": "owner" },
        ExpressionAttributeValues: { ":owner": labelsPartition(listId) },
        ConsistentRead: consistent,
        Limit: MAX_LIST_LABELS + 1,
      }),
    ),
  );
  return (result.Items ?? []).map(entryOf);
}

export async function getLabel(listId: string, key: string): Promise<LabelEntry | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({
        TableName: getTableNames().tasks,
        Key: { owner: labelsPartition(listId), id: key },
        ConsistentRead: true,
      }),
    ),
  );
  return result.Item ? entryOf(result.Item) : null;
}

/**
 * Adds the label to the list unless it has it (in any spelling): the first spelling stays.
 * Returns the label as the list has it.
 */
export async function addLabel(listId: string, key: string, name: string): Promise<LabelEntry> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().tasks,
          Item: { owner: labelsPartition(listId), id: key, name, createdAt: new Date().toISOString() },
          ConditionExpression: "attribute_not_exists(id)",
        }),
      ),
    );
    return { key, name };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return (await getLabel(listId, key)) ?? { key, name };
  }
}

/**
 * Starts a rename or removal: one conditional write, so of two at once only one starts; the
 * label must exist and have no other change under way. False when it does not start.
 */
export async function startLabelChange(listId: string, key: string, change: LabelChange): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().tasks,
          Key: { owner: labelsPartition(listId), id: key },
          UpdateExpression: "SET #change = :change",
          ConditionExpression: "attribute_exists(id) AND attribute_not_exists(#change)",
          ExpressionAttributeNames: { "#change": "change" },
          ExpressionAttributeValues: { ":change": change },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return false;
  }
}

/** Records how far a change got (the last task id done), so a retry starts after it. */
export async function recordLabelProgress(listId: string, key: string, after: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().tasks,
        Key: { owner: labelsPartition(listId), id: key },
        UpdateExpression: "SET #change.#after = :after",
        ConditionExpression: "attribute_exists(#change)",
        ExpressionAttributeNames: { "#change": "change", "#after": "after" },
        ExpressionAttributeValues: { ":after": after },
      }),
    ),
  ).catch((error: unknown) => {
    // Finished meanwhile by another run: nothing left to record.
    if (!isConditionalCheckFailed(error)) throw error;
  });
}

/**
 * Ends a change whose tasks are all done: a rename to a name with the same key keeps the item
 * with its new spelling; any other change removes the old label. Safe to repeat.
 */
export async function finishLabelChange(listId: string, key: string, sameKeyName?: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      sameKeyName === undefined
        ? new commands.DeleteCommand({
            TableName: getTableNames().tasks,
            Key: { owner: labelsPartition(listId), id: key },
          })
        : new commands.UpdateCommand({
            TableName: getTableNames().tasks,
            Key: { owner: labelsPartition(listId), id: key },
            UpdateExpression: "SET #name = :name REMOVE #change",
            ConditionExpression: "attribute_exists(id)",
            ExpressionAttributeNames: { "#name": "name", "#change": "change" },
            ExpressionAttributeValues: { ":name": sameKeyName },
          }),
    ),
  ).catch((error: unknown) => {
    if (!isConditionalCheckFailed(error)) throw error;
  });
}

/**
 * The ids of the tasks with a copy under this label, in id order after `after`, up to `limit`
 * (one Query of the label's partition, keys only). `more` when others follow.
 */
export async function queryLabelTaskIds(
  listId: string,
  key: string,
  after: string | undefined,
  limit: number,
): Promise<{ ids: string[]; more: boolean }> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: getTableNames().tasks,
        KeyConditionExpression: after === undefined ? "#owner = :owner" : "#owner = :owner AND #id > :after",
        ExpressionAttributeNames: { "#owner": "owner", "#id": "id" },
        ExpressionAttributeValues: {
          ":owner": labelPartition(listId, key),
          ...(after === undefined ? {} : { ":after": after }),
        },
        ProjectionExpression: "#id",
        ConsistentRead: true,
        Limit: limit,
      }),
    ),
  );
  return { ids: (result.Items ?? []).map((item) => String(item.id)), more: result.LastEvaluatedKey !== undefined };
}
