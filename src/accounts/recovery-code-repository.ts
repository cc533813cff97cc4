import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";

const callDynamo = dynamoCaller("account settings store");

/**
 * Two-step sign-in's recovery codes, in the account's own item of the accounts table (key `id` =
 * the Cognito sub), as the attribute `recoveryCodes`: a map from each code's keyed hash (never
 * the code) to the id of the key it was hashed with. Access patterns:
 *   - read the codes (to count them):      GetItem id, projection recoveryCodes
 *   - a new set:                           UpdateItem id, SET recoveryCodes (the old set goes in the same write)
 *   - use one code:                        UpdateItem id, REMOVE recoveryCodes.<hash>,
 *                                          condition attribute_exists(recoveryCodes.<hash>)
 *   - drop them (two-step turned off):     UpdateItem id, REMOVE recoveryCodes
 * Its own file, beside account-repository.ts, so that only the pages that use it load it.
 */

/** The stored hashes and their key ids; empty when there are none. */
export async function getRecoveryCodes(id: string): Promise<Record<string, string>> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        ProjectionExpression: "recoveryCodes",
        ConsistentRead: true,
      }),
    ),
  );
  return (result.Item?.recoveryCodes as Record<string, string> | undefined) ?? {};
}

/**
 * Replaces the account's recovery codes with a new set (creating the item if need be): the old
 * codes stop working in the same write. `codes` maps each code's hash to its key's id.
 */
export async function putRecoveryCodes(id: string, codes: Record<string, string>): Promise<void> {
  const now = new Date().toISOString();
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression: "SET recoveryCodes = :codes, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeValues: { ":codes": codes, ":now": now },
      }),
    ),
  );
}

/**
 * Uses up one recovery code in a single conditional write: the code's entry is removed only if
 * it is there, so of two requests using the same code at once exactly one succeeds. `hashes` are
 * the code's hash under each accepted secret (two during a secret rotation). False (nothing
 * written) when none of them is a live code of this account.
 */
export async function removeRecoveryCode(id: string, hashes: readonly string[]): Promise<boolean> {
  const names = Object.fromEntries(hashes.map((hash, index) => [`#code${index}`, hash]));
  const paths = hashes.map((_, index) => `recoveryCodes.#code${index}`);
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().accounts,
          Key: { id },
          UpdateExpression: `REMOVE ${paths.join(", ")} SET updatedAt = :now`,
          ConditionExpression: paths.map((path) => `attribute_exists(${path})`).join(" OR "),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ":now": new Date().toISOString() },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Drops every recovery code of the account (two-step sign-in was turned off). */
export async function removeRecoveryCodes(id: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression: "REMOVE recoveryCodes SET updatedAt = :now",
        ConditionExpression: "attribute_exists(id)",
        ExpressionAttributeValues: { ":now": new Date().toISOString() },
      }),
    ),
  ).catch((error: unknown) => {
    // No account item: there were no codes to drop.
    if (!isConditionalCheckFailed(error)) throw error;
  });
}
