import { getAccount, type AccountRecord } from "#src/accounts/account-repository.ts";
import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller } from "#src/db/errors.ts";

/**
 * The accounts table's writes for deleting an account (account-deletion-service.ts, loaded
 * only then): UpdateItem id (deletingAt, set once) before anything else goes; at the end,
 * GetItem + one UpdateItem that removes every other attribute, leaving a tombstone that keeps
 * refusing the account's tokens.
 */

const callDynamo = dynamoCaller("account settings store");

/**
 * Marks the account as being deleted, in one write (creating the item if need be): from here
 * on sign-in and the JSON API refuse it, and every step of the deletion may be retried. The
 * first mark's time stays. Returns when the deletion began.
 */
export async function markAccountDeleting(id: string): Promise<string> {
  const now = new Date().toISOString();
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression:
          "SET deletingAt = if_not_exists(deletingAt, :now), updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeValues: { ":now": now },
        ReturnValues: "ALL_NEW",
      }),
    ),
  );
  return String((result.Attributes as AccountRecord | undefined)?.deletingAt ?? now);
}

/** What a deleted account's tombstone keeps: enough to refuse its tokens, nothing about the person. */
const TOMBSTONE_ATTRIBUTES = new Set(["id", "deletingAt", "deletedAt", "tokensValidAfter"]);

/**
 * The last step of deleting an account: every attribute but the tombstone's goes (settings,
 * recovery codes, whatever a later version stores), and deletedAt is set. The item stays, so
 * an access token issued before the deletion (verified offline, valid up to an hour) is still
 * refused by the JSON API. Idempotent.
 */
export async function tombstoneAccount(id: string): Promise<void> {
  const current = await getAccount(id);
  const remove = Object.keys(current ?? {}).filter((name) => !TOMBSTONE_ATTRIBUTES.has(name));
  const names = Object.fromEntries(remove.map((name, index) => [`#a${index}`, name]));
  const now = new Date().toISOString();
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression: [
          "SET deletedAt = if_not_exists(deletedAt, :now), deletingAt = if_not_exists(deletingAt, :now)",
          remove.length ? `REMOVE ${Object.keys(names).join(", ")}` : "",
        ].join(" "),
        ...(remove.length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: { ":now": now },
      }),
    ),
  );
}
