import { getTableNames } from "#src/db/client.ts";
import { callDynamo, isConditionalCheckFailed } from "#src/db/errors.ts";
import { ConflictError, NotFoundError, ServiceUnavailableError } from "#src/errors.ts";
import {
  isTaskPriority,
  type Task,
  type TaskInput,
  type TaskPriority,
  type TaskSort,
  type TaskStatus,
} from "#src/tasks/task.ts";

/**
 * The tasks table and its indexes. Every list the app shows is one Query (two for Today and
 * Upcoming across statuses) on one of these, newest or soonest first as the key sorts, never
 * a Scan and never a FilterExpression that reads what it then throws away:
 *
 *   where             partition                   sort                          serves
 *   table             owner                       id (ULID, time-ordered)       all tasks, newest / oldest
 *   byStatus          ownerStatus = owner#status  id                            one status, newest / oldest
 *   byDue             owner                       dueSort                       all tasks by due date
 *   byStatusDue       ownerStatus                 dueSort                       one status by due date; Today
 *                                                                               and Upcoming (a key range)
 *   byPriority        owner                       prioritySort                  all tasks by priority
 *   byStatusPriority  ownerStatus                 prioritySort                  one status by priority
 *
 *   dueSort      = "<due date or 9999-12-31>#<id>"             soonest first, no date last
 *   prioritySort = "<rank 0 urgent..4 none>#<dueSort>"         urgent first, then by due date
 *
 * Why these and not one index per filter: a list is a partition (the owner, or one of the
 * owner's statuses) read in one order, so it is (2 partitions) x (3 orders) = 6 key shapes, the
 * table being one of them. Today and Upcoming are a range of dueSort in the "todo" and
 * "in_progress" partitions, read with two Queries and merged, rather than a seventh index of
 * open tasks: done tasks never enter the range, so nothing read is thrown away. Each key ends
 * with the id, so keys are unique and a page can start strictly after the last one shown.
 * Each index projects everything (a page is one Query, no follow-up reads); a write costs one
 * write unit for the table plus one per index (about 6 for a 1 KB task), reads about half a
 * read unit per 4 KB item read.
 *
 * Items written before due dates and priorities existed have no dueDate, priority, dueSort or
 * prioritySort: they read as "no due date" and priority "none". addMissingSortKeys gives them
 * the keys once per owner (see task-service.ts prepareTasksForOwner), and any write adds them too.
 */
export const STATUS_INDEX = "byStatus";
export const DUE_INDEX = "byDue";
export const STATUS_DUE_INDEX = "byStatusDue";
export const PRIORITY_INDEX = "byPriority";
export const STATUS_PRIORITY_INDEX = "byStatusPriority";

/** Sorts after every real due date, so tasks without one come last. */
const NO_DUE_DATE = "9999-12-31";
/** Sorts after every id character: "up to the end of this date". */
const END_OF_DATE = "~";

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 };

type SortAttribute = "id" | "dueSort" | "prioritySort";

interface TaskItem extends Omit<Task, "dueDate"> {
  dueDate?: string;
  ownerStatus: string;
  dueSort: string;
  prioritySort: string;
}

/** The fields a user can change; the rest (id, owner, timestamps, version) are ours. */
export type TaskFields = TaskInput;

function ownerStatusKey(owner: string, status: TaskStatus): string {
  return `${owner}#${status}`;
}

function dueSortKey(id: string, dueDate: string | null): string {
  return `${dueDate ?? NO_DUE_DATE}#${id}`;
}

function prioritySortKey(id: string, dueDate: string | null, priority: TaskPriority): string {
  return `${PRIORITY_RANK[priority]}#${dueSortKey(id, dueDate)}`;
}

/** The stored item for a task (exported for seeding scripts, so their items match the app's). */
export function toItem(task: Task): TaskItem {
  const { dueDate, ...rest } = task;
  return {
    ...rest,
    ...(dueDate ? { dueDate } : {}),
    ownerStatus: ownerStatusKey(task.owner, task.status),
    dueSort: dueSortKey(task.id, dueDate),
    prioritySort: prioritySortKey(task.id, dueDate, task.priority),
  };
}

function fromItem(item: Record<string, unknown>): Task {
  return {
    id: String(item.id),
    owner: String(item.owner),
    title: String(item.title ?? ""),
    description: String(item.description ?? ""),
    status: item.status as TaskStatus,
    dueDate: typeof item.dueDate === "string" && item.dueDate ? item.dueDate : null,
    priority: isTaskPriority(item.priority) ? item.priority : "none",
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
  };
}

export async function putTask(task: Task): Promise<void> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().tasks,
          Item: toItem(task),
          // A ULID collision is practically impossible, but a create must never overwrite.
          ConditionExpression: "attribute_not_exists(id)",
        }),
      ),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new ConflictError("task.id_taken", "Please try again.", null);
    throw error;
  }
}

export async function getTask(owner: string, id: string): Promise<Task | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({ TableName: getTableNames().tasks, Key: { owner, id }, ConsistentRead: true }),
    ),
  );
  return result.Item ? fromItem(result.Item) : null;
}

/**
 * Every task of the owner, oldest first, one base-table Query page (up to 1 MB, about 2,000
 * typical tasks) at a time: the export reads the owner's partition and nothing else.
 */
export async function* queryAllTasksByOwner(owner: string): AsyncGenerator<Task[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().tasks,
          KeyConditionExpression: "#owner = :owner",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": owner },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    yield (page.Items ?? []).map(fromItem);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

const BATCH_WRITE_MAX = 25;

/**
 * Creates many new tasks, 25 to a BatchWriteItem (retrying what DynamoDB leaves unprocessed).
 * A batch put cannot carry a condition: callers pass fresh ULIDs, which never collide, and
 * use putTask (conditional) when a task may already exist, e.g. when retrying an import.
 */
export async function batchPutTasks(tasks: readonly Task[]): Promise<void> {
  for (let start = 0; start < tasks.length; start += BATCH_WRITE_MAX) {
    let requests: Record<string, unknown>[] = tasks
      .slice(start, start + BATCH_WRITE_MAX)
      .map((task) => ({ PutRequest: { Item: toItem(task) } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      if (attempt > 6) throw new ServiceUnavailableError("The task store is busy; not every task could be written.");
      const pending = requests;
      const result = await callDynamo(({ client, commands }) =>
        client.send(new commands.BatchWriteCommand({ RequestItems: { [getTableNames().tasks]: pending as never } })),
      );
      requests = (result.UnprocessedItems?.[getTableNames().tasks] ?? []) as Record<string, unknown>[];
    }
  }
}

/** What one list shows: a partition (all, or one status), an order, and optionally a due-date range. */
export interface TaskView {
  status?: TaskStatus;
  sort: TaskSort;
  /** Inclusive calendar dates; `from` absent means everything before `to` too (overdue). */
  dueRange?: { from?: string; to: string };
}

export interface TaskPage {
  tasks: Task[];
  /** Present when more tasks follow: the sort key of the last task on this page. */
  after?: string;
}

interface QueryPlan {
  index?: string;
  partition: { name: "owner" | "ownerStatus"; value: string };
  sortKey: SortAttribute;
  ascending: boolean;
  /** Inclusive bounds on the sort key. */
  from?: string;
  to?: string;
}

function planQueries(owner: string, view: TaskView): QueryPlan[] {
  if (view.dueRange) {
    // Not done: the two open statuses' partitions, one Query each, merged by due date.
    const statuses: TaskStatus[] = view.status ? [view.status] : ["todo", "in_progress"];
    const { from, to } = view.dueRange;
    return statuses.map((status) => ({
      index: STATUS_DUE_INDEX,
      partition: { name: "ownerStatus", value: ownerStatusKey(owner, status) },
      sortKey: "dueSort",
      ascending: true,
      ...(from ? { from: `${from}#` } : {}),
      to: `${to}#${END_OF_DATE}`,
    }));
  }
  const partition = view.status
    ? ({ name: "ownerStatus", value: ownerStatusKey(owner, view.status) } as const)
    : ({ name: "owner", value: owner } as const);
  const byStatus = Boolean(view.status);
  switch (view.sort) {
    case "newest":
    case "oldest":
      return [
        {
          ...(byStatus ? { index: STATUS_INDEX } : {}),
          partition,
          sortKey: "id",
          ascending: view.sort === "oldest",
        },
      ];
    case "due":
      return [{ index: byStatus ? STATUS_DUE_INDEX : DUE_INDEX, partition, sortKey: "dueSort", ascending: true }];
    case "priority":
      return [
        {
          index: byStatus ? STATUS_PRIORITY_INDEX : PRIORITY_INDEX,
          partition,
          sortKey: "prioritySort",
          ascending: true,
        },
      ];
  }
}

function sortKeyOf(task: Task, attribute: SortAttribute): string {
  if (attribute === "id") return task.id;
  if (attribute === "dueSort") return dueSortKey(task.id, task.dueDate);
  return prioritySortKey(task.id, task.dueDate, task.priority);
}

async function runQuery(plan: QueryPlan, limit: number, after: string | undefined) {
  // The page starts at the last key shown (inclusive, then skipped): a key range can have two
  // bounds only as BETWEEN, which is inclusive.
  const lower = plan.ascending ? (after ?? plan.from) : plan.from;
  const upper = plan.ascending ? plan.to : (after ?? plan.to);
  const names: Record<string, string> = { "#pk": plan.partition.name };
  if (lower !== undefined || upper !== undefined) names["#sk"] = plan.sortKey;
  const values: Record<string, string> = { ":pk": plan.partition.value };
  let condition = "#pk = :pk";
  if (lower !== undefined && upper !== undefined) {
    condition += " AND #sk BETWEEN :lower AND :upper";
    Object.assign(values, { ":lower": lower, ":upper": upper });
  } else if (lower !== undefined) {
    condition += " AND #sk >= :lower";
    values[":lower"] = lower;
  } else if (upper !== undefined) {
    condition += " AND #sk <= :upper";
    values[":upper"] = upper;
  }
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: getTableNames().tasks,
        ...(plan.index ? { IndexName: plan.index } : {}),
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: plan.ascending,
        // One more than a page tells "is there a next page?" exactly; one more again when the
        // first item is the previous page's last.
        Limit: limit + 1 + (after === undefined ? 0 : 1),
      }),
    ),
  );
  return (result.Items ?? []).map(fromItem);
}

/**
 * One page of a view, starting after the sort key `after` (from the previous page). Runs one
 * Query per plan (at most two) in parallel and merges them in key order.
 */
export async function queryTaskPage(
  owner: string,
  view: TaskView,
  options: { limit: number; after?: string },
): Promise<TaskPage> {
  const { limit, after } = options;
  const plans = planQueries(owner, view);
  const [first] = plans;
  if (!first) return { tasks: [] };
  const results = await Promise.all(plans.map((plan) => runQuery(plan, limit, after)));
  const keyed = results
    .flat()
    .map((task) => ({ task, key: sortKeyOf(task, first.sortKey) }))
    .filter(({ key }) => key !== after);
  if (plans.length > 1) keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (first.ascending ? 1 : -1));
  const page = keyed.slice(0, limit);
  const last = page.at(-1);
  return keyed.length > limit && last
    ? { tasks: page.map(({ task }) => task), after: last.key }
    : { tasks: page.map(({ task }) => task) };
}

/**
 * Writes the new fields only if the task exists for this owner and still has the version the
 * user edited. On failure, one consistent read tells "gone" (404) from "changed" (409).
 */
export async function updateTask(
  owner: string,
  id: string,
  expectedVersion: number,
  fields: TaskFields,
  updatedAt: string,
): Promise<Task> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().tasks,
          Key: { owner, id },
          UpdateExpression: [
            "SET title = :title, description = :description, #status = :status, ownerStatus = :ownerStatus,",
            "priority = :priority, dueSort = :dueSort, prioritySort = :prioritySort, updatedAt = :updatedAt,",
            `version = version + :one${fields.dueDate ? ", dueDate = :dueDate" : " REMOVE dueDate"}`,
          ].join(" "),
          ConditionExpression: "attribute_exists(id) AND version = :expectedVersion",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":title": fields.title,
            ":description": fields.description,
            ":status": fields.status,
            ":ownerStatus": ownerStatusKey(owner, fields.status),
            ":priority": fields.priority,
            ":dueSort": dueSortKey(id, fields.dueDate),
            ":prioritySort": prioritySortKey(id, fields.dueDate, fields.priority),
            ":updatedAt": updatedAt,
            ":one": 1,
            ":expectedVersion": expectedVersion,
            ...(fields.dueDate ? { ":dueDate": fields.dueDate } : {}),
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return fromItem(result.Attributes ?? {});
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const current = await getTask(owner, id);
    if (!current) throw new NotFoundError("task.not_found", "Task not found.");
    throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", current);
  }
}

/** Deletes an existing task of this owner and returns it as it was (one write, no read). */
/**
 * Deletes the task and returns what it was. With an expected version, only that version goes:
 * a task changed since is a ConflictError carrying it as it is now.
 */
export async function deleteTask(owner: string, id: string, expectedVersion?: number): Promise<Task> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: getTableNames().tasks,
          Key: { owner, id },
          ...(expectedVersion === undefined
            ? { ConditionExpression: "attribute_exists(id)" }
            : {
                ConditionExpression: "attribute_exists(id) AND version = :expectedVersion",
                ExpressionAttributeValues: { ":expectedVersion": expectedVersion },
              }),
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    return fromItem(result.Attributes ?? {});
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const current = expectedVersion === undefined ? null : await getTask(owner, id);
    if (!current) throw new NotFoundError("task.not_found", "Task not found.");
    throw new ConflictError("task.version_conflict", "This task was changed since you read it.", current);
  }
}

/**
 * Gives the owner's tasks written before due dates and priorities existed the keys of the due
 * and priority indexes, so no task is missing from those views. One pass over the owner's
 * partition, run once per owner (the caller keeps the marker): a migration step, not a view,
 * so it may filter. Each write is conditional, so a task edited meanwhile is left alone (its
 * edit wrote the keys). Returns how many tasks got keys.
 */
export async function addMissingSortKeys(owner: string): Promise<number> {
  let added = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().tasks,
          KeyConditionExpression: "#owner = :owner",
          FilterExpression: "attribute_not_exists(dueSort)",
          ProjectionExpression: "id, dueDate, priority",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": owner },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      const id = String(item.id);
      const dueDate = typeof item.dueDate === "string" && item.dueDate ? item.dueDate : null;
      const priority = isTaskPriority(item.priority) ? item.priority : "none";
      try {
        await callDynamo(({ client, commands }) =>
          client.send(
            new commands.UpdateCommand({
              TableName: getTableNames().tasks,
              Key: { owner, id },
              UpdateExpression: "SET dueSort = :dueSort, prioritySort = :prioritySort",
              ConditionExpression: "attribute_exists(id) AND attribute_not_exists(dueSort)",
              ExpressionAttributeValues: {
                ":dueSort": dueSortKey(id, dueDate),
                ":prioritySort": prioritySortKey(id, dueDate, priority),
              },
            }),
          ),
        );
        added += 1;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return added;
}
