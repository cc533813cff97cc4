import { loadDynamo, type Dynamo } from "#src/db/client.ts";
import { ServiceUnavailableError } from "#src/errors.ts";

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * Everything DynamoDB can throw that is not our own condition failing means the table could
 * not serve us (network, throttling past retries, missing table, bad credentials). None of it
 * may reach the user as a stack trace, and none of it is the user's fault. `store` names what
 * was out ("session store"), so a sessions outage is not reported as the tasks'.
 */
export function toServiceError(store: string, error: unknown): never {
  throw new ServiceUnavailableError(`The ${store} is temporarily unavailable.`, { cause: error });
}

export type DynamoCaller = <T>(operation: (dynamo: Dynamo) => Promise<T>) => Promise<T>;

/**
 * A repository's way to run a DynamoDB call with the (lazily loaded) client and commands,
 * letting conditional failures through to the caller and wrapping the rest as an outage of
 * `store`.
 */
export function dynamoCaller(store: string): DynamoCaller {
  return (operation) => callDynamo(store, operation);
}

async function callDynamo<T>(store: string, operation: (dynamo: Dynamo) => Promise<T>): Promise<T> {
  try {
    return await operation(await loadDynamo());
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw error;
    // A malformed request is our bug, not an outage: let it surface as a server error.
    if (error instanceof Error && error.name === "ValidationException") throw error;
    return toServiceError(store, error);
  }
}
