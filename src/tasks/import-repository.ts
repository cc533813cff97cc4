import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { queryPages } from "#src/db/query-pages.ts";

const callDynamo = dynamoCaller("task store");

/**
 * The imports table: partition = owner (the Cognito `sub`), sort key = id, in two kinds:
 *
 *   staged#<stage>          an upload parsed and waiting for "Confirm": state (ready, importing
 *                           since claimedAt, done), counts, file hash; expiresAt (TTL) one hour
 *                           after the upload
 *   staged#<stage>#<nnnn>   its rows, as JSON in parts of at most ~300 KB (an item holds 400 KB),
 *                           so 10,000 long tasks fit; same TTL
 *   file#<sha256>           a file this owner imported: when, how many tasks and from which
 *                           upload (kept, no TTL); written before the tasks, as a lock
 *
 * The rows stay here, not in the browser, so "Confirm" imports exactly what the preview
 * showed. DynamoDB's TTL deletes lazily (up to days late), so expiresAt is also checked here.
 */

export interface StagedImport {
  stage: string;
  state: "ready" | "importing" | "done";
  fileHash: string;
  fileName: string;
  count: number;
  parts: number;
  /** True once a confirm failed part-way: the next one writes each task conditionally. */
  retry: boolean;
  /** The list the first confirm chose (absent before it, and in stages from before lists). */
  listId?: string;
  createdAt: string;
  expiresAt: number;
}

export interface ImportedFile {
  fileHash: string;
  fileName: string;
  count: number;
  importedAt: string;
  /** The upload (staged import) that imported it; absent on records from before it was kept. */
  stage?: string;
}

const stagedKey = (stage: string) => `staged#${stage}`;
const partKey = (stage: string, part: number) => `staged#${stage}#${String(part).padStart(4, "0")}`;

export async function putStagedImport(owner: string, staged: StagedImport, parts: readonly string[]): Promise<void> {
  const table = getTableNames().imports;
  // The parts first: a header that exists always has all its rows.
  for (let start = 0; start < parts.length; start += 4) {
    await Promise.all(
      parts.slice(start, start + 4).map((rows, offset) =>
        callDynamo(({ client, commands }) =>
          client.send(
            new commands.PutCommand({
              TableName: table,
              Item: { owner, id: partKey(staged.stage, start + offset), rows, expiresAt: staged.expiresAt },
            }),
          ),
        ),
      ),
    );
  }
  await callDynamo(({ client, commands }) =>
    client.send(new commands.PutCommand({ TableName: table, Item: { owner, id: stagedKey(staged.stage), ...staged } })),
  );
}

export async function getStagedImport(owner: string, stage: string, nowSeconds: number): Promise<StagedImport | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({
        TableName: getTableNames().imports,
        Key: { owner, id: stagedKey(stage) },
        ConsistentRead: true,
      }),
    ),
  );
  const item = result.Item as (StagedImport & { owner: string; id: string }) | undefined;
  return item && item.expiresAt > nowSeconds ? item : null;
}

/**
 * Moves a staged import to "importing": from "ready", or from an "importing" claimed before
 * `staleBefore` (its Lambda timed out part-way, so nothing will finish it). Returns null if
 * another confirm holds it, else whether this claim takes over a stale one and the list the
 * import goes into: the first confirm's `listId`, kept for every later one, so a confirm
 * finished again never puts the same tasks into a second list.
 */
export async function claimStagedImport(
  owner: string,
  stage: string,
  nowSeconds: number,
  staleBefore: number,
  listId: string = owner,
): Promise<{ takeover: boolean; listId: string } | null> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().imports,
          Key: { owner, id: stagedKey(stage) },
          UpdateExpression: "SET #state = :importing, claimedAt = :now, listId = if_not_exists(listId, :list)",
          ConditionExpression:
            "expiresAt > :now AND (#state = :ready OR (#state = :importing AND claimedAt < :staleBefore))",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: {
            ":importing": "importing",
            ":ready": "ready",
            ":now": nowSeconds,
            ":staleBefore": staleBefore,
            ":list": listId,
          },
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    const old = result.Attributes;
    return {
      takeover: old?.state === "importing",
      listId: typeof old?.listId === "string" ? old.listId : listId,
    };
  } catch (error) {
    if (isConditionalCheckFailed(error)) return null;
    throw error;
  }
}

export async function setStagedImportState(
  owner: string,
  stage: string,
  state: "ready" | "done",
  retry: boolean,
): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.UpdateCommand({
        TableName: getTableNames().imports,
        Key: { owner, id: stagedKey(stage) },
        UpdateExpression: "SET #state = :state, retry = :retry",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":state": state, ":retry": retry },
      }),
    ),
  );
}

/** The staged rows' JSON parts, in order (one Query, paged by DynamoDB at 1 MB). */
export async function queryStagedImportParts(owner: string, stage: string): Promise<string[]> {
  const parts: string[] = [];
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().imports,
    KeyConditionExpression: "#owner = :owner AND begins_with(id, :prefix)",
    ExpressionAttributeNames: { "#owner": "owner" },
    ExpressionAttributeValues: { ":owner": owner, ":prefix": `${stagedKey(stage)}#` },
    ConsistentRead: true,
  })) {
    for (const item of items) parts.push(String(item.rows));
  }
  return parts;
}

export async function getImportedFile(owner: string, fileHash: string): Promise<ImportedFile | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({
        TableName: getTableNames().imports,
        Key: { owner, id: `file#${fileHash}` },
        ConsistentRead: true,
      }),
    ),
  );
  return (result.Item as ImportedFile | undefined) ?? null;
}

/**
 * Marks the file as imported by this upload before any of its tasks is written, so two uploads
 * of one file confirmed at the same moment (two tabs) cannot both import it. Refused, with the
 * record already there, when another upload has imported the file, unless `again`; the same
 * upload may take it again (a confirm resumed after a failure).
 */
export async function reserveImportedFile(
  owner: string,
  file: ImportedFile & { stage: string },
  again: boolean,
): Promise<ImportedFile | null> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().imports,
          Item: { owner, id: `file#${file.fileHash}`, ...file },
          ...(again
            ? {}
            : {
                ConditionExpression: "attribute_not_exists(id) OR #stage = :stage",
                ExpressionAttributeNames: { "#stage": "stage" },
                ExpressionAttributeValues: { ":stage": file.stage },
                ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
              }),
        }),
      ),
    );
    return null;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const old = (error as { Item?: ImportedFile }).Item ?? (await getImportedFile(owner, file.fileHash));
    // Gone between the write and the read (it is never deleted, so in theory only): say when.
    return old ?? file;
  }
}
