// Seeds many tasks fast for the bench: BatchWriteItem, 25 items per call, with the repository's
// own item mapping so the keys and index attributes match tasks created through the app. Lives
// here, not in the repository, because the Lambda never batch-writes (and is not allowed to).
import { getTableNames } from "#src/db/client.ts";
import { dynamoCaller } from "#src/db/errors.ts";
import { toItem } from "#src/tasks/task-repository.ts";
import type { Task } from "#src/tasks/task.ts";

const callDynamo = dynamoCaller("task store");

export async function batchPutTasks(tasks: Task[], indexUser?: string): Promise<void> {
  const table = getTableNames().tasks;
  for (let start = 0; start < tasks.length; start += 25) {
    let requests = tasks.slice(start, start + 25).map((task) => ({ PutRequest: { Item: toItem(task, indexUser) } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error(`DynamoDB left ${requests.length} tasks unprocessed after retries.`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const result = await callDynamo(({ client, commands }) =>
        client.send(new commands.BatchWriteCommand({ RequestItems: { [table]: requests } })),
      );
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}
