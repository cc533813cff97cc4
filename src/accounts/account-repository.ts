import { getTableNames, type Dynamo } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";

const callDynamo = dynamoCaller("account settings store");

/**
 * accounts table: one item per user, partition key `id` = the Cognito `sub`. Access patterns:
 *   - the user's settings:                 GetItem   id
 *   - save settings (create or update):    UpdateItem id
 *   - store a detected zone, only if none: UpdateItem id, condition attribute_not_exists(timeZone)
 *   - record that the tasks were prepared: UpdateItem id (tasksVersion)
 *   - keyboard shortcuts on or off:        UpdateItem id (shortcutsOff)
 *   - where signing in lands:              UpdateItem id (startToday)
 *   - refuse tokens from before a moment:  UpdateItem id (tokensValidAfter), only ever moved forward
 *   - two-step sign-in's recovery codes:   see recovery-code-repository.ts (same item)
 *   - deleting the account:                see account-deletion-repository.ts (same item)
 * An item exists only once the user has saved something; no item means "nothing set".
 */
export interface AccountRecord {
  id: string;
  timeZone?: string;
  /** Set (true) when the user switched the keyboard shortcuts off; absent means on. */
  shortcutsOff?: boolean;
  /** Signing in lands on Today rather than All tasks. */
  startToday?: boolean;
  /** The data version of the owner's tasks; below TASKS_VERSION they still need preparing. */
  tasksVersion?: number;
  /**
   * Epoch seconds: Cognito tokens from a sign-in before this second are refused (set by a
   * password change or reset and by "Sign out everywhere"). Absent: none are.
   */
  tokensValidAfter?: number;
  /** ISO time the account's deletion began: it cannot sign in or use the API from then on. */
  deletingAt?: string;
  /** ISO time the deletion finished: the item is a tombstone holding nothing else. */
  deletedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export async function getAccount(id: string): Promise<AccountRecord | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(new commands.GetCommand({ TableName: getTableNames().accounts, Key: { id }, ConsistentRead: true })),
  );
  return (result.Item as AccountRecord | undefined) ?? null;
}

function setTimeZone({ client, commands }: Dynamo, id: string, timeZone: string, onlyIfUnset: boolean) {
  const now = new Date().toISOString();
  return client.send(
    new commands.UpdateCommand({
      TableName: getTableNames().accounts,
      Key: { id },
      // timeZone is a DynamoDB reserved word, hence the name placeholder.
      UpdateExpression: "SET #timeZone = :timeZone, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
      ...(onlyIfUnset ? { ConditionExpression: "attribute_not_exists(#timeZone)" } : {}),
      ExpressionAttributeNames: { "#timeZone": "timeZone" },
      ExpressionAttributeValues: { ":timeZone": timeZone, ":now": now },
      ReturnValues: "ALL_NEW",
    }),
  );
}

/** Creates the account item on first save; the key is the caller's own sub, so it can only touch its own. */
export async function updateAccountTimeZone(id: string, timeZone: string): Promise<AccountRecord> {
  const result = await callDynamo((dynamo) => setTimeZone(dynamo, id, timeZone, false));
  return result.Attributes as AccountRecord;
}

/** Stores `timeZone` only if the account has none yet; null when one was already chosen. */
export async function updateAccountTimeZoneIfUnset(id: string, timeZone: string): Promise<AccountRecord | null> {
  try {
    const result = await callDynamo((dynamo) => setTimeZone(dynamo, id, timeZone, true));
    return result.Attributes as AccountRecord;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return null;
    throw error;
  }
}

/** Switches the keyboard shortcuts on or off (creating the item if need be). */
export async function updateAccountShortcuts(id: string, enabled: boolean): Promise<AccountRecord> {
  const now = new Date().toISOString();
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression: "SET shortcutsOff = :off, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeValues: { ":off": !enabled, ":now": now },
        ReturnValues: "ALL_NEW",
      }),
    ),
  );
  return result.Attributes as AccountRecord;
}

/** Where signing in lands: Today (true) or All tasks (creating the item if need be). */
export async function updateAccountStartToday(id: string, startToday: boolean): Promise<AccountRecord> {
  const now = new Date().toISOString();
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression: "SET startToday = :today, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeValues: { ":today": startToday, ":now": now },
        ReturnValues: "ALL_NEW",
      }),
    ),
  );
  return result.Attributes as AccountRecord;
}

/** Records the data version the owner's tasks have been brought to (creating the item if need be). */
export async function updateAccountTasksVersion(id: string, tasksVersion: number): Promise<void> {
  const now = new Date().toISOString();
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().accounts,
        Key: { id },
        UpdateExpression: "SET tasksVersion = :version, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeValues: { ":version": tasksVersion, ":now": now },
      }),
    ),
  );
}

/**
 * Moves tokensValidAfter forward to `seconds` (creating the item if need be); never back, so
 * two revocations racing each other leave the later one in force.
 */
export async function updateAccountTokensValidAfter(id: string, seconds: number): Promise<void> {
  const now = new Date().toISOString();
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().accounts,
          Key: { id },
          UpdateExpression: "SET tokensValidAfter = :at, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
          ConditionExpression: "attribute_not_exists(tokensValidAfter) OR tokensValidAfter < :at",
          ExpressionAttributeValues: { ":at": seconds, ":now": now },
        }),
      ),
    );
  } catch (error) {
    // Already at or past `seconds`: what was asked for holds.
    if (!isConditionalCheckFailed(error)) throw error;
  }
}
