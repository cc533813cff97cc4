import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { getEnv } from "#src/env.ts";

let documentClient: DynamoDBDocumentClient | undefined;

/** One client per Lambda container, created on first use so cold starts skip it when unused. */
export function getDocumentClient(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const env = getEnv();
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    maxAttempts: 3,
    // Fail fast rather than hold a Lambda (and the user) for the SDK's default minutes.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
    ...(env.DYNAMODB_ENDPOINT
      ? {
          endpoint: env.DYNAMODB_ENDPOINT,
          // The local emulator ignores credentials but the SDK insists on having some.
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
  });
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function getTableNames(): { tasks: string; sessions: string; accounts: string } {
  const env = getEnv();
  return { tasks: env.TASKS_TABLE, sessions: env.SESSIONS_TABLE, accounts: env.ACCOUNTS_TABLE };
}

/** Tests point the app at a fresh endpoint between runs. */
export function resetDocumentClientForTests(): void {
  documentClient?.destroy();
  documentClient = undefined;
}
