import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { DynamoCaller } from "#src/db/errors.ts";

/**
 * Every page of one Query, in order (up to 1 MB each), each sent through the repository's own
 * caller so that an outage is worded as that store's: the one loop for reading a whole
 * partition or index range. Leaving the `for await` early stops asking for pages.
 */
export async function* queryPages(
  callDynamo: DynamoCaller,
  input: Omit<QueryCommandInput, "ExclusiveStartKey">,
): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(new commands.QueryCommand({ ...input, ExclusiveStartKey: startKey })),
    );
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
