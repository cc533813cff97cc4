import { createHash, randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";
import { getEnv, getSigningSecrets } from "#src/env.ts";
import {
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from "#src/errors.ts";
import {
  accessToRead,
  isStoredListId,
  requireRole,
  resolveListAccess,
  type ListAccess,
} from "#src/lists/list-access.ts";
import { canBeAssigned, hasRole, roleOf } from "#src/lists/list.ts";
import { logError } from "#src/logging.ts";
import { parseInput } from "#src/validation.ts";
import * as idempotency from "#src/tasks/idempotency-repository.ts";
import { decodeTaskCursor, encodeTaskCursor, type CursorView } from "#src/tasks/task-cursor.ts";
import { dueViewRange, isTimeZone, todayIn } from "#src/tasks/task-dates.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { hasLabel } from "#src/tasks/task-labels.ts";
import { searchWords } from "#src/tasks/task-search.ts";
import { offerUndo } from "#src/tasks/task-undo-service.ts";
import type { TaskFields } from "#src/tasks/task-repository.ts";
import type { OneClick } from "#src/tasks/one-click-service.ts";
import {
  DEFAULT_PAGE_SIZE,
  TASK_STATUSES,
  assigneeChangeSchema,
  priorityChangeSchema,
  statusChangeSchema,
  taskIdSchema,
  taskInputSchema,
  taskListQuerySchema,
  taskUpdateSchema,
  type DueView,
  type Task,
  type TaskInput,
  type TaskRecurrence,
  type TaskSort,
  type TaskStatus,
} from "#src/tasks/task.ts";
import type { StatusFilter } from "#src/tasks/task-constants.ts";
import { noticeListChanged, noticeTaskChanged } from "#src/live/live-notice.ts";

export const PAGE_SIZE = DEFAULT_PAGE_SIZE;

// Monotonic: two tasks created in the same millisecond still sort in creation order.
const nextId = monotonicFactory();

function notFound(): NotFoundError {
  return new NotFoundError("task.not_found", "Task not found.");
}

/** An id that is not a ULID cannot name a task; treat it like any missing task. */
function parseTaskId(taskId: string): string {
  const result = taskIdSchema.safeParse(taskId);
  if (!result.success) throw notFound();
  return result.data;
}

/** Where "today" is for this user: their time zone, or UTC when they have none (or a bad one). */
export interface Clock {
  timeZone?: string | null;
  now?: Date;
}

function todayFor(clock: Clock): string {
  const zone = clock.timeZone && isTimeZone(clock.timeZone) ? clock.timeZone : "UTC";
  return todayIn(zone, clock.now ?? new Date());
}

function zoneFor(clock: Clock): string {
  return clock.timeZone && isTimeZone(clock.timeZone) ? clock.timeZone : "UTC";
}

/** A new task's full record (id, timestamps, version 1, its maker) in the list, from validated fields. */
export function newTask(listId: string, fields: TaskFields, userId: string): Task {
  const now = new Date().toISOString();
  const { dueTime, recurrence, completions, subtasks, assigneeId, labels, ...rest } = fields;
  // A time, a repeat, a checklist, labels only when it has them: stored and read back, the task is the same object.
  return {
    id: nextId(),
    listId,
    ...rest,
    ...(assigneeId ? { assigneeId } : {}),
    ...(labels?.length ? { labels } : {}),
    ...(rest.dueDate && dueTime ? { dueTime } : {}),
    ...(recurrence ? { recurrence } : {}),
    ...(completions ? { completions } : {}),
    ...(subtasks?.length ? { subtasks } : {}),
    createdAt: now,
    updatedAt: now,
    version: 1,
    createdBy: userId,
    updatedBy: userId,
  };
}

/**
 * The fields to write from a form's or the API's validated input: the repeat as typed becomes
 * an RRULE on the user's calendar (the parser loads only then), a repeat without a date starts
 * at its first date from today, and a time needs a date. `current` is the task being edited;
 * a field left out (undefined) keeps its value.
 */
export async function resolveFields(
  input:
    | TaskInput
    | (Omit<TaskInput, "dueTime" | "repeat" | "labels"> & {
        dueTime?: string | null;
        repeat?: string | null;
        labels?: string[];
      }),
  current: Task | null,
  clock: Clock,
  recurrenceRule?: TaskRecurrence | null,
): Promise<TaskFields> {
  const { repeat, dueTime: time, ...rest } = input;
  // Every field's problem at once, as the schema reports them: a bad repeat and a time without a date.
  const errors: Record<string, string[]> = {};
  let recurrence = recurrenceRule !== undefined ? recurrenceRule : (current?.recurrence ?? null);
  if (recurrenceRule === undefined && repeat !== undefined) {
    try {
      recurrence =
        repeat === null
          ? null
          : (await loadRecurrence()).recurrenceFromText(repeat, current?.recurrence, zoneFor(clock));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
      recurrence = null;
    }
  }
  let { dueDate } = rest;
  if (recurrence && !dueDate) {
    dueDate = (await loadRecurrence()).firstDate(recurrence.rule, todayFor(clock));
    if (!dueDate) errors.repeat = ["This repeat has no dates left."];
  }
  const dueTime = time === undefined ? (current?.dueTime ?? null) : time;
  if (dueTime && !dueDate) errors.dueTime = ["Give the task a due date for its time."];
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { ...rest, dueDate, dueTime, recurrence };
}

/**
 * Who may be assigned a task of this list: nobody in an Inbox (it is personal), else only a
 * current member who can edit (canBeAssigned). null (nobody) is always allowed. Refusals name the field.
 */
export function checkAssignee(access: ListAccess, assigneeId: string | null | undefined): void {
  if (assigneeId === null || assigneeId === undefined) return;
  if (!access.list) {
    throw new ValidationError({
      assigneeId: ["Your Inbox is personal, so its tasks cannot be assigned: move the task to a shared list first."],
    });
  }
  const role = roleOf(access.list, assigneeId);
  if (!role) {
    throw new ValidationError({
      assigneeId: [`Only a member of “${access.name}” can be assigned its tasks: invite them first.`],
    });
  }
  if (!hasRole(role, "editor")) {
    throw new ValidationError({
      assigneeId: [`A viewer of “${access.name}” cannot be assigned its tasks: make them an editor first.`],
    });
  }
}

/**
 * The task as a reader of its list sees it: an assignee who can no longer hold it (removed, or
 * made a viewer, and the clearing has not reached this task yet) shows as nobody, so a stale
 * assignment never names someone outside the list or anyone who cannot do the work.
 */
export function asSeenIn(access: ListAccess | undefined, task: Task): Task {
  if (!task.assigneeId) return task;
  if (access?.list && canBeAssigned(access.list, task.assigneeId)) return task;
  const { assigneeId: _gone, ...rest } = task;
  return rest;
}

/**
 * Labels as the list spells them (label-service.ts, loaded by the first write that names a
 * label); undefined keeps the task's, [] is none, and neither reads anything.
 */
export async function spelledLabels(
  listId: string,
  labels: string[] | undefined,
  listName?: string,
): Promise<string[] | undefined> {
  if (!labels?.length) return labels;
  return (await import("#src/tasks/label-service.ts")).resolveLabelNames(listId, labels, listName);
}

/** Repeats' code (rrule and the parser): loaded by the first request that needs it. */
const loadRecurrence = () => import("#src/tasks/task-recurrence.ts");

/**
 * A task from the create form (form fields, all strings). Each rendered form carries a
 * one-time `formToken` (newCreateFormToken): a repeat of the same submission (a double click,
 * a resent POST) answers with the task the first one made instead of making another, and the
 * token sent again with other content is refused. Without a token (a form rendered before
 * tokens existed, a script posting to /tasks) every submission makes a task.
 */
export async function createTask(
  access: ListAccess,
  input: unknown,
  formToken?: string,
  clock: Clock = {},
): Promise<Task> {
  requireRole(access, "editor");
  const fields = await resolveFields(parseInput(taskInputSchema, input), null, clock);
  fields.labels = await spelledLabels(access.listId, fields.labels);
  if (formToken === undefined || formToken === "") {
    const task = newTask(access.listId, fields, access.userId);
    await repository.putTask(task, access.list?.indexUser);
    await noticeListChanged(task.listId);
    return task;
  }
  if (!IDEMPOTENCY_KEY.test(formToken))
    throw new ValidationError({}, "This form could not be read. Reload the page and add the task again.");
  return (await createTaskOnce(access, fields, `form\n${formToken}`, FORM_TOKEN_REUSED)).task;
}

const FORM_TOKEN_REUSED =
  "This form was already used to add a different task, so nothing was added. Your text is still here: add it again to make a new task.";

/** A new one-time token for a rendered create form; random, so no other form has it. */
export function newCreateFormToken(): string {
  return randomBytes(18).toString("base64url");
}

/** How long a repeat of a create (API Idempotency-Key or form token) gets the first result. */
export const IDEMPOTENCY_SECONDS = 24 * 60 * 60;
/** Printable ASCII without spaces, as IETF's Idempotency-Key draft suggests (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Stores a task whose id an idempotency record fixed; a retry may have stored it already. */
async function putTaskOnce(task: Task, indexUser: string | undefined): Promise<void> {
  await repository.putTask(task, indexUser).catch((error: unknown) => {
    if (!(error instanceof ConflictError && error.code === "task.id_taken")) throw error;
  });
}

/**
 * The one idempotent create, for the JSON API's Idempotency-Key and the form's token: the
 * first request with a key claims it (a conditional put in the idempotency table, so of any
 * number of simultaneous ones exactly one wins) and makes the task; a repeat answers with that
 * task (`replayed`); the same key with other fields is refused with `reusedMessage`.
 */
export async function createTaskOnce(
  access: ListAccess,
  fields: TaskFields,
  key: string,
  reusedMessage?: string,
): Promise<{ task: Task; replayed: boolean }> {
  requireRole(access, "editor");
  // Keys are the user's (as before lists: an Inbox create keeps the record an earlier retry
  // made); the list is part of what the key promised, so the same key for another list is a reuse.
  const id = sha256(`${access.userId}\n${key}`);
  const fingerprint = sha256(
    JSON.stringify(access.listId === access.userId ? fields : { ...fields, listId: access.listId }),
  );
  for (let attempt = 0; attempt < 2; attempt++) {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const task = newTask(access.listId, fields, access.userId);
    const claim = { id, fingerprint, task, state: "pending" as const, expiresAt: nowSeconds + IDEMPOTENCY_SECONDS };
    if (await idempotency.claimIdempotencyKey(claim, nowSeconds)) {
      await putTaskOnce(task, access.list?.indexUser);
      await noticeListChanged(task.listId);
      // The task is made: failing to note that must not tell the caller it failed, or a retry
      // might follow a delete of the task and, finding the key pending, make it again.
      await idempotency.markIdempotencyRecordDone(id).catch((error: unknown) => {
        if (!(error instanceof ServiceUnavailableError)) throw error;
        logError("A created task's idempotency record stayed pending", error);
      });
      return { task, replayed: false };
    }
    const record = await idempotency.getIdempotencyRecord(id, nowSeconds);
    // Expired between our claim and our read: claim it afresh.
    if (!record) continue;
    if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(reusedMessage);
    if (record.state === "pending") {
      // The first request has not stored its task yet, or failed after claiming the key:
      // store it now. Its id is fixed, so whichever request gets there first makes the task.
      // The key's list is this one (the fingerprint names it).
      await putTaskOnce(record.task, access.list?.indexUser);
      await noticeListChanged(record.task.listId);
      await idempotency.markIdempotencyRecordDone(id);
    }
    return { task: record.task, replayed: true };
  }
  throw new ConflictError("idempotency.busy", "Please try again.", null);
}

/**
 * A task by id alone, in whichever of the user's lists holds it (the JSON API's /tasks/{id}):
 * the lists the user can see, then one read of that id in each. A task in a list the user
 * cannot see is "not found", word for word like a missing one.
 */
export async function locateTask(
  accesses: readonly ListAccess[],
  taskId: string,
): Promise<{ access: ListAccess; task: Task }> {
  const id = parseTaskId(taskId);
  const task = await repository.findTaskInLists(
    accesses.map((access) => access.listId),
    id,
  );
  const access = task && accesses.find((candidate) => candidate.listId === task.listId);
  if (!task || !access) throw notFound();
  return { access, task: asSeenIn(access, task) };
}

/** A task of the list (any member may read it). */
export async function getTask(access: ListAccess, taskId: string): Promise<Task> {
  const task = await repository.getTask(access.listId, parseTaskId(taskId));
  if (!task) throw notFound();
  return asSeenIn(access, task);
}

/**
 * A task's page: the user's access to the list (`listRef`: an id or "inbox") and the task. In
 * a list with an item, one BatchGetItem reads both, and the task is used only once the item
 * grants access; it refuses as resolveListAccess then getTask would (the list first). The
 * Inbox, or an id that cannot be a task's, reads as those two do.
 */
export async function openTask(
  userId: string,
  listRef: string,
  taskId: string,
): Promise<{ access: ListAccess; task: Task }> {
  if (!isStoredListId(userId, listRef) || !taskIdSchema.safeParse(taskId).success) {
    const access = await resolveListAccess(userId, listRef);
    return { access, task: await getTask(access, taskId) };
  }
  const { list, task } = await repository.getTaskWithList(listRef, taskId);
  const access = accessToRead(list, userId);
  if (!task) throw notFound();
  return { access, task: asSeenIn(access, task) };
}

export interface TaskListView {
  status?: StatusFilter;
  sort: TaskSort;
  due?: DueView;
  /** The search as typed (trimmed); absent for the plain list. */
  q?: string;
  /** A label's key: only tasks carrying it. */
  label?: string;
}

export interface TaskListPage {
  tasks: Task[];
  view: TaskListView;
  /** The user's today (YYYY-MM-DD) the page was computed for. */
  today: string;
  nextCursor?: string;
  /**
   * Search only: this page stopped at the limit of tasks one page may examine, before it was
   * full, so the next page "searches further" rather than showing more of the same.
   */
  moreToSearch?: boolean;
}

/**
 * Which lists a view reads, and whose it is: one list (`key` its id), or every list the user
 * can see (`key` the user's id, so an All cursor made before lists, when All was the Inbox, still works).
 */
export interface TaskScope {
  key: string;
  listIds: string[];
  /** The lists read, by id: who may be shown as a task's assignee (asSeenIn). */
  accesses: ReadonlyMap<string, ListAccess>;
  /** Only the tasks assigned to this user (by byAssignee), in the lists above. */
  assigneeId?: string;
}

/** One list's view. */
export function listScope(access: ListAccess): TaskScope {
  return { key: access.listId, listIds: [access.listId], accesses: new Map([[access.listId, access]]) };
}

/** The cross-list views (All, Today, Upcoming): every list the user belongs to but archived ones. */
export function everyListScope(userId: string, accesses: readonly ListAccess[]): TaskScope {
  const shown = accesses.filter((access) => !access.list?.archivedAt);
  return {
    key: userId,
    listIds: shown.map((a) => a.listId),
    accesses: new Map(shown.map((access) => [access.listId, access])),
  };
}

/**
 * The tasks assigned to `assigneeId` (the reader themself for "Assigned to me") in every list
 * the reader belongs to, archived ones aside: one Query of byAssignee, each task then checked
 * against these lists, so nothing of a list the reader has left or cannot read is shown.
 */
export function assignedScope(userId: string, assigneeId: string, accesses: readonly ListAccess[]): TaskScope {
  return { ...everyListScope(userId, accesses), assigneeId };
}

/**
 * The scope's lists whose tasks byIndexUser holds under the reader (lists they created; see
 * src/lists/list.ts indexUser): read together when there are two or more.
 */
function indexedOf(scope: TaskScope): { indexed?: { user: string; lists: string[] } } {
  let user: string | undefined;
  const lists = scope.listIds.filter((id) => {
    const access = scope.accesses.get(id);
    if (!access?.list?.indexUser || access.list.indexUser !== access.userId) return false;
    user = access.userId;
    return true;
  });
  return user && lists.length > 1 ? { indexed: { user, lists } } : {};
}

async function readPage(
  scope: TaskScope,
  view: TaskListView,
  cursor: string | null | undefined,
  clock: Clock,
  limit = PAGE_SIZE,
) {
  const secret = getEnv().APP_SECRET;
  const words = view.q ? searchWords(view.q) : [];
  const cursorView: CursorView = {
    ...view,
    ...(words.length ? { words } : {}),
    ...(scope.assigneeId !== undefined ? { assignee: scope.assigneeId } : {}),
  };
  const position = cursor ? decodeTaskCursor(getSigningSecrets(), scope.key, cursorView, cursor) : undefined;
  // A later page of a due view keeps the first page's date, so paging across midnight is exact.
  const today = position?.today ?? todayFor(clock);
  // Typed, but nothing searchable (only punctuation): nothing can match, so nothing is read.
  if (view.q && words.length === 0) return { tasks: [], today };
  const options = { limit, ...(position ? { after: position.after } : {}), ...(words.length ? { words } : {}) };
  const { assigneeId } = scope;
  const page =
    assigneeId !== undefined
      ? await repository.queryAssignedPage(assigneeId, view.status === "done" ? "done" : view.status && "not_done", {
          ...options,
          lists: new Set(scope.listIds),
        })
      : await repository.queryTaskPage(
          scope.listIds,
          {
            ...(view.label ? { label: view.label } : {}),
            ...(view.status ? { status: view.status } : {}),
            sort: view.due ? "due" : view.sort,
            ...(view.due ? { dueRange: dueViewRange(view.due, today) } : {}),
            openFirstLists: new Set(scope.listIds.filter((id) => scope.accesses.get(id)?.list?.openFirstKeys)),
            ...indexedOf(scope),
          },
          options,
        );
  const seen = page.tasks.map((task) => asSeenIn(scope.accesses.get(task.listId), task));
  const nextCursor = page.after
    ? encodeTaskCursor(secret, scope.key, cursorView, { after: page.after, ...(view.due ? { today } : {}) })
    : undefined;
  return {
    // An assignment to someone no longer in the list is nobody's: not theirs to see as assigned.
    // Their label is checked here too (byAssignee has no label copies): such a page may be
    // short, and its cursor still goes on from the last task read.
    tasks:
      assigneeId !== undefined
        ? seen.filter((task) => task.assigneeId === assigneeId && (!view.label || hasLabel(task.labels, view.label)))
        : seen,
    today,
    ...(nextCursor ? { nextCursor } : {}),
    ...(page.moreToSearch ? { moreToSearch: true } : {}),
  };
}

/**
 * One page of the owner's tasks in a view: a status filter, a sort, or a due view (Today,
 * Upcoming), each served by at most two Queries, optionally narrowed by a search (`q`: every
 * word must start a word of the title or description, ignoring case and accents; see
 * task-repository.ts for what a search page reads). Bad parameters are a ValidationError.
 */
export async function listTasks(
  scope: TaskScope,
  query: {
    status?: string | null;
    sort?: string | null;
    due?: string | null;
    /** A search; empty or absent is the plain list. */
    q?: string | null;
    /** A label; only tasks carrying it. */
    label?: string | null;
    cursor?: string | null;
    /** Tasks per page, 1 to 100 (the JSON API); the pages use the default. */
    limit?: string | null;
  },
  clock: Clock = {},
): Promise<TaskListPage> {
  const parsed = parseInput(taskListQuerySchema, {
    status: query.status ?? undefined,
    sort: query.sort ?? undefined,
    due: query.due ?? undefined,
    q: query.q ?? undefined,
    label: query.label ?? undefined,
    limit: query.limit ?? undefined,
  });
  if (scope.assigneeId !== undefined) {
    // One index, in one order: open tasks soonest first, then done ones.
    const errors: Record<string, string[]> = {};
    if (!/^[\w-]{1,128}$/.test(scope.assigneeId)) errors.assignee = ['Name the assignee as "me" or a user id.'];
    if (parsed.due)
      errors.due = ["Assigned tasks are not split into Today and Upcoming: they are listed soonest first."];
    if (query.sort && parsed.sort !== "due") errors.sort = ["Assigned tasks are sorted by due date."];
    if (parsed.status === "todo" || parsed.status === "in_progress")
      errors.status = ["Assigned tasks can be filtered as not done or done."];
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }
  const view: TaskListView = {
    ...(parsed.status ? { status: parsed.status } : {}),
    sort: parsed.due || scope.assigneeId !== undefined ? "due" : parsed.sort,
    ...(parsed.due ? { due: parsed.due } : {}),
    ...(parsed.q ? { q: parsed.q } : {}),
    ...(parsed.label ? { label: parsed.label } : {}),
  };
  return { view, ...(await readPage(scope, view, query.cursor, clock, parsed.limit)) };
}

export interface BoardColumn {
  status: TaskStatus;
  tasks: Task[];
  nextCursor?: string;
  /** True when this column shows a later page (its cursor was given). */
  laterPage: boolean;
}

export interface Board {
  sort: TaskSort;
  label?: string;
  today: string;
  columns: BoardColumn[];
}

/** The board: one column per status in the chosen sort, each paged by its own cursor. */
export async function getBoard(
  scope: TaskScope,
  query: { sort?: string | null; label?: string | null; cursors?: Partial<Record<TaskStatus, string | null>> },
  clock: Clock = {},
): Promise<Board> {
  const { sort, label } = parseInput(taskListQuerySchema, {
    sort: query.sort ?? undefined,
    label: query.label ?? undefined,
  });
  const today = todayFor(clock);
  const columns = await Promise.all(
    TASK_STATUSES.map(async (status): Promise<BoardColumn> => {
      const cursor = query.cursors?.[status];
      const page = await readPage(scope, { status, sort, ...(label ? { label } : {}) }, cursor, clock);
      return {
        status,
        tasks: page.tasks,
        laterPage: Boolean(cursor),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    }),
  );
  return { sort, ...(label ? { label } : {}), today, columns };
}

/**
 * The edit form's save. A task that has or gets a time or repeat, or is marked done, is read
 * first (one GetItem): what the form leaves out is kept, and completing a recurring task moves
 * it to its next date instead. Other edits write straight away, as before.
 */
/**
 * The edit form's save. `movingTo`: the list the same form moves it to next (the route moves it
 * after this write), whose labels the task's labels become: checked and spelled there before
 * anything is saved, so a list with no room for them refuses the save and the move together.
 */
export async function updateTask(
  access: ListAccess,
  taskId: string,
  input: unknown,
  clock: Clock = {},
  movingTo?: ListAccess,
): Promise<Task> {
  requireRole(access, "editor");
  const id = parseTaskId(taskId);
  const { version, assigneeId, ...values } = parseInput(taskUpdateSchema, input);
  checkAssignee(access, assigneeId);
  const now = new Date();
  // A form without the time or repeat field (from before they existed) keeps the task's.
  const needsCurrent = values.status === "done" || values.repeat !== null || values.dueTime === undefined;
  const current = needsCurrent ? await repository.getTask(access.listId, id) : null;
  if (needsCurrent && !current) throw notFound();
  if (current && current.version !== version)
    throw new ConflictError("task.version_conflict", "This task was changed since you opened it.", current);
  let fields: TaskFields = {
    ...(await resolveFields(values, current, clock)),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
  };
  fields.labels = await spelledLabels(movingTo?.listId ?? access.listId, fields.labels, movingTo?.name);
  if (current && fields.status === "done" && current.status !== "done" && fields.recurrence && fields.dueDate) {
    const completed = (await loadRecurrence()).completedOccurrence(
      { ...current, ...fields, completions: current.completions },
      now,
    );
    if (completed) fields = { ...completed, ...(assigneeId !== undefined ? { assigneeId } : {}) };
  }
  return repository
    .updateTask(access.listId, id, version, fields, now.toISOString(), access.userId)
    .then(noticeTaskChanged)
    .then((task) => asSeenIn(access, task));
}

/** A one-click change of one field (one-click-service.ts, loaded on use: a cold start need not carry it). */
async function changeOneField(
  access: ListAccess,
  taskId: string,
  version: number,
  change: OneClick,
): Promise<{ task: Task; before: Task; repeated: boolean }> {
  requireRole(access, "editor");
  const id = parseTaskId(taskId);
  return (await import("#src/tasks/one-click-service.ts")).changeOneField(access, id, version, change);
}

export async function setTaskStatus(access: ListAccess, taskId: string, input: unknown): Promise<Task> {
  const { status, version, "base.status": seen } = parseInput(statusChangeSchema, input);
  return (await changeOneField(access, taskId, version, { field: "status", value: status, seen })).task;
}

/**
 * A one-click status change from a list or a task's page. When it completed a recurring task
 * (which moved to its next date), `repeated` says so and carries an undo that puts the date back.
 */
export async function setTaskStatusWithUndo(
  access: ListAccess,
  taskId: string,
  input: unknown,
): Promise<{ task: Task; repeated?: { undoToken?: string } }> {
  const { status, version, "base.status": seen } = parseInput(statusChangeSchema, input);
  const { task, before, repeated } = await changeOneField(access, taskId, version, {
    field: "status",
    value: status,
    seen,
  });
  if (!repeated) return { task };
  const undoToken = await offerUndo(access.userId, "change", [{ before, afterVersion: task.version }]);
  return { task, repeated: undoToken ? { undoToken } : {} };
}

/** A one-click assignment from a row's menu: a member of the list, or nobody (""). Editors and owners only. */
export async function setTaskAssignee(access: ListAccess, taskId: string, input: unknown): Promise<Task> {
  requireRole(access, "editor");
  const { assigneeId, version, "base.assigneeId": seen } = parseInput(assigneeChangeSchema, input);
  checkAssignee(access, assigneeId);
  return (await changeOneField(access, taskId, version, { field: "assigneeId", value: assigneeId, seen })).task;
}

export async function setTaskPriority(access: ListAccess, taskId: string, input: unknown): Promise<Task> {
  const { priority, version, "base.priority": seen } = parseInput(priorityChangeSchema, input);
  return (await changeOneField(access, taskId, version, { field: "priority", value: priority, seen })).task;
}

/**
 * Once per owner: tasks stored by older versions get what the views need (the due and priority
 * index keys, searchText), so they are in every sort and searched at the same cost as the
 * rest. The caller records that it ran, so it is not repeated at every sign-in.
 */
export async function prepareTasksForOwner(owner: string): Promise<void> {
  await repository.addMissingDerivedAttributes(owner);
}

/**
 * Deletes the task and returns what it was, so the page can say what went. With a version
 * (the API's If-Match), only that version is deleted; a newer one is a ConflictError.
 */
export async function deleteTask(access: ListAccess, taskId: string, expectedVersion?: number): Promise<Task> {
  requireRole(access, "editor");
  return repository.deleteTask(access.listId, parseTaskId(taskId), expectedVersion).then(noticeTaskChanged);
}

/** A single delete from a task's page, with undo. */
export async function deleteTaskWithUndo(
  access: ListAccess,
  taskId: string,
): Promise<{ task: Task; undoToken?: string }> {
  requireRole(access, "editor");
  const id = taskIdSchema.safeParse(taskId).success ? taskId : "-";
  // Read first: the delete's own reply carries the task, and when that reply is lost (the SDK
  // retries, and the retry finds nothing) the task would be gone with no Undo and a 404.
  const current = await repository.getTask(access.listId, id);
  if (!current) throw new NotFoundError("task.not_found", "Task not found.");
  let task: Task;
  try {
    task = await repository.deleteTask(access.listId, id);
  } catch (error) {
    // Gone between the read and the delete: this delete's lost reply, or another tab's delete
    // in the same instant. Either way it is deleted, and what was read is what Undo restores.
    if (!(error instanceof NotFoundError)) throw error;
    task = current;
  }
  await noticeListChanged(task.listId);
  const undoToken = await offerUndo(access.userId, "delete", [{ before: task }]);
  return undoToken ? { task, undoToken } : { task };
}
