import { inboxAccess } from "#src/lists/list-access.ts";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { expect, test } from "vitest";
import { loadAccountSettings } from "#src/accounts/settings-service.ts";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ConflictError, InvalidTokenError, NotFoundError, ValidationError } from "#src/errors.ts";
import { addDays } from "#src/tasks/task-dates.ts";
import {
  PAGE_SIZE,
  createTask,
  getBoard,
  getTask,
  listTasks,
  setTaskPriority,
  setTaskStatus,
  updateTask,
  listScope,
} from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId, taskFields } from "#tests/support/factories.ts";

// 2026-12-03 10:00 UTC: Thursday 3 December in Berlin and in UTC.
const NOW = new Date("2026-12-03T10:00:00Z");
const TODAY = "2026-12-03";
const clock = { timeZone: "Europe/Berlin", now: NOW };

const titles = (tasks: Task[]) => tasks.map((task) => task.title);

async function seed(owner: string, specs: Record<string, string>[]): Promise<Task[]> {
  const created: Task[] = [];
  for (const spec of specs) created.push(await createTask(inboxAccess(owner), taskFields(spec)));
  return created;
}

test("sort=due puts the soonest first and tasks without a date last; oldest reverses newest", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "no date A" },
    { title: "next week", dueDate: "2026-12-10" },
    { title: "yesterday", dueDate: "2026-12-02" },
    { title: "no date B" },
    { title: "today", dueDate: TODAY, status: "done" },
  ]);

  const byDue = await listTasks(listScope(inboxAccess(owner)), { sort: "due" }, clock);
  const oldest = await listTasks(listScope(inboxAccess(owner)), { sort: "oldest" }, clock);
  const newest = await listTasks(listScope(inboxAccess(owner)), { sort: "newest" }, clock);

  expect(titles(byDue.tasks)).toEqual(["yesterday", "today", "next week", "no date A", "no date B"]);
  expect(titles(oldest.tasks)).toEqual(["no date A", "next week", "yesterday", "no date B", "today"]);
  expect(titles(newest.tasks)).toEqual([...titles(oldest.tasks)].reverse());
});

test("sort=priority puts urgent first, then by due date, then no date", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "none", priority: "none" },
    { title: "low soon", priority: "low", dueDate: "2026-12-04" },
    { title: "urgent undated", priority: "urgent" },
    { title: "urgent later", priority: "urgent", dueDate: "2027-01-01" },
    { title: "urgent soon", priority: "urgent", dueDate: "2026-12-05" },
    { title: "high", priority: "high", dueDate: "2026-12-20" },
    { title: "medium", priority: "medium" },
  ]);

  const { tasks } = await listTasks(listScope(inboxAccess(owner)), { sort: "priority" }, clock);

  expect(titles(tasks)).toEqual([
    "urgent soon",
    "urgent later",
    "urgent undated",
    "high",
    "medium",
    "low soon",
    "none",
  ]);
});

test("Not done lists to-do and in-progress tasks together in every sort, two Queries merged in order", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "todo late", status: "todo", dueDate: "2026-12-20", priority: "low" },
    { title: "done", status: "done", dueDate: "2026-12-01", priority: "urgent" },
    { title: "doing soon", status: "in_progress", dueDate: "2026-12-04", priority: "none" },
    { title: "todo urgent", status: "todo", priority: "urgent" },
    { title: "doing high", status: "in_progress", priority: "high" },
  ]);

  const { result: newest, calls } = await recordCallsDuring(() =>
    listTasks(listScope(inboxAccess(owner)), { status: "not_done" }, clock),
  );
  const due = await listTasks(listScope(inboxAccess(owner)), { status: "not_done", sort: "due" }, clock);
  const priority = await listTasks(listScope(inboxAccess(owner)), { status: "not_done", sort: "priority" }, clock);
  // In Today and Upcoming "not done" is the view itself: the filter is dropped, not refused.
  const today = await listTasks(listScope(inboxAccess(owner)), { status: "not_done", due: "today" }, clock);

  expect(calls).toEqual(["QueryCommand:byStatus", "QueryCommand:byStatus"]);
  expect(titles(newest.tasks)).toEqual(["doing high", "todo urgent", "doing soon", "todo late"]);
  // Without a date, last, the older first (as in every due-date order).
  expect(titles(due.tasks)).toEqual(["doing soon", "todo late", "todo urgent", "doing high"]);
  expect(titles(priority.tasks)).toEqual(["todo urgent", "doing high", "todo late", "doing soon"]);
  expect(newest.view).toEqual({ status: "not_done", sort: "newest" });
  expect(today.view).toEqual({ sort: "due", due: "today" });
});

test("each sort combines with a status filter", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "todo late", status: "todo", dueDate: "2026-12-20", priority: "low" },
    { title: "done", status: "done", dueDate: "2026-12-01", priority: "urgent" },
    { title: "todo soon", status: "todo", dueDate: "2026-12-04", priority: "none" },
    { title: "todo urgent", status: "todo", priority: "urgent" },
  ]);

  const due = await listTasks(listScope(inboxAccess(owner)), { status: "todo", sort: "due" }, clock);
  const priority = await listTasks(listScope(inboxAccess(owner)), { status: "todo", sort: "priority" }, clock);
  const oldest = await listTasks(listScope(inboxAccess(owner)), { status: "todo", sort: "oldest" }, clock);

  expect(titles(due.tasks)).toEqual(["todo soon", "todo late", "todo urgent"]);
  expect(titles(priority.tasks)).toEqual(["todo urgent", "todo late", "todo soon"]);
  expect(titles(oldest.tasks)).toEqual(["todo late", "todo soon", "todo urgent"]);
  expect(priority.view).toEqual({ status: "todo", sort: "priority" });
});

test("Today lists overdue and due-today tasks that are not done, soonest first", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "due today", dueDate: TODAY, status: "in_progress" },
    { title: "overdue a month", dueDate: "2026-11-03" },
    { title: "overdue but done", dueDate: "2026-12-01", status: "done" },
    { title: "due today, done", dueDate: TODAY, status: "done" },
    { title: "tomorrow", dueDate: "2026-12-04" },
    { title: "no date" },
    { title: "overdue yesterday", dueDate: "2026-12-02", status: "in_progress" },
  ]);

  const { tasks, today, view } = await listTasks(listScope(inboxAccess(owner)), { due: "today" }, clock);

  expect(today).toBe(TODAY);
  expect(view).toEqual({ sort: "due", due: "today" });
  expect(titles(tasks)).toEqual(["overdue a month", "overdue yesterday", "due today"]);
});

test("Upcoming lists what is due in the next 7 days and not done, soonest first", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "today", dueDate: TODAY },
    { title: "in 7 days", dueDate: addDays(TODAY, 7) },
    { title: "in 8 days", dueDate: addDays(TODAY, 8) },
    { title: "tomorrow", dueDate: addDays(TODAY, 1), status: "in_progress" },
    { title: "in 3 days, done", dueDate: addDays(TODAY, 3), status: "done" },
    { title: "no date" },
  ]);

  const upcoming = await listTasks(listScope(inboxAccess(owner)), { due: "upcoming" }, clock);
  const upcomingInProgress = await listTasks(
    listScope(inboxAccess(owner)),
    { due: "upcoming", status: "in_progress" },
    clock,
  );

  expect(titles(upcoming.tasks)).toEqual(["tomorrow", "in 7 days"]);
  expect(titles(upcomingInProgress.tasks)).toEqual(["tomorrow"]);
});

test("Today is the user's today: at one instant New York and Tokyo see different days", async () => {
  const owner = newOwnerId();
  // 2026-12-03 20:00 in New York is already 2026-12-04 10:00 in Tokyo.
  const now = new Date("2026-12-04T01:00:00Z");
  await seed(owner, [
    { title: "due Dec 3", dueDate: "2026-12-03" },
    { title: "due Dec 4", dueDate: "2026-12-04" },
  ]);

  const newYork = await listTasks(
    listScope(inboxAccess(owner)),
    { due: "today" },
    { timeZone: "America/New_York", now },
  );
  const tokyo = await listTasks(listScope(inboxAccess(owner)), { due: "today" }, { timeZone: "Asia/Tokyo", now });
  const noZone = await listTasks(listScope(inboxAccess(owner)), { due: "today" }, { timeZone: null, now });

  expect(newYork.today).toBe("2026-12-03");
  expect(titles(newYork.tasks)).toEqual(["due Dec 3"]);
  expect(tokyo.today).toBe("2026-12-04");
  expect(titles(tokyo.tasks)).toEqual(["due Dec 3", "due Dec 4"]);
  expect(noZone.today).toBe("2026-12-04");
});

test("bad view parameters are validation errors with a message", async () => {
  const owner = newOwnerId();
  const messageOf = (query: Record<string, string>) =>
    listTasks(listScope(inboxAccess(owner)), query, clock).then(
      () => "resolved",
      (error: unknown) => (error instanceof ValidationError ? error.fieldErrors : error),
    );

  expect(await messageOf({ sort: "random" })).toEqual({ sort: ["Unknown sort order."] });
  expect(await messageOf({ due: "yesterday" })).toEqual({ due: ["Unknown due-date view."] });
  expect(await messageOf({ status: "archived" })).toEqual({ status: ["Unknown status filter."] });
  expect(await messageOf({ due: "today", status: "done" })).toEqual({
    status: ["Today and Upcoming only list tasks not done."],
  });
  expect(await messageOf({ due: "today", sort: "priority" })).toEqual({
    sort: ["Today and Upcoming are sorted by due date."],
  });
});

async function pageThrough(owner: string, query: Record<string, string>) {
  const pages: Task[][] = [];
  const callsPerPage: string[][] = [];
  let cursor: string | undefined;
  do {
    const { result, calls } = await recordCallsDuring(() =>
      listTasks(listScope(inboxAccess(owner)), { ...query, cursor }, clock),
    );
    pages.push(result.tasks);
    callsPerPage.push(calls);
    cursor = result.nextCursor;
  } while (cursor && pages.length < 10);
  return { pages, callsPerPage };
}

test("paging 60 tasks through every sort, filter and due view shows each once, with at most two Queries a page", async () => {
  const owner = newOwnerId();
  const priorities = ["none", "low", "medium", "high", "urgent"];
  const statuses = ["todo", "in_progress", "done"];
  // Many share a due date and a priority, so the id tie-break is exercised across page ends.
  const specs = Array.from({ length: 60 }, (_, i) => ({
    title: `Task ${String(i).padStart(2, "0")}`,
    status: statuses[i % 3]!,
    priority: priorities[i % 5]!,
    dueDate: i % 4 === 0 ? "" : addDays(TODAY, (i % 9) - 4),
  }));
  const created = await seed(owner, specs);
  const open = created.filter((task) => task.status !== "done");
  const expectations: [Record<string, string>, Task[]][] = [
    [{}, created],
    [{ sort: "oldest" }, created],
    [{ sort: "due" }, created],
    [{ sort: "priority" }, created],
    [{ status: "done", sort: "due" }, created.filter((task) => task.status === "done")],
    [{ status: "todo", sort: "priority" }, created.filter((task) => task.status === "todo")],
    [{ status: "not_done" }, open],
    [{ status: "not_done", sort: "oldest" }, open],
    [{ status: "not_done", sort: "due" }, open],
    [{ status: "not_done", sort: "priority" }, open],
    [{ due: "today" }, open.filter((task) => task.dueDate !== null && task.dueDate <= TODAY)],
    [
      { due: "upcoming" },
      open.filter((task) => task.dueDate !== null && task.dueDate > TODAY && task.dueDate <= addDays(TODAY, 7)),
    ],
  ];

  for (const [query, expected] of expectations) {
    const { pages, callsPerPage } = await pageThrough(owner, query);
    const ids = pages.flat().map((task) => task.id);
    const label = JSON.stringify(query);
    expect(ids.length, label).toBe(expected.length);
    expect(new Set(ids), label).toEqual(new Set(expected.map((task) => task.id)));
    expect(
      pages.every((page, index) => page.length === PAGE_SIZE || index === pages.length - 1),
      label,
    ).toBe(true);
    for (const calls of callsPerPage) {
      expect(calls.length, label).toBeLessThanOrEqual(2);
      expect(
        calls.every((call) => call.startsWith("QueryCommand")),
        `${label}: ${calls.join(", ")}`,
      ).toBe(true);
    }
  }
});

test("each page of a sorted view continues in order from the last", async () => {
  const owner = newOwnerId();
  const created = await seed(
    owner,
    Array.from({ length: 30 }, (_, i) => ({ title: `T${i}`, dueDate: addDays(TODAY, 30 - (i % 7)) })),
  );

  const { pages } = await pageThrough(owner, { sort: "due" });

  const expected = [...created].sort((a, b) =>
    a.dueDate === b.dueDate ? (a.id < b.id ? -1 : 1) : (a.dueDate ?? "") < (b.dueDate ?? "") ? -1 : 1,
  );
  expect(pages.flat().map((task) => task.id)).toEqual(expected.map((task) => task.id));
});

test("a cursor only works for the owner and view it was issued for", async () => {
  const owner = newOwnerId();
  await seed(
    owner,
    Array.from({ length: PAGE_SIZE + 1 }, () => ({ dueDate: TODAY })),
  );
  const { nextCursor } = await listTasks(listScope(inboxAccess(owner)), { due: "today" }, clock);
  expect(nextCursor).toBeDefined();

  await expect(
    listTasks(listScope(inboxAccess(owner)), { due: "upcoming", cursor: nextCursor }, clock),
  ).rejects.toBeInstanceOf(InvalidTokenError);
  await expect(
    listTasks(listScope(inboxAccess(owner)), { sort: "due", cursor: nextCursor }, clock),
  ).rejects.toBeInstanceOf(InvalidTokenError);
  await expect(
    listTasks(listScope(inboxAccess(newOwnerId())), { due: "today", cursor: nextCursor }, clock),
  ).rejects.toBeInstanceOf(InvalidTokenError);
  // The next day, the second page still belongs to the day the first was read.
  const tomorrow = { ...clock, now: new Date(NOW.getTime() + 86_400_000) };
  const second = await listTasks(listScope(inboxAccess(owner)), { due: "today", cursor: nextCursor }, tomorrow);
  expect(second.tasks).toHaveLength(1);
  expect(second.today).toBe(TODAY);
});

test("the board reads each status column with one Query, in the chosen sort, with a cursor per column", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "todo later", status: "todo", dueDate: "2026-12-30" },
    { title: "todo sooner", status: "todo", dueDate: "2026-12-05" },
    { title: "doing", status: "in_progress" },
    ...Array.from({ length: PAGE_SIZE + 2 }, (_, i) => ({ title: `done ${i}`, status: "done" })),
  ]);

  const { result: board, calls } = await recordCallsDuring(() =>
    getBoard(listScope(inboxAccess(owner)), { sort: "due" }, clock),
  );
  const [todo, inProgress, done] = board.columns;

  expect(calls.sort()).toEqual(["QueryCommand:byStatusDue", "QueryCommand:byStatusDue", "QueryCommand:byStatusDue"]);
  expect(titles(todo!.tasks)).toEqual(["todo sooner", "todo later"]);
  expect(titles(inProgress!.tasks)).toEqual(["doing"]);
  expect(done!.tasks).toHaveLength(PAGE_SIZE);
  expect(todo!.nextCursor).toBeUndefined();
  expect(done!.nextCursor).toBeDefined();

  const more = await getBoard(
    listScope(inboxAccess(owner)),
    { sort: "due", cursors: { done: done!.nextCursor } },
    clock,
  );
  expect(more.columns[2]!.tasks).toHaveLength(2);
  expect(more.columns[2]!.laterPage).toBe(true);
  expect(titles(more.columns[0]!.tasks)).toEqual(["todo sooner", "todo later"]);
  // A column's cursor is bound to its own column.
  await expect(
    getBoard(listScope(inboxAccess(owner)), { sort: "due", cursors: { todo: done!.nextCursor } }, clock),
  ).rejects.toBeInstanceOf(InvalidTokenError);
});

test("setTaskStatus changes only the status, moves the task between views and bumps the version", async () => {
  const owner = newOwnerId();
  const [task] = await seed(owner, [{ title: "Ship it", dueDate: TODAY, priority: "high", description: "Keep" }]);

  const moved = await setTaskStatus(inboxAccess(owner), task!.id, { status: "done", version: "1" });

  expect(moved).toMatchObject({ status: "done", version: 2, priority: "high", dueDate: TODAY, description: "Keep" });
  expect((await listTasks(listScope(inboxAccess(owner)), { due: "today" }, clock)).tasks).toEqual([]);
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { status: "done" }, clock)).tasks)).toEqual([
    "Ship it",
  ]);
});

test("setTaskPriority re-sorts the task and keeps everything else", async () => {
  const owner = newOwnerId();
  const [a, b] = await seed(owner, [
    { title: "a", priority: "high" },
    { title: "b", priority: "low", dueDate: "2026-12-10" },
  ]);

  const changed = await setTaskPriority(inboxAccess(owner), b!.id, { priority: "urgent", version: "1" });

  expect(changed).toMatchObject({ priority: "urgent", version: 2, dueDate: "2026-12-10", status: "todo" });
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { sort: "priority" }, clock)).tasks)).toEqual([
    "b",
    "a",
  ]);
  expect(await getTask(inboxAccess(owner), a!.id)).toEqual(a);
});

test("a one-click change on a stale version is a conflict with the current task, and changes nothing", async () => {
  const owner = newOwnerId();
  const [task] = await seed(owner, [{ title: "Original" }]);
  const current = await updateTask(inboxAccess(owner), task!.id, {
    ...taskFields({ title: "Renamed elsewhere", status: "in_progress", dueDate: "", priority: "none" }),
    version: "1",
  });

  const error = await setTaskStatus(inboxAccess(owner), task!.id, { status: "done", version: "1" }).catch(
    (e: unknown) => e,
  );
  const priorityError = await setTaskPriority(inboxAccess(owner), task!.id, { priority: "high", version: "1" }).catch(
    (e: unknown) => e,
  );

  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).current).toEqual(current);
  expect(priorityError).toBeInstanceOf(ConflictError);
  expect(await getTask(inboxAccess(owner), task!.id)).toEqual(current);
});

test("asking for the status a task already has succeeds without a new version, even from a stale page", async () => {
  const owner = newOwnerId();
  const [task] = await seed(owner, [{ title: "Both tabs", status: "todo" }]);
  const done = await setTaskStatus(inboxAccess(owner), task!.id, { status: "done", version: "1" });

  const again = await setTaskStatus(inboxAccess(owner), task!.id, { status: "done", version: "1" });

  expect(again).toEqual(done);
});

test("one-click changes to a missing or foreign task are not found, and bad values are refused", async () => {
  const owner = newOwnerId();
  const [task] = await seed(owner, [{ title: "Mine" }]);

  await expect(
    setTaskStatus(inboxAccess(newOwnerId()), task!.id, { status: "done", version: "1" }),
  ).rejects.toBeInstanceOf(NotFoundError);
  await expect(setTaskPriority(inboxAccess(owner), "nope", { priority: "high", version: "1" })).rejects.toBeInstanceOf(
    NotFoundError,
  );
  await expect(
    setTaskStatus(inboxAccess(owner), task!.id, { status: "archived", version: "1" }),
  ).rejects.toBeInstanceOf(ValidationError);
  await expect(
    setTaskPriority(inboxAccess(owner), task!.id, { priority: "critical", version: "1" }),
  ).rejects.toBeInstanceOf(ValidationError);
  await expect(setTaskStatus(inboxAccess(owner), task!.id, { status: "done" })).rejects.toBeInstanceOf(ValidationError);
  expect(await getTask(inboxAccess(owner), task!.id)).toEqual(task);
});

test("a task stored before due dates and priorities existed reads as none / no date, and an edit keeps it", async () => {
  const owner = newOwnerId();
  const legacy = {
    owner,
    id: "01JAAAAAAAAAAAAAAAAAAAAAAA",
    ownerStatus: `${owner}#todo`,
    title: "From last year",
    description: "Written by the old code",
    status: "todo",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    version: 3,
  };
  await (await getDocumentClient()).send(new PutCommand({ TableName: getTableNames().tasks, Item: legacy }));

  const read = await getTask(inboxAccess(owner), legacy.id);
  const listed = await listTasks(listScope(inboxAccess(owner)), {}, clock);
  const changed = await setTaskPriority(inboxAccess(owner), legacy.id, { priority: "high", version: "3" });

  expect(read).toMatchObject({ title: "From last year", dueDate: null, priority: "none", version: 3 });
  expect(titles(listed.tasks)).toEqual(["From last year"]);
  expect(changed).toMatchObject({ title: "From last year", description: "Written by the old code", priority: "high" });
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { sort: "priority" }, clock)).tasks)).toEqual([
    "From last year",
  ]);
});

test("a user's tasks from before due dates and priorities join the due and priority sorts once their settings load", async () => {
  const owner = newOwnerId();
  const table = getTableNames().tasks;
  const legacyItem = (id: string, title: string) => ({
    owner,
    id,
    ownerStatus: `${owner}#todo`,
    title,
    description: "",
    status: "todo",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    version: 1,
  });
  const client = await getDocumentClient();
  await client.send(new PutCommand({ TableName: table, Item: legacyItem("01JAAAAAAAAAAAAAAAAAAAAAA1", "Old one") }));
  await client.send(new PutCommand({ TableName: table, Item: legacyItem("01JAAAAAAAAAAAAAAAAAAAAAA2", "Old two") }));
  await seed(owner, [{ title: "New, due", dueDate: TODAY, priority: "high" }]);
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { sort: "due" }, clock)).tasks)).toEqual(["New, due"]);

  const first = await recordCallsDuring(() => loadAccountSettings(owner));
  const again = await recordCallsDuring(() => loadAccountSettings(owner));

  expect(titles((await listTasks(listScope(inboxAccess(owner)), { sort: "due" }, clock)).tasks)).toEqual([
    "New, due",
    "Old one",
    "Old two",
  ]);
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { sort: "priority" }, clock)).tasks)).toEqual([
    "New, due",
    "Old one",
    "Old two",
  ]);
  // One read of the account, one pass over the partition, a write per old task, the marker.
  expect(
    first.calls.filter((call) => call === "UpdateItemCommand"),
    first.calls.join(", "),
  ).toHaveLength(3);
  expect(again.calls).toEqual(["GetItemCommand"]);
  expect(await getTask(inboxAccess(owner), "01JAAAAAAAAAAAAAAAAAAAAAA1")).toMatchObject({ version: 1, dueDate: null });
});
