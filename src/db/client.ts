import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type * as Sdk from "#src/db/sdk.ts";
import { type Env, getEnv } from "#src/env.ts";
import { TABLES, type TableName, tableEnvName } from "#src/db/tables.ts";

/**
 * The DynamoDB document client and the command classes to send with it. The SDK is imported on
 * first use, not at module load: pages that need no data (sign-in, the landing page, a health
 * check) never pay for it, and a cold start's import stays small.
 */
export interface Dynamo {
  client: DynamoDBDocumentClient;
  /** The commands the repositories send, and DescribeTable for the health check. */
  commands: typeof Sdk;
}

let dynamo: Promise<Dynamo> | undefined;

async function createDynamo(): Promise<Dynamo> {
  const sdk = await import("#src/db/sdk.ts");
  const env = getEnv();
  const client = new sdk.DynamoDBClient({
    region: env.AWS_REGION,
    maxAttempts: 3,
    // Fail fast rather than hold a Lambda (and the user) for the SDK's default minutes. Without
    // throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes, and waits on.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
    ...(env.DYNAMODB_ENDPOINT
      ? {
          endpoint: env.DYNAMODB_ENDPOINT,
          // The local emulator ignores credentials but the SDK insists on having some.
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
  });
  const documentClient = sdk.DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client: documentClient, commands: sdk };
}

/** One client per Lambda container, created on first use. */
export function loadDynamo(): Promise<Dynamo> {
  // A failed load is not kept: the next request tries again.
  dynamo ??= createDynamo().catch((error: unknown) => {
    dynamo = undefined;
    throw error;
  });
  return dynamo;
}

export async function getDocumentClient(): Promise<DynamoDBDocumentClient> {
  return (await loadDynamo()).client;
}

let tableNames: { env: Env; names: Record<TableName, string> } | undefined;

/** Each app.arc table's name in this stage (TABLES in src/db/tables.ts lists them). */
export function getTableNames(): Record<TableName, string> {
  const env = getEnv();
  if (tableNames?.env !== env) {
    const names = Object.fromEntries(TABLES.map((table) => [table, env[tableEnvName(table)]]));
    tableNames = { env, names: names as Record<TableName, string> };
  }
  return tableNames.names;
}

/** Tests point the app at a fresh endpoint between runs. */
export async function resetDocumentClientForTests(): Promise<void> {
  const current = dynamo;
  dynamo = undefined;
  (await current?.catch(() => undefined))?.client.destroy();
}
