import { isDeepStrictEqual } from "node:util";
import { getTableNames } from "#src/db/client.ts";
import { batchGetItems } from "#src/db/batch-get.ts";
import { batchPutItems } from "#src/db/batch-write.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { ConflictError, NotFoundError } from "#src/errors.ts";
import {
  isTaskPriority,
  type Subtask,
  type Task,
  type TaskCompletions,
  type TaskPriority,
  type TaskRecurrence,
  type TaskSort,
  type TaskStatus,
} from "#src/tasks/task.ts";
import { OPEN_STATUSES, type StatusFilter } from "#src/tasks/task-constants.ts";
import { SEARCH_EXAMINE_LIMIT, matchesSearch, searchTextFor } from "#src/tasks/task-search.ts";
import { labelKey } from "#src/tasks/task-labels.ts";
import { getListWith } from "#src/lists/list-repository.ts";
import type { List } from "#src/lists/list.ts";

const callDynamo = dynamoCaller("task store");

/**
 * The tasks table and its indexes. Every list the app shows is one Query per list (two for
 * Today, Upcoming and not done by due date where byOpenFirst cannot serve, below) on one of
 * these, newest or soonest first as the key sorts, never
 * a Scan and never a FilterExpression that reads what it then throws away (search, below, is
 * the one bounded exception):
 *
 *   where             partition                   sort                          serves
 *   table             owner                       id (ULID, time-ordered)       all tasks, newest / oldest
 *   byStatus          ownerStatus = owner#status  id                            one status, newest / oldest
 *   byDue             owner                       dueSort                       all tasks by due date
 *   byStatusDue       ownerStatus                 dueSort                       one status by due date; Today
 *                                                                               and Upcoming (a key range)
 *   byPriority        owner                       prioritySort                  all tasks by priority
 *   byStatusPriority  ownerStatus                 prioritySort                  one status by priority
 *   byOpenFirst       owner                       assigneeSort                  a list's open tasks by due
 *                                                                               date (its "0#" range):
 *                                                                               Today, Upcoming, not done
 *   byIndexUser       indexUser (a user id)       id                            every task of the lists that
 *                                                                               user created, newest / oldest:
 *                                                                               All across lists in one Query
 *   byIndexUserOpen   indexUser                   assigneeSort                  the same lists' open tasks by
 *                                                                               due date: Today, Upcoming and
 *                                                                               not done across lists
 *
 *   dueSort      = "<due date or 9999-12-31>[ <HH:MM>]#<id>"   soonest first (a day's timed tasks
 *                                                              first, by time), no date last
 *   prioritySort = "<rank 0 urgent..4 none>#<dueSort>"         urgent first, then by due date
 *   searchText   = " <word> <word> …" (not a key)              the view's index, filtered (below)
 *
 * Why these and not one index per filter: a list is a partition (the owner, or one of the
 * owner's statuses) read in one order, so it is (2 partitions) x (3 orders) = 6 key shapes, the
 * table being one of them. Today and Upcoming are a range of open tasks' keys: of byOpenFirst
 * (one Query) in lists marked openFirstKeys, else of dueSort in the "todo" and "in_progress"
 * partitions (two Queries, merged); done tasks never enter either range. Each key ends
 * with the id, so keys are unique and a page can start strictly after the last one shown.
 * Each index projects everything (a page is one Query, no follow-up reads); a write costs one
 * write unit for the table plus one per index (about 6 for a 1 KB task), reads about half a
 * read unit per 4 KB item read.
 *
 * Search (`q`) is the one view that filters, and it is bounded instead of indexed. Each item
 * stores searchText, its distinct folded words (task-search.ts), and a search page reads the
 * view's own key shape above with FilterExpression `contains(searchText, " <word>")` for every
 * word, examining at most SEARCH_EXAMINE_LIMIT (1,000) items: first a Query of 100 (enough to
 * fill a page when matches are common), then, only if the page is not full, one more for the
 * rest; Today and Upcoming give each of their two Queries half. A page that stops at the limit
 * before it is full says so, and its cursor continues from the last item examined ("search
 * further"). So a search page is one or two Queries, like every list, and costs what it
 * examines: at 10,000 tasks of about 0.4 KB, 1 to 5 RCU when matches are common and about 50
 * RCU for a rare word (1,000 items x 0.4 KB / 4 KB / 2, eventually consistent; measured with
 * `npm run bench`: 5.5 and 53 RCU), against about 1.5 RCU for a plain page; reaching the end
 * of all 10,000 for a word found nowhere takes 10 pages, about 500 RCU.
 * Why not a word index (an item per word or prefix and task, kept in step with each write):
 * prefix matching needs an item per prefix, so one task of a few hundred words becomes
 * thousands of items written on every edit (a transaction per 100); "every word" intersects
 * one read per word in the Lambda; and each view's order and filter (status, due, priority)
 * would have to be copied into each posting, i.e. an index per view again. The bounded read
 * adds no index and no write request (searchText rides on the writes that happen anyway; it
 * does make each item larger by about its distinct words, which every copy's write and read
 * pays for) and caps each page's cost; the price is that a rare word in a large list may need
 * "search further".
 *
 * A task's checklist is `subtasks`, a list of maps { id, title, done } in the item itself (absent
 * when empty): a change to it is the task's one conditional UpdateItem on `version`, so it can
 * never lose another change, and a page reads it with the task. At most 100 of at most 200
 * characters: 100 x (800 bytes of 4-byte UTF-8 + ~30 of id and names) is about 83 KB, which
 * with a 20 KB description keeps the item (and each index's copy) far under DynamoDB's 400 KB;
 * a typical checklist (10 steps of 30 characters) adds about 0.5 KB, paid on every write.
 * Labels (`?label=`) are the same six key shapes in another partition: for each label a task
 * carries, a small copy of the task's keys is written in the partition "<list>#L#<label key>"
 * (sort key the task's id), with its own ownerStatus, dueSort, prioritySort and searchText, so
 * the five indexes serve every view of a label as they serve a list, with no new index and
 * nothing filtered out. A copy holds only what a view's keys, its status partition and search
 * need; the page then reads the tasks themselves (one consistent BatchGetItem of the page's
 * ids), which are the authority: a copy that no longer matches its task (a write that stopped
 * half-way, a task deleted before its copies) is left out of the page and mended (rewritten or
 * deleted) there and then. Writes keep copies in step without transactions: the copies of the
 * labels a write gives a task are written BEFORE the task (so a task never carries a label
 * without its copy), and the copies of the labels it loses are deleted after it, each
 * conditional on not being newer than this write.
 *
 * Items written by older versions may lack dueDate, priority, dueSort, prioritySort or
 * searchText: they read as "no due date" and priority "none", and search matches them in code.
 * addMissingDerivedAttributes gives them what they lack once per owner (see task-service.ts
 * prepareTasksForOwner), and any write adds it too.
 */
export const STATUS_INDEX = "byStatus";
export const DUE_INDEX = "byDue";
export const STATUS_DUE_INDEX = "byStatusDue";
export const PRIORITY_INDEX = "byPriority";
export const STATUS_PRIORITY_INDEX = "byStatusPriority";
/**
 * "Assigned to me" across every list in one Query: partition `assigneeId` (only assigned tasks
 * have it, so the index is sparse), sort `assigneeSort` = "<0 open|1 done>#<dueSort>": open tasks first,
 * soonest due first, then done ones, so "not done" and "done" are each a key range. The index
 * is global: it can return tasks of lists the assignee has since left, so every reader checks
 * each task's list against the caller's current lists (queryAssignedPage's `lists`).
 */
export const ASSIGNEE_INDEX = "byAssignee";
/**
 * A list's open tasks, soonest due first, in one Query: partition `owner`, sort `assigneeSort`
 * (written on every write, for every task), whose "0#" range is exactly the open tasks by
 * dueSort. Today, Upcoming and "not done" by due date read one range of it per list instead of
 * one per open status (two). Only for lists whose every task is known to carry assigneeSort
 * (`openFirstLists`: lists created since this index, see list.ts `openFirstKeys`); others, and
 * the Inbox, keep the two byStatusDue Queries, which every item stored by older code answers.
 */
export const OPEN_FIRST_INDEX = "byOpenFirst";
/** Every task of the lists a user created, by id (see the header and indexedPlans). */
export const INDEX_USER_INDEX = "byIndexUser";
/** The same tasks by assigneeSort: their open ones by due date, for Today, Upcoming and not done. */
export const INDEX_USER_OPEN_INDEX = "byIndexUserOpen";
/** The open tasks' part of assigneeSort: "0#" + dueSort. */
const OPEN_PREFIX = "0#";

/** Sorts after every real due date, so tasks without one come last. */
const NO_DUE_DATE = "9999-12-31";
/** Sorts after every id character: "up to the end of this date". */
const END_OF_DATE = "~";

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 };

export type SortAttribute = "id" | "dueSort" | "prioritySort" | "assigneeSort";

interface TaskItem extends Omit<Task, "dueDate" | "dueTime" | "recurrence" | "listId" | "assigneeId" | "labels"> {
  labels?: string[];
  /** The partition: the list id (named for what it held before lists: the owner's sub, now the Inbox's id). */
  owner: string;
  dueDate?: string;
  /** Absent (not null) when the task has none, as items written before times and repeats existed. */
  dueTime?: string;
  recurrence?: TaskRecurrence;
  ownerStatus: string;
  dueSort: string;
  prioritySort: string;
  /** Absent when nobody is assigned: such items stay out of byAssignee. */
  assigneeId?: string;
  assigneeSort: string;
  searchText: string;
  /** byIndexUser's partition: the list's indexUser (src/lists/list.ts); absent for older lists and the Inbox. */
  indexUser?: string;
}

/**
 * The fields a change writes; the rest (id, owner, timestamps, version) are ours. `completions`
 * left out keeps what the task has; null removes it (undo of a recurring task's completion).
 */
export type TaskFields = Pick<Task, "title" | "description" | "status" | "dueDate" | "priority"> & {
  dueTime: string | null;
  recurrence: TaskRecurrence | null;
  completions?: TaskCompletions | null;
  /** The whole checklist, in order; left out keeps what the task has, empty removes it. */
  subtasks?: Subtask[];
  /** Left out keeps the assignee; null unassigns. The service has checked the member. */
  assigneeId?: string | null;
  /** Left out keeps the task's labels; [] removes them all. */
  labels?: string[];
};

export function ownerStatusKey(listId: string, status: TaskStatus): string {
  return `${listId}#${status}`;
}

/**
 * "<date>#<id>", or "<date> <HH:MM>#<id>" with a time: on one day the timed tasks come first, by
 * time (a space sorts before "#"), then the rest. A task without a time keeps the key it had
 * before times existed, so stored items need no rewrite.
 */
export function dueSortKey(id: string, dueDate: string | null, dueTime?: string | null): string {
  return `${dueDate ?? NO_DUE_DATE}${dueDate && dueTime ? ` ${dueTime}` : ""}#${id}`;
}

/** byAssignee's sort key: open tasks ("0") before done ones ("1"), each by due date. */
function assigneeSortKey(id: string, status: TaskStatus, dueDate: string | null, dueTime?: string | null): string {
  return `${status === "done" ? "1" : "0"}#${dueSortKey(id, dueDate, dueTime)}`;
}

export function prioritySortKey(
  id: string,
  dueDate: string | null,
  dueTime: string | null | undefined,
  priority: TaskPriority,
): string {
  return `${PRIORITY_RANK[priority]}#${dueSortKey(id, dueDate, dueTime)}`;
}

/**
 * The stored item for a task (exported for seeding scripts, so their items match the app's).
 * `indexUser`: its list's (src/lists/list.ts), given by every write that stores a whole task
 * (a create, an import, a move, an undo), so byIndexUser holds every task of such a list.
 */
export function toItem(task: Task, indexUser: string | undefined): TaskItem {
  const { dueDate, dueTime, recurrence, listId, subtasks, assigneeId, labels, ...rest } = task;
  return {
    owner: listId,
    ...rest,
    ...(subtasks?.length ? { subtasks } : {}),
    ...(assigneeId ? { assigneeId } : {}),
    ...(labels?.length ? { labels } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(dueDate && dueTime ? { dueTime } : {}),
    ...(dueDate && recurrence ? { recurrence } : {}),
    ownerStatus: ownerStatusKey(task.listId, task.status),
    dueSort: dueSortKey(task.id, dueDate, dueTime),
    prioritySort: prioritySortKey(task.id, dueDate, dueTime, task.priority),
    // Always written (the index's partition, assigneeId, decides what it holds), so assigning
    // later needs nothing but assigneeId.
    assigneeSort: assigneeSortKey(task.id, task.status, dueDate, dueTime),
    searchText: searchTextFor(task.title, task.description),
    ...(indexUser ? { indexUser } : {}),
  };
}

function recurrenceOf(value: unknown): { recurrence?: TaskRecurrence } {
  if (typeof value !== "object" || value === null) return {};
  const { rule, timeZone } = value as Record<string, unknown>;
  return typeof rule === "string" && typeof timeZone === "string" ? { recurrence: { rule, timeZone } } : {};
}

function completionsOf(value: unknown): { completions?: TaskCompletions } {
  if (typeof value !== "object" || value === null) return {};
  const { count, lastAt } = value as Record<string, unknown>;
  return typeof lastAt === "string" ? { completions: { count: Number(count), lastAt } } : {};
}

/** A stored checklist (a list of maps); anything malformed in it is left out rather than shown. */
function subtasksOf(value: unknown): { subtasks?: Subtask[] } {
  if (!Array.isArray(value)) return {};
  const subtasks = value.flatMap((entry: unknown): Subtask[] => {
    if (typeof entry !== "object" || entry === null) return [];
    const { id, title, done } = entry as Record<string, unknown>;
    return typeof id === "string" && typeof title === "string" ? [{ id, title, done: done === true }] : [];
  });
  return subtasks.length ? { subtasks } : {};
}

/**
 * A copy written by a move that has not finished yet (moveTask, below): the list it came from and
 * the version it had there. Kept beside the Task (not in it) so no caller can see or forge it.
 */
export interface MoveMark {
  listId: string;
  version: number;
}
const moveMarks = new WeakMap<Task, MoveMark>();

/** The mark of a copy a move has not finished (task-move-repository.ts), if the task read has one. */
export function moveMarkOf(task: Task): MoveMark | undefined {
  return moveMarks.get(task);
}

/**
 * Tasks as read, with any move among them that stopped half-way settled (task-move-repository.ts,
 * loaded only then: a mark is rare, and the code need not load with every page).
 */
export async function settleMoves(tasks: Task[]): Promise<Task[]> {
  if (!tasks.some((task) => moveMarks.has(task))) return tasks;
  return (await import("#src/tasks/task-move-repository.ts")).settleMoves(tasks);
}

function labelsOf(value: unknown): { labels?: string[] } {
  const labels = Array.isArray(value) ? value.filter((label): label is string => typeof label === "string") : [];
  return labels.length ? { labels } : {};
}

/** A stored item as a Task, its move mark (if any) kept beside it (task-field-repository.ts reads replies with it too). */
export function fromItem(item: Record<string, unknown>): Task {
  const task = taskOf(item);
  const mark = item.movedFrom as { owner?: unknown; version?: unknown } | undefined;
  if (mark && typeof mark.owner === "string" && typeof mark.version === "number")
    moveMarks.set(task, { listId: mark.owner, version: mark.version });
  return task;
}

function taskOf(item: Record<string, unknown>): Task {
  return {
    id: String(item.id),
    // A label's copy names its task's list (its partition is the label's).
    listId: String(item.listId ?? item.owner),
    title: String(item.title ?? ""),
    description: String(item.description ?? ""),
    status: item.status as TaskStatus,
    dueDate: typeof item.dueDate === "string" && item.dueDate ? item.dueDate : null,
    // Only when stored: a task from before times and repeats reads exactly as it did.
    ...(typeof item.dueTime === "string" && item.dueDate ? { dueTime: item.dueTime } : {}),
    ...recurrenceOf(item.recurrence),
    ...completionsOf(item.completions),
    ...labelsOf(item.labels),
    priority: isTaskPriority(item.priority) ? item.priority : "none",
    ...subtasksOf(item.subtasks),
    ...(typeof item.assigneeId === "string" && item.assigneeId ? { assigneeId: item.assigneeId } : {}),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
    ...(typeof item.createdBy === "string" ? { createdBy: item.createdBy } : {}),
    ...(typeof item.updatedBy === "string" ? { updatedBy: item.updatedBy } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Labels' copies (see the header): "<list>#L#<label key>" / task id.

/** The partition of one label's copies in one list. List ids never hold "#", label keys never do. */
export function labelPartition(listId: string, key: string): string {
  return `${listId}#L#${key}`;
}

/** Label keys in `before` that `after` no longer has. */
function keysDropped(before: readonly string[] | undefined, after: readonly string[] | undefined): string[] {
  const kept = new Set((after ?? []).map(labelKey));
  return (before ?? []).map(labelKey).filter((key) => !kept.has(key));
}

/**
 * The labels' copies' upkeep (label-copy-repository.ts), loaded on first use: by a write of a
 * task with labels, a move, and a label's view. A cold start carries none of it.
 */
const labelCopies = () => import("#src/tasks/label-copy-repository.ts");

export async function putTask(task: Task, indexUser: string | undefined): Promise<void> {
  // The copies first: a task is never stored with a label that has no copy.
  if (task.labels?.length) await (await labelCopies()).putLabelCopies(task, task.labels);
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.PutCommand({
          TableName: getTableNames().tasks,
          Item: toItem(task, indexUser),
          // A ULID collision is practically impossible, but a create must never overwrite.
          ConditionExpression: "attribute_not_exists(id)",
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // The SDK retries a put whose reply was lost after DynamoDB wrote it: that item is ours.
    const existing = await getTask(task.listId, task.id);
    if (existing && isDeepStrictEqual(existing, task)) return;
    throw new ConflictError("task.id_taken", "Please try again.", null);
  }
}

/** The stored item as it is, a move's mark included (one consistent GetItem). */
export async function readTask(listId: string, id: string): Promise<Task | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({ TableName: getTableNames().tasks, Key: { owner: listId, id }, ConsistentRead: true }),
    ),
  );
  return result.Item ? fromItem(result.Item) : null;
}

/** The list's task with this id, or null; a move of it that stopped half-way is settled first. */
export async function getTask(listId: string, id: string): Promise<Task | null> {
  const [task] = await settleMoves(await readTaskList(listId, id));
  return task?.listId === listId ? task : null;
}

/**
 * A list's item and one of its tasks, in one BatchGetItem (a task's page: the access check and
 * the task in one call); the task as getTask gives it. The caller checks access before using it.
 */
export async function getTaskWithList(listId: string, id: string): Promise<{ list: List | null; task: Task | null }> {
  const { list, item } = await getListWith(listId, { table: getTableNames().tasks, key: { owner: listId, id } });
  if (!item) return { list, task: null };
  const [task] = await settleMoves([fromItem(item)]);
  return { list, task: task?.listId === listId ? task : null };
}

async function readTaskList(listId: string, id: string): Promise<Task[]> {
  const task = await readTask(listId, id);
  return task ? [task] : [];
}

/** The owner's tasks with these ids (at most 100), in one BatchGetItem; missing ones are absent. */
export async function getTasks(listId: string, ids: string[]): Promise<Map<string, Task>> {
  const keys = ids.map((id) => ({ owner: listId, id }));
  const items = await batchGetItems(
    callDynamo,
    getTableNames().tasks,
    keys,
    "The task store is busy; please try again.",
  );
  const tasks = await settleMoves(items.map(fromItem));
  return new Map(tasks.filter((task) => task.listId === listId).map((task) => [task.id, task]));
}

/**
 * The task with this id in whichever of these lists holds it (one BatchGetItem per 100 lists),
 * or null: how the JSON API finds a task by id alone, strongly consistent.
 */
export async function findTaskInLists(listIds: readonly string[], id: string): Promise<Task | null> {
  const items = await batchGetItems(
    callDynamo,
    getTableNames().tasks,
    listIds.map((listId) => ({ owner: listId, id })),
    "The task store is busy; please try again.",
  );
  // Two copies only while a move is half-done: settling it leaves one.
  const [task] = await settleMoves(items.map(fromItem));
  return task ?? null;
}

/**
 * Every task of the owner, oldest first, one base-table Query page (up to 1 MB, about 2,000
 * typical tasks) at a time: the export reads the owner's partition and nothing else.
 */
export async function* queryAllTasksByOwner(listId: string): AsyncGenerator<Task[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().tasks,
          KeyConditionExpression: "#owner = :owner",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": listId },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    yield (page.Items ?? []).map(fromItem);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Creates many new tasks, 25 to a BatchWriteItem (retrying what DynamoDB leaves unprocessed).
 * A batch put cannot carry a condition: callers pass fresh ULIDs, which never collide, and
 * use putTask (conditional) when a task may already exist, e.g. when retrying an import.
 */
export async function batchPutTasks(tasks: readonly Task[], indexUser: string | undefined): Promise<void> {
  // The labels' copies first (fresh ids, so plain puts), then the tasks.
  const copies = tasks.some((task) => task.labels?.length) ? (await labelCopies()).copyItemsOf(tasks) : [];
  if (copies.length)
    await batchPutItems(
      callDynamo,
      getTableNames().tasks,
      copies,
      "The task store is busy; not every task could be written.",
    );
  await batchPutItems(
    callDynamo,
    getTableNames().tasks,
    tasks.map((task) => toItem(task, indexUser) as unknown as Record<string, unknown>),
    "The task store is busy; not every task could be written.",
  );
}

/**
 * What one list shows: a partition (all, one status, or the two not done), an order, and
 * optionally a due-date range.
 */
export interface TaskView {
  /** A label's key: the view reads that label's copies in each list (see the header). */
  label?: string;
  status?: StatusFilter;
  sort: TaskSort;
  /** Inclusive calendar dates; `from` absent means everything before `to` too (overdue). */
  dueRange?: { from?: string; to: string };
  /** Lists whose open tasks byOpenFirst holds completely: their open views are one Query, not two. */
  openFirstLists?: ReadonlySet<string>;
  /**
   * Lists whose every task byIndexUser (and byIndexUserOpen) holds under `user` (the reader
   * created them, so their indexUser is the reader's id): All (newest or oldest), Today,
   * Upcoming and not done by due read them together in one Query of that user's part, keeping
   * only these lists' tasks (see indexedPlans).
   */
  indexed?: { user: string; lists: readonly string[] };
}

export interface TaskPage {
  tasks: Task[];
  /** Present when more tasks follow: the sort key of the last task on this page. */
  after?: string;
  /**
   * Search only: the page ended because SEARCH_EXAMINE_LIMIT items were examined, not because
   * it was full; `after` is then the last item examined, and the next page searches on from it.
   */
  moreToSearch?: boolean;
}

interface QueryPlan {
  index?: string;
  partition: { name: "owner" | "ownerStatus" | "assigneeId" | "indexUser"; value: string };
  /** byIndexUser: only these lists' tasks are kept (a FilterExpression on owner). */
  lists?: readonly string[];
  /** The order of the page and the key its cursor holds. */
  sortKey: SortAttribute;
  /** byOpenFirst: the index's sort attribute is assigneeSort, "0#" + the sortKey (dueSort). */
  openFirst?: true;
  ascending: boolean;
  /** Inclusive bounds on the stored sort attribute. */
  from?: string;
  to?: string;
}

/** One list's open tasks by due date, within `from`..`to` (dueSort bounds), in byOpenFirst. */
function openFirstPlan(listId: string, from: string, to: string): QueryPlan {
  return {
    index: OPEN_FIRST_INDEX,
    partition: { name: "owner", value: listId },
    sortKey: "dueSort",
    openFirst: true,
    ascending: true,
    from: OPEN_PREFIX + from,
    to: OPEN_PREFIX + to,
  };
}

/**
 * The range of open tasks' keys (dueSort bounds) a view reads from an open-first index
 * (byOpenFirst, byIndexUserOpen): Today, Upcoming and "not done" by due date; else undefined.
 */
function openRangeOf(view: TaskView): { from: string; to: string } | undefined {
  const allOpen = !view.status || view.status === "not_done";
  if (!allOpen || view.label) return undefined;
  if (view.dueRange) return { from: view.dueRange.from ?? "", to: `${view.dueRange.to}#${END_OF_DATE}` };
  if (view.status === "not_done" && view.sort === "due") return { from: "", to: END_OF_DATE };
  return undefined;
}

function planQueries(listId: string, view: TaskView): QueryPlan[] {
  // Every open task of the list in one Query, where byOpenFirst is known to hold them all.
  const open = view.openFirstLists?.has(listId) ? openRangeOf(view) : undefined;
  if (open) return [openFirstPlan(listId, open.from, open.to)];
  if (view.dueRange) {
    // Not done: the two open statuses' partitions, one Query each, merged by due date.
    const statuses = view.status && view.status !== "not_done" ? [view.status] : OPEN_STATUSES;
    const { from, to } = view.dueRange;
    return statuses.map((status) => ({
      index: STATUS_DUE_INDEX,
      partition: { name: "ownerStatus", value: ownerStatusKey(listId, status) },
      sortKey: "dueSort",
      ascending: true,
      // The bare date: before both "<from>#…" and "<from> HH:MM#…".
      ...(from ? { from } : {}),
      to: `${to}#${END_OF_DATE}`,
    }));
  }
  // Not done in any order: the two open statuses' partitions, one Query each, merged in order.
  if (view.status === "not_done") return OPEN_STATUSES.flatMap((status) => planQueries(listId, { ...view, status }));
  const partition = view.status
    ? ({ name: "ownerStatus", value: ownerStatusKey(listId, view.status) } as const)
    : ({ name: "owner", value: listId } as const);
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

export function sortKeyOf(task: Task, attribute: SortAttribute): string {
  if (attribute === "id") return task.id;
  if (attribute === "dueSort") return dueSortKey(task.id, task.dueDate, task.dueTime);
  if (attribute === "assigneeSort") return assigneeSortKey(task.id, task.status, task.dueDate, task.dueTime);
  return prioritySortKey(task.id, task.dueDate, task.dueTime, task.priority);
}

/**
 * The filter for search words: every word must start one of the item's words. Items stored
 * before searchText existed pass the filter and are matched here, in code, on their title and
 * description, so they are found even before the once-per-owner backfill has given them one.
 */
function searchFilter(words: readonly string[]) {
  const terms = words.map((_, i) => `contains(#search, :w${i})`).join(" AND ");
  return {
    expression: `attribute_not_exists(#search) OR (${terms})`,
    names: { "#search": "searchText" },
    values: Object.fromEntries(words.map((word, i) => [`:w${i}`, ` ${word}`])),
  };
}

/** byIndexUser's filter: a task of one of these lists (at most INDEXED_LISTS_MAX, IN's limit). */
function listsFilter(lists: readonly string[]) {
  return {
    expression: `#owner IN (${lists.map((_, i) => `:l${i}`).join(", ")})`,
    names: { "#owner": "owner" },
    values: Object.fromEntries(lists.map((listId, i) => [`:l${i}`, listId])),
  };
}

async function runQuery(plan: QueryPlan, limit: number, after: string | undefined, words?: readonly string[]) {
  // The page starts at the last key shown (inclusive, then skipped): a key range can have two
  // bounds only as BETWEEN, which is inclusive.
  const attribute = plan.openFirst ? "assigneeSort" : plan.sortKey;
  const prefix = plan.openFirst ? OPEN_PREFIX : "";
  const start = after === undefined ? undefined : prefix + after;
  const lower = plan.ascending ? (start ?? plan.from) : plan.from;
  const upper = plan.ascending ? plan.to : (start ?? plan.to);
  const names: Record<string, string> = { "#pk": plan.partition.name };
  if (lower !== undefined || upper !== undefined) names["#sk"] = attribute;
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
  const filter = words ? searchFilter(words) : plan.lists ? listsFilter(plan.lists) : undefined;
  if (filter) {
    Object.assign(names, filter.names);
    Object.assign(values, filter.values);
  }
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.QueryCommand({
        TableName: getTableNames().tasks,
        ...(plan.index ? { IndexName: plan.index } : {}),
        KeyConditionExpression: condition,
        ...(filter ? { FilterExpression: filter.expression } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: plan.ascending,
        // With a filter, Limit counts the items examined, not those returned.
        Limit: limit + (after === undefined ? 0 : 1),
      }),
    ),
  );
  const items = words
    ? (result.Items ?? []).filter(
        (item) =>
          typeof item.searchText === "string" ||
          matchesSearch(searchTextFor(String(item.title ?? ""), String(item.description ?? "")), words),
      )
    : (result.Items ?? []);
  const stored = result.LastEvaluatedKey?.[attribute];
  // Where the Query stopped, as a key of the page's order (sortKey, without the stored prefix).
  const stoppedAt = typeof stored === "string" && stored.startsWith(prefix) ? stored.slice(prefix.length) : undefined;
  return { tasks: items.map(fromItem), ...(stoppedAt === undefined ? {} : { stoppedAt }) };
}

/** Items the first Query of a one-partition search examines: enough to fill a page when matches are common. */
const SEARCH_FIRST_EXAMINE = 100;

/**
 * A search of one partition in at most two Queries: a small one, which fills the page when
 * matches are common (most searches, and the cheapest), then, only if the page is not full
 * yet, one that examines the rest of SEARCH_EXAMINE_LIMIT from where the first stopped.
 */
async function searchOnePartition(plan: QueryPlan, limit: number, after: string | undefined, words: readonly string[]) {
  const firstExamine = Math.max(limit + 1, SEARCH_FIRST_EXAMINE);
  const first = await runQuery(plan, firstExamine, after, words);
  const found = first.tasks.filter((task) => sortKeyOf(task, plan.sortKey) !== after).length;
  if (found > limit || first.stoppedAt === undefined) return first;
  const rest = await runQuery(plan, SEARCH_EXAMINE_LIMIT - firstExamine, first.stoppedAt, words);
  return {
    // The second Query starts at (and so reads again) the last item the first examined.
    tasks: [...first.tasks, ...rest.tasks.filter((task) => sortKeyOf(task, plan.sortKey) !== first.stoppedAt)],
    ...(rest.stoppedAt === undefined ? {} : { stoppedAt: rest.stoppedAt }),
  };
}

/**
 * One page of a view over one list or several, starting after the sort key `after` (from the
 * previous page). Runs one Query per list and partition (two per list for Today and Upcoming)
 * in parallel and merges them in key order. Keys end with the task's id, unique across lists,
 * so one key is the position in every list at once: the cursor stays one key, and each list's
 * next Query starts after it. Reading a page plus one from every list bounds the merge exactly.
 *
 * With search words, a page examines at most SEARCH_EXAMINE_LIMIT items: in one partition by
 * searchOnePartition, in two (Today, Upcoming) by one Query each for half. A Query that stopped
 * before its end bounds what is known: matches past the first such stop are left for the next
 * page, which starts from there.
 */
export async function queryTaskPage(
  listIds: readonly string[],
  view: TaskView,
  options: { limit: number; after?: string; words?: readonly string[] },
): Promise<TaskPage> {
  const indexed = indexedPlans(listIds, view, options);
  if (indexed)
    try {
      return await queryPlans(indexed, options);
    } catch (error) {
      // A stage without the index yet (the deploy that adds it, while it builds): one Query per list.
      if (!isMissingIndex(error, indexed[0]?.index ?? INDEX_USER_INDEX)) throw error;
    }
  // A label's view reads its copies' partition in each list (see the header).
  const partitions = view.label ? listIds.map((listId) => labelPartition(listId, view.label ?? "")) : listIds;
  const read = (shape: TaskView) =>
    queryPlans(
      partitions.flatMap((partition) => planQueries(partition, shape)),
      { ...options, ...(view.label ? { label: view.label } : {}) },
    );
  if (!view.openFirstLists?.size) return read(view);
  try {
    return await read(view);
  } catch (error) {
    // A stage still building byOpenFirst (the deploy that adds it) refuses Queries of it with a
    // ValidationException naming the index: read the open statuses' partitions, as before it.
    if (!isMissingIndex(error, OPEN_FIRST_INDEX)) throw error;
    return read({ ...view, openFirstLists: new Set() });
  }
}

function isMissingIndex(error: unknown, index: string): boolean {
  return error instanceof Error && error.name === "ValidationException" && error.message.includes(index);
}

/** byIndexUser's filter names each list: IN takes at most 100 values; lists beyond are read one Query each. */
const INDEXED_LISTS_MAX = 100;
/** Queries of byIndexUser for one page, when other lists' tasks (archived, left) are skipped. */
const INDEXED_QUERIES_MAX = 3;

/**
 * All tasks, newest or oldest first, across lists of which `view.indexed` names two or more:
 * one Query of byIndexUser for those (their creator's part, filtered to them: an archived list,
 * one deleted, or one the reader has left stays out), one per list for the rest (shared lists
 * someone else created, lists from before the index, the Inbox), merged like any view.
 */
function indexedPlans(
  listIds: readonly string[],
  view: TaskView,
  options: { words?: readonly string[] },
): QueryPlan[] | undefined {
  const { indexed } = view;
  if (!indexed || view.label || options.words?.length) return undefined;
  const shown = new Set(listIds);
  const partition = { name: "indexUser", value: indexed.user } as const;
  const open = openRangeOf(view);
  let plan: QueryPlan;
  if (open) {
    // Today, Upcoming, not done by due: byIndexUserOpen's open range, for lists whose every
    // task also carries assigneeSort (openFirstKeys; all lists that carry indexUser do).
    const lists = indexed.lists.filter((listId) => shown.has(listId) && view.openFirstLists?.has(listId));
    plan = { ...openFirstPlan(indexed.user, open.from, open.to), index: INDEX_USER_OPEN_INDEX, partition, lists };
  } else if (!view.status && !view.dueRange && (view.sort === "newest" || view.sort === "oldest")) {
    const lists = indexed.lists.filter((listId) => shown.has(listId));
    plan = { index: INDEX_USER_INDEX, partition, sortKey: "id", ascending: view.sort === "oldest", lists };
  } else return undefined;
  const lists = (plan.lists ?? []).slice(0, INDEXED_LISTS_MAX);
  if (lists.length < 2) return undefined;
  const inIndex = new Set(lists);
  return [
    { ...plan, lists },
    ...listIds.filter((listId) => !inIndex.has(listId)).flatMap((listId) => planQueries(listId, view)),
  ];
}

/**
 * A filtered plan's part of a page: Queries from `after` until `want` tasks passed the filter,
 * the index ended, or INDEXED_QUERIES_MAX were sent. Stopped short, it says where (`short`):
 * the page then ends there (nothing after it is known), and the next page reads on from it.
 */
async function runFilled(
  plan: QueryPlan,
  want: number,
  after: string | undefined,
): Promise<{ tasks: Task[]; short?: string }> {
  const keyOf = (task: Task) => sortKeyOf(task, plan.sortKey);
  let read = await runQuery(plan, want, after);
  let found = read.tasks.filter((task) => keyOf(task) !== after).length;
  for (let sent = 1; sent < INDEXED_QUERIES_MAX && read.stoppedAt !== undefined && found < want; sent++) {
    const from = read.stoppedAt;
    // It starts at (and so examines again) the item the last one stopped at.
    const next = await runQuery(plan, want - found, from);
    const fresh = next.tasks.filter((task) => keyOf(task) !== from);
    found += fresh.length;
    read = { tasks: [...read.tasks, ...fresh], ...(next.stoppedAt === undefined ? {} : { stoppedAt: next.stoppedAt }) };
  }
  // Defence in depth: the filter's lists only, whatever the index held.
  const lists = new Set(plan.lists);
  const tasks = read.tasks.filter((task) => lists.has(task.listId));
  return read.stoppedAt !== undefined && found < want ? { tasks, short: read.stoppedAt } : { tasks };
}

/** Which of the assignee's tasks: not done (open), done, or all (open first). */
export type AssignedStatus = "not_done" | "done" | undefined;

/**
 * One page of the tasks assigned to `assigneeId`, across every list, in one Query of
 * byAssignee (soonest due first; with no status, open ones before done ones). The index
 * knows nothing of access: a task whose list is not in `lists` (a list the reader has left,
 * cannot read, or that is archived) is dropped from the page, never shown. The cursor still
 * moves past it, so a page may hold fewer than `limit` tasks but paging stays exact.
 */
export async function queryAssignedPage(
  assigneeId: string,
  status: AssignedStatus,
  options: { limit: number; after?: string; words?: readonly string[]; lists: ReadonlySet<string> },
): Promise<TaskPage> {
  const prefix = status === "not_done" ? "0#" : status === "done" ? "1#" : undefined;
  const plan: QueryPlan = {
    index: ASSIGNEE_INDEX,
    partition: { name: "assigneeId", value: assigneeId },
    sortKey: "assigneeSort",
    ascending: true,
    ...(prefix ? { from: prefix, to: `${prefix}${END_OF_DATE}` } : {}),
  };
  const page = await queryPlans([plan], options);
  return { ...page, tasks: page.tasks.filter((task) => options.lists.has(task.listId)) };
}

async function queryPlans(
  plans: QueryPlan[],
  options: { limit: number; after?: string; words?: readonly string[]; label?: string },
): Promise<TaskPage> {
  const { limit, after } = options;
  const words = options.words?.length ? options.words : undefined;
  const [first] = plans;
  if (!first) return { tasks: [] };
  const { ascending } = first;
  // One more than a page tells "is there a next page?" exactly (and the previous page's last
  // item, read again as the inclusive start, is skipped).
  const results: { tasks: Task[]; stoppedAt?: string; short?: string }[] = !words
    ? await Promise.all(
        plans.map((plan) => (plan.lists ? runFilled(plan, limit + 1, after) : runQuery(plan, limit + 1, after))),
      )
    : plans.length === 1
      ? [await searchOnePartition(first, limit, after, words)]
      : await Promise.all(
          plans.map((plan) =>
            runQuery(plan, Math.max(limit + 1, Math.floor(SEARCH_EXAMINE_LIMIT / plans.length)), after, words),
          ),
        );
  // Where a page must end: a search's stops; a filtered plan's, when it stopped short.
  const stops = results.flatMap((result) => {
    const stop = words ? result.stoppedAt : result.short;
    return stop === undefined ? [] : [stop];
  });
  const inOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) * (ascending ? 1 : -1);
  const boundary = stops.sort(inOrder)[0];
  const keyed = (await settleMoves(results.flatMap((result) => result.tasks)))
    .map((task) => ({ task, key: sortKeyOf(task, first.sortKey) }))
    .filter(({ key }) => key !== after && (boundary === undefined || inOrder(key, boundary) <= 0));
  if (plans.length > 1) keyed.sort((a, b) => inOrder(a.key, b.key));
  const page = keyed.slice(0, limit);
  const tasks = options.label
    ? await (await labelCopies()).tasksBehindCopies(page, options.label, first.sortKey)
    : page.map(({ task }) => task);
  const last = page.at(-1);
  if (keyed.length > limit && last) return { tasks, after: last.key };
  if (boundary !== undefined) return { tasks, after: boundary, ...(words ? { moreToSearch: true } : {}) };
  return { tasks };
}

/**
 * Writes the new fields only if the task exists for this owner and still has the version the
 * user edited. On failure, one consistent read tells "gone" (404) from "changed" (409).
 */
export async function updateTask(
  listId: string,
  id: string,
  expectedVersion: number,
  fields: TaskFields,
  updatedAt: string,
  updatedBy: string,
  settled = false,
): Promise<Task> {
  // A time and a repeat belong to a date: clearing the date (a bulk change) clears them too.
  const dueTime = fields.dueDate ? fields.dueTime : null;
  const recurrence = fields.dueDate ? fields.recurrence : null;
  // Labels given: [] removes them (null to the filter below), left out keeps them (undefined).
  const labels = fields.labels === undefined ? undefined : fields.labels.length ? fields.labels : null;
  // Optional attributes: set when there is a value, removed when there is none.
  // The checklist is written only when the change carries one (a sub-task change, a recurring
  // task's completion, undo); every other change leaves the stored list as it is.
  const subtasks = fields.subtasks === undefined ? undefined : fields.subtasks.length ? fields.subtasks : null;
  const optional = {
    dueDate: fields.dueDate,
    dueTime,
    recurrence,
    completions: fields.completions,
    subtasks,
    assigneeId: fields.assigneeId,
    labels,
  };
  const set = Object.entries(optional).filter(([, value]) => value);
  const removed = Object.entries(optional).filter(([, value]) => value === null || value === "");
  // The copies of the labels this write gives, before it (see the header), as the task will be.
  if (labels)
    await (
      await labelCopies()
    ).putLabelCopies({ ...fields, dueTime, id, listId, version: expectedVersion + 1 }, labels);
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().tasks,
          Key: { owner: listId, id },
          UpdateExpression: [
            "SET title = :title, description = :description, #status = :status, ownerStatus = :ownerStatus,",
            "priority = :priority, dueSort = :dueSort, prioritySort = :prioritySort, searchText = :searchText,",
            "assigneeSort = :assigneeSort, updatedAt = :updatedAt, updatedBy = :updatedBy,",
            `version = version + :one${set.map(([name]) => `, ${name} = :${name}`).join("")}`,
            removed.length ? `REMOVE ${removed.map(([name]) => name).join(", ")}` : "",
          ].join(" "),
          // A copy a move has not finished is changed only once the move is settled (below).
          ConditionExpression:
            "attribute_exists(id) AND version = :expectedVersion AND attribute_not_exists(movedFrom)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":title": fields.title,
            ":description": fields.description,
            ":status": fields.status,
            ":ownerStatus": ownerStatusKey(listId, fields.status),
            ":priority": fields.priority,
            ":dueSort": dueSortKey(id, fields.dueDate, dueTime),
            ":prioritySort": prioritySortKey(id, fields.dueDate, dueTime, fields.priority),
            ":assigneeSort": assigneeSortKey(id, fields.status, fields.dueDate, dueTime),
            ":searchText": searchTextFor(fields.title, fields.description),
            ":updatedAt": updatedAt,
            ":updatedBy": updatedBy,
            ":one": 1,
            ":expectedVersion": expectedVersion,
            ...Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])),
          },
          // The task as it was: the labels it loses are known only from it.
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    const old = result.Attributes ?? {};
    const after: Record<string, unknown> = {
      ...old,
      title: fields.title,
      description: fields.description,
      status: fields.status,
      priority: fields.priority,
      updatedAt,
      version: expectedVersion + 1,
      ...Object.fromEntries(set),
    };
    for (const [name] of removed) delete after[name];
    const task = fromItem(after);
    const dropped = keysDropped(labelsOf(old.labels).labels, task.labels);
    // Labels kept (not given by this write): their copies follow the task's new keys.
    const kept = labels === undefined ? (task.labels ?? []) : [];
    if (dropped.length || kept.length) {
      const copies = await labelCopies();
      await Promise.all([
        dropped.length ? copies.deleteLabelCopies(listId, id, dropped, task.version) : undefined,
        kept.length ? copies.putLabelCopies(task, kept) : undefined,
      ]);
    }
    return task;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const marked = await readTask(listId, id);
    // The copy of a move that stopped half-way: settle the move, then write as asked.
    const current = marked && moveMarks.has(marked) ? await getTask(listId, id) : marked;
    if (!current) throw new NotFoundError("task.not_found", "Task not found.");
    if (marked !== current && current.version === expectedVersion && !settled)
      return updateTask(listId, id, expectedVersion, fields, updatedAt, updatedBy, true);
    // A retry of this very update whose first reply was lost: the write is ours, not a conflict.
    if (isOwnUpdate(current, expectedVersion, fields, updatedAt)) return current;
    throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", current);
  }
}

/** The task as this update leaves it: one version on, at our timestamp, with our fields. */
function isOwnUpdate(current: Task, expectedVersion: number, fields: TaskFields, updatedAt: string): boolean {
  return (
    current.version === expectedVersion + 1 &&
    current.updatedAt === updatedAt &&
    current.title === fields.title &&
    current.description === fields.description &&
    current.status === fields.status &&
    current.priority === fields.priority &&
    current.dueDate === (fields.dueDate || null) &&
    (fields.assigneeId === undefined || (current.assigneeId ?? null) === fields.assigneeId) &&
    (current.dueTime ?? null) === (fields.dueDate ? fields.dueTime : null) &&
    isDeepStrictEqual(current.recurrence ?? null, fields.dueDate ? fields.recurrence : null) &&
    (fields.subtasks === undefined || isDeepStrictEqual(current.subtasks ?? [], fields.subtasks)) &&
    (fields.labels === undefined || isDeepStrictEqual(current.labels ?? [], fields.labels))
  );
}

/**
 * Deletes the task and returns what it was. With an expected version, only that version goes:
 * a task changed since is a ConflictError carrying it as it is now.
 */
export async function deleteTask(listId: string, id: string, expectedVersion?: number, settled = false): Promise<Task> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.DeleteCommand({
          TableName: getTableNames().tasks,
          Key: { owner: listId, id },
          // A copy a move has not finished goes only once the move is settled (below).
          ...(expectedVersion === undefined
            ? { ConditionExpression: "attribute_exists(id) AND attribute_not_exists(movedFrom)" }
            : {
                ConditionExpression:
                  "attribute_exists(id) AND version = :expectedVersion AND attribute_not_exists(movedFrom)",
                ExpressionAttributeValues: { ":expectedVersion": expectedVersion },
              }),
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    const task = fromItem(result.Attributes ?? {});
    if (task.labels?.length)
      await (await labelCopies()).deleteLabelCopies(listId, id, task.labels.map(labelKey), task.version);
    return task;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const marked = await readTask(listId, id);
    const current = marked && moveMarks.has(marked) ? await getTask(listId, id) : marked;
    if (!current) throw new NotFoundError("task.not_found", "Task not found.");
    if (marked !== current && !settled && (expectedVersion === undefined || current.version === expectedVersion))
      return deleteTask(listId, id, expectedVersion, true);
    if (expectedVersion === undefined) throw new NotFoundError("task.not_found", "Task not found.");
    throw new ConflictError("task.version_conflict", "This task was changed since you read it.", current);
  }
}

/**
 * Unassigns `assigneeId` from every task of one list (a member removed or gone): the tasks stay.
 * Reads the assignee's entries in byAssignee (their assignments across lists, kept to this
 * list by a filter: a member's assignments are few, and this runs once per removal), then one
 * conditional UpdateItem each, `assigneeId = :user`, so a task reassigned meanwhile is left
 * alone and running it again (after it stopped half-way) finishes the rest. Returns how many
 * it cleared. The index is eventually consistent: an assignment made in the last moment may be
 * missed, which is why readers also show an assignee who is no longer a member as nobody.
 */
export async function clearAssignments(assigneeId: string, listId: string, updatedAt: string): Promise<number> {
  let cleared = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().tasks,
          IndexName: ASSIGNEE_INDEX,
          KeyConditionExpression: "assigneeId = :user",
          FilterExpression: "#owner = :list",
          ProjectionExpression: "#owner, id",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":user": assigneeId, ":list": listId },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      try {
        await callDynamo(({ client, commands }) =>
          client.send(
            new commands.UpdateCommand({
              TableName: getTableNames().tasks,
              Key: { owner: listId, id: String(item.id) },
              UpdateExpression: "REMOVE assigneeId SET version = version + :one, updatedAt = :updatedAt",
              ConditionExpression: "assigneeId = :user",
              ExpressionAttributeValues: { ":user": assigneeId, ":one": 1, ":updatedAt": updatedAt },
            }),
          ),
        );
        cleared += 1;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return cleared;
}

/**
 * Gives the owner's tasks written by older versions of the app what the views need: the keys
 * of the due and priority indexes (before due dates and priorities existed) and searchText
 * (before search). One pass over the owner's partition, run once per owner (the caller keeps
 * the marker): a migration step, not a view, so it may filter. Each write is conditional on
 * the version read, so a task edited meanwhile is left alone (its edit wrote everything).
 * Returns how many tasks were completed.
 */
export async function addMissingDerivedAttributes(listId: string): Promise<number> {
  let added = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.QueryCommand({
          TableName: getTableNames().tasks,
          KeyConditionExpression: "#owner = :owner",
          FilterExpression: "attribute_not_exists(dueSort) OR attribute_not_exists(searchText)",
          ProjectionExpression: "id, dueDate, priority, title, description, version",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": listId },
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
              Key: { owner: listId, id },
              UpdateExpression: "SET dueSort = :dueSort, prioritySort = :prioritySort, searchText = :searchText",
              ConditionExpression: "attribute_exists(id) AND version = :version",
              ExpressionAttributeValues: {
                ":dueSort": dueSortKey(id, dueDate),
                ":prioritySort": prioritySortKey(id, dueDate, null, priority),
                ":searchText": searchTextFor(String(item.title ?? ""), String(item.description ?? "")),
                ":version": item.version,
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
