import { batchDeleteItems } from "#src/db/batch-write.ts";
import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller } from "#src/db/errors.ts";
import { queryPages } from "#src/db/query-pages.ts";

/**
 * A deleted account's import records (imports table, partition `owner`), for
 * account-deletion-service.ts only: loaded then, never at a cold start.
 */

const callDynamo = dynamoCaller("task store");

/**
 * Deletes every import record of the owner (staged uploads, their parts, the files imported):
 * a deleted account's. Keys-only Query pages, deleted 25 to a BatchWriteItem; idempotent.
 */
export async function deleteAllImportsOfOwner(owner: string): Promise<void> {
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().imports,
    KeyConditionExpression: "#owner = :owner",
    ProjectionExpression: "#owner, id",
    ExpressionAttributeNames: { "#owner": "owner" },
    ExpressionAttributeValues: { ":owner": owner },
  })) {
    const keys = items.map((item) => ({ owner: item.owner, id: item.id }));
    await batchDeleteItems(callDynamo, getTableNames().imports, keys, "The import store is busy; please try again.");
  }
}
