import type { Dynamo } from "#src/db/client.ts";
import type { DynamoCaller } from "#src/db/errors.ts";

type QueryInput = ConstructorParameters<Dynamo["commands"]["QueryCommand"]>[0];

/**
 * Every page of one Query, in order (up to 1 MB each), each sent through the repository's own
 * caller so that an outage is worded as that store's: the one loop for reading a whole
 * partition or index range. Leaving the `for await` early stops asking for pages. (The IAM
 * test reads each `queryPages(callDynamo, { … })` as a Query of the table its file names.)
 */
export async function* queryPages(
  callDynamo: DynamoCaller,
  input: Omit<QueryInput, "ExclusiveStartKey">,
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
