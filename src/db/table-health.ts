import { getTableNames, loadDynamo } from "#src/db/client.ts";

/** True when every table the app uses exists and is ACTIVE (or being updated, still serving). */
export async function describeTablesReachable(): Promise<boolean> {
  try {
    const { client, commands } = await loadDynamo();
    // The rate limits fail open, so their table being down leaves the app healthy.
    const { limits } = getTableNames();
    const results = await Promise.all(
      Object.values(getTableNames())
        .filter((TableName) => TableName !== limits)
        .map((TableName) => client.send(new commands.DescribeTableCommand({ TableName }))),
    );
    return results.every((result) => ["ACTIVE", "UPDATING"].includes(result.Table?.TableStatus ?? ""));
  } catch {
    return false;
  }
}
