import { inboxAccess } from "#src/lists/list-access.ts";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { expect, test } from "vitest";
import { loadAccountSettings } from "#src/accounts/settings-service.ts";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { InvalidTokenError, ValidationError } from "#src/errors.ts";
import { batchPutTasks } from "#src/scripts/bench/bench-seed.ts";
import { SEARCH_EXAMINE_LIMIT } from "#src/tasks/task-search.ts";
import { PAGE_SIZE, createTask, listTasks, updateTask, listScope } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId, taskFields } from "#tests/support/factories.ts";

// Search through the service against the local DynamoDB: GET /tasks?q=… and the API's q.

const NOW = new Date("2026-12-03T10:00:00Z");
const TODAY = "2026-12-03";
const clock = { timeZone: "UTC", now: NOW };

const titles = (tasks: Task[]) => tasks.map((task) => task.title);

async function seed(owner: string, specs: Record<string, string>[]): Promise<Task[]> {
  const created: Task[] = [];
  for (const spec of specs) created.push(await createTask(inboxAccess(owner), taskFields(spec)));
  return created;
}

test("search ignores case and accents, both ways, in titles and descriptions", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "Café with Zoë" },
    { title: "Plan the trip", description: "Réunion à l'ÉCOLE on Friday" },
    { title: "Straße fegen" },
    { title: "Nothing to see" },
  ]);

  const search = async (q: string) => titles((await listTasks(listScope(inboxAccess(owner)), { q }, clock)).tasks);

  expect(await search("cafe")).toEqual(["Café with Zoë"]);
  expect(await search("CAFÉ zoe")).toEqual(["Café with Zoë"]);
  expect(await search("ecole reunion")).toEqual(["Plan the trip"]);
  expect(await search("strasse")).toEqual(["Straße fegen"]);
  // A combining accent typed separately ("e" + U+0301) is the same letter.
  expect(await search("re\u0301union")).toEqual(["Plan the trip"]);
});

test("every word must match, each as the start of a word of the task", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "Buy milk" },
    { title: "Buy bread" },
    { title: "Milk the goat", description: "then buy hay" },
    { title: "Planning meeting" },
  ]);

  const search = async (q: string) => titles((await listTasks(listScope(inboxAccess(owner)), { q }, clock)).tasks);

  expect(await search("buy milk")).toEqual(["Milk the goat", "Buy milk"]);
  expect(await search("milk buy bread")).toEqual([]);
  expect(await search("plan")).toEqual(["Planning meeting"]);
  // Word-prefix matching: the middle of a word is not a match.
  expect(await search("anning")).toEqual([]);
});

test("search combines with the status filter, each sort and the due views", async () => {
  const owner = newOwnerId();
  await seed(owner, [
    { title: "report draft", dueDate: "2026-12-10", priority: "low" },
    { title: "report final", dueDate: "2026-12-02", priority: "urgent", status: "in_progress" },
    { title: "report sent", dueDate: TODAY, status: "done" },
    { title: "report someday" },
    { title: "unrelated today", dueDate: TODAY },
  ]);

  const list = async (query: Record<string, string>) =>
    titles((await listTasks(listScope(inboxAccess(owner)), { q: "report", ...query }, clock)).tasks);

  expect(await list({})).toEqual(["report someday", "report sent", "report final", "report draft"]);
  expect(await list({ status: "done" })).toEqual(["report sent"]);
  expect(await list({ sort: "due" })).toEqual(["report final", "report sent", "report draft", "report someday"]);
  expect(await list({ sort: "priority" })).toEqual(["report final", "report draft", "report sent", "report someday"]);
  expect(await list({ due: "today" })).toEqual(["report final"]);
  expect(await list({ due: "upcoming" })).toEqual(["report draft"]);
  expect(await list({ due: "today", status: "in_progress" })).toEqual(["report final"]);
});

test("search pages with a cursor bound to the words; another search or the plain list refuses it", async () => {
  const owner = newOwnerId();
  const specs = Array.from({ length: PAGE_SIZE + 5 }, (_, i) => ({ title: `Café ${i + 1}` }));
  await seed(owner, [...specs.slice(0, 10), { title: "Other thing" }, ...specs.slice(10)]);

  const first = await listTasks(listScope(inboxAccess(owner)), { q: "cafe" }, clock);
  // The same words typed differently are the same search.
  const second = await listTasks(listScope(inboxAccess(owner)), { q: " CAFÉ ", cursor: first.nextCursor }, clock);

  expect(first.tasks).toHaveLength(PAGE_SIZE);
  expect(first.nextCursor).toBeDefined();
  expect(first.moreToSearch).toBeUndefined();
  expect(second.tasks).toHaveLength(5);
  expect(second.nextCursor).toBeUndefined();
  expect(new Set([...titles(first.tasks), ...titles(second.tasks)]).size).toBe(PAGE_SIZE + 5);
  expect(titles(second.tasks).at(-1)).toBe("Café 1");
  for (const query of [{ q: "other" }, { q: "" }, {}, { q: "cafe", status: "todo" }]) {
    await expect(
      listTasks(listScope(inboxAccess(owner)), { ...query, cursor: first.nextCursor }, clock),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  }
  const plain = await listTasks(listScope(inboxAccess(owner)), {}, clock);
  await expect(
    listTasks(listScope(inboxAccess(owner)), { q: "cafe", cursor: plain.nextCursor }, clock),
  ).rejects.toBeInstanceOf(InvalidTokenError);
});

test("a search never finds another user's tasks, nor follows another user's cursor", async () => {
  const owner = newOwnerId();
  const other = newOwnerId();
  await seed(
    other,
    Array.from({ length: PAGE_SIZE + 1 }, () => ({ title: "secret plans" })),
  );
  await seed(owner, [{ title: "my plans" }]);

  const mine = await listTasks(listScope(inboxAccess(owner)), { q: "secret" }, clock);
  const theirs = await listTasks(listScope(inboxAccess(other)), { q: "secret" }, clock);

  expect(mine.tasks).toEqual([]);
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { q: "plans" }, clock)).tasks)).toEqual(["my plans"]);
  await expect(
    listTasks(listScope(inboxAccess(owner)), { q: "secret", cursor: theirs.nextCursor }, clock),
  ).rejects.toBeInstanceOf(InvalidTokenError);
});

test("a search of 201 characters is refused with a message; 200 are fine; blank is the plain list", async () => {
  const owner = newOwnerId();
  await seed(owner, [{ title: "one" }, { title: "two" }]);

  const error = await listTasks(listScope(inboxAccess(owner)), { q: "a".repeat(201) }, clock).catch(
    (caught: unknown) => caught,
  );
  const longest = await listTasks(listScope(inboxAccess(owner)), { q: "é".repeat(200) }, clock);
  const blank = await listTasks(listScope(inboxAccess(owner)), { q: "   " }, clock);

  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors.q).toEqual(["A search can be at most 200 characters."]);
  expect(longest.tasks).toEqual([]);
  expect(blank.view.q).toBeUndefined();
  expect(titles(blank.tasks)).toEqual(["two", "one"]);
});

test("a search page whose matches are common is one Query, even in a large list", async () => {
  const owner = newOwnerId();
  await seed(
    owner,
    Array.from({ length: 60 }, (_, i) => ({ title: i % 2 ? `common word ${i}` : `other ${i}` })),
  );

  const page = await recordCallsDuring(() => listTasks(listScope(inboxAccess(owner)), { q: "common" }, clock));
  const next = await recordCallsDuring(() =>
    listTasks(listScope(inboxAccess(owner)), { q: "common", cursor: page.result.nextCursor }, clock),
  );

  expect(page.calls).toEqual(["QueryCommand"]);
  expect(page.result.tasks).toHaveLength(PAGE_SIZE);
  expect(next.calls).toEqual(["QueryCommand"]);
  expect(next.result.tasks).toHaveLength(5);
  expect(next.result.nextCursor).toBeUndefined();
});

test("a search page is one Query (two for Today), and punctuation alone reads nothing", async () => {
  const owner = newOwnerId();
  await seed(owner, [{ title: "alpha", dueDate: TODAY }, { title: "beta" }]);

  const plain = await recordCallsDuring(() => listTasks(listScope(inboxAccess(owner)), { q: "alpha" }, clock));
  const byPriority = await recordCallsDuring(() =>
    listTasks(listScope(inboxAccess(owner)), { q: "alpha", sort: "priority", status: "todo" }, clock),
  );
  const today = await recordCallsDuring(() =>
    listTasks(listScope(inboxAccess(owner)), { q: "alpha", due: "today" }, clock),
  );
  const punctuation = await recordCallsDuring(() => listTasks(listScope(inboxAccess(owner)), { q: "?!" }, clock));

  expect(titles(plain.result.tasks)).toEqual(["alpha"]);
  expect(plain.calls).toEqual(["QueryCommand"]);
  expect(byPriority.calls).toEqual(["QueryCommand:byStatusPriority"]);
  expect(titles(today.result.tasks)).toEqual(["alpha"]);
  expect(today.calls).toEqual(["QueryCommand:byStatusDue", "QueryCommand:byStatusDue"]);
  expect(punctuation.result.tasks).toEqual([]);
  expect(punctuation.calls).toEqual([]);
});

test("an edit updates what a task is found by", async () => {
  const owner = newOwnerId();
  const [task] = await seed(owner, [{ title: "Old words" }]);
  if (!task) throw new Error("not created");

  await updateTask(inboxAccess(owner), task.id, {
    ...taskFields({ title: "Fresh naïve words", description: "" }),
    dueDate: "",
    priority: "none",
    version: "1",
  });

  expect(titles((await listTasks(listScope(inboxAccess(owner)), { q: "naive" }, clock)).tasks)).toEqual([
    "Fresh naïve words",
  ]);
  expect((await listTasks(listScope(inboxAccess(owner)), { q: "old" }, clock)).tasks).toEqual([]);
});

test("tasks stored before search are found at once, and get searchText when the owner's settings load", async () => {
  const owner = newOwnerId();
  const id = "01JAAAAAAAAAAAAAAAAAAAAAA3";
  const legacy = {
    owner,
    id,
    ownerStatus: `${owner}#todo`,
    dueSort: `9999-12-31#${id}`,
    prioritySort: `4#9999-12-31#${id}`,
    title: "Rendez-vous au Café",
    description: "",
    status: "todo",
    priority: "none",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    version: 2,
  };
  const client = await getDocumentClient();
  await client.send(new PutCommand({ TableName: getTableNames().tasks, Item: legacy }));
  await seed(owner, [{ title: "New cafe" }]);

  const before = await listTasks(listScope(inboxAccess(owner)), { q: "cafe rendez" }, clock);
  const prepared = await recordCallsDuring(() => loadAccountSettings(owner));
  const stored = await client.send(new GetCommand({ TableName: getTableNames().tasks, Key: { owner, id } }));
  const after = await listTasks(listScope(inboxAccess(owner)), { q: "cafe rendez" }, clock);

  expect(titles(before.tasks)).toEqual(["Rendez-vous au Café"]);
  // Only the old task is written: the new one already has searchText.
  expect(prepared.calls.filter((call) => call === "UpdateItemCommand")).toHaveLength(2);
  expect(stored.Item?.searchText).toBe(" rendez vous au cafe");
  expect(stored.Item?.version).toBe(2);
  expect(titles(after.tasks)).toEqual(["Rendez-vous au Café"]);
});

test("a search page examines a bounded number of tasks, then offers to search further from where it stopped", async () => {
  const owner = newOwnerId();
  const nextId = monotonicFactory();
  const now = new Date().toISOString();
  const task = (title: string): Task => ({
    id: nextId(),
    listId: owner,
    title,
    description: "",
    status: "todo",
    dueDate: null,
    priority: "none",
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  // Newest first: the two needles are the oldest tasks, past the first page's reach.
  await batchPutTasks([
    task("needle one"),
    task("needle two"),
    ...Array.from({ length: SEARCH_EXAMINE_LIMIT + 10 }, (_, i) => task(`hay ${i}`)),
  ]);

  const first = await recordCallsDuring(() => listTasks(listScope(inboxAccess(owner)), { q: "needle" }, clock));
  const second = await listTasks(
    listScope(inboxAccess(owner)),
    { q: "needle", cursor: first.result.nextCursor },
    clock,
  );

  // A small Query first; the page is not full, so a second examines the rest of the limit.
  expect(first.calls).toEqual(["QueryCommand", "QueryCommand"]);
  expect(first.result.tasks).toEqual([]);
  expect(first.result.moreToSearch).toBe(true);
  expect(first.result.nextCursor).toBeDefined();
  expect(titles(second.tasks)).toEqual(["needle two", "needle one"]);
  expect(second.moreToSearch).toBeUndefined();
  expect(second.nextCursor).toBeUndefined();
});

test("Today's search further merges its two partitions without losing or repeating a match", async () => {
  const owner = newOwnerId();
  const nextId = monotonicFactory();
  const now = new Date().toISOString();
  const task = (title: string, status: Task["status"], dueDate: string): Task => ({
    id: nextId(),
    listId: owner,
    title,
    description: "",
    status,
    dueDate,
    priority: "none",
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  // Each partition gets half the examine limit; "to do" has more than that before its needle.
  await batchPutTasks([
    task("needle in progress", "in_progress", "2026-12-01"),
    ...Array.from({ length: SEARCH_EXAMINE_LIMIT / 2 + 50 }, (_, i) => task(`hay ${i}`, "todo", "2026-12-02")),
    task("needle to do", "todo", TODAY),
    task("needle tomorrow", "todo", "2026-12-04"),
  ]);

  const first = await recordCallsDuring(() =>
    listTasks(listScope(inboxAccess(owner)), { q: "needle", due: "today" }, clock),
  );
  const second = await listTasks(
    listScope(inboxAccess(owner)),
    { q: "needle", due: "today", cursor: first.result.nextCursor },
    clock,
  );

  expect(first.calls).toEqual(["QueryCommand:byStatusDue", "QueryCommand:byStatusDue"]);
  expect(titles(first.result.tasks)).toEqual(["needle in progress"]);
  expect(first.result.moreToSearch).toBe(true);
  expect(titles(second.tasks)).toEqual(["needle to do"]);
  expect(second.nextCursor).toBeUndefined();
});
