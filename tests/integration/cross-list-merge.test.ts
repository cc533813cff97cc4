import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { inboxAccess, listsForUser, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList, setListArchived } from "#src/lists/list-service.ts";
import { moveTask } from "#src/tasks/task-move-service.ts";
import { createTask, deleteTaskWithUndo, everyListScope, listTasks, setTaskStatus } from "#src/tasks/task-service.ts";
import { undoChange } from "#src/tasks/task-undo-service.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId } from "#tests/support/factories.ts";

// Views across lists: All reads the lists the reader created in one Query of byIndexUser (the
// others one Query each), merged with the rest; every view's pages must be exactly the tasks in
// order, each once, however the tasks are spread (src/tasks/task-repository.ts).

function newUser() {
  const id = newOwnerId();
  return { id, email: `${id}@example.com` };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function userWithLists(count: number) {
  const user = newUser();
  const accesses: ListAccess[] = [inboxAccess(user.id)];
  for (let i = 0; i < count; i++)
    accesses.push(await resolveListAccess(user.id, (await createList(user, { name: `List ${i + 1}` })).id));
  return { user, accesses };
}

/** Every page of a view: the tasks' titles in order and each page's DynamoDB calls. */
async function readAllPages(user: { id: string; email: string }, query: Record<string, string>) {
  const scope = everyListScope(user.id, await listsForUser(user));
  const titles: string[] = [];
  const calls: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await recordCallsDuring(() => listTasks(scope, { ...query, ...(cursor ? { cursor } : {}) }));
    titles.push(...page.result.tasks.map((task) => task.title));
    calls.push(page.calls);
    cursor = page.result.nextCursor;
  } while (cursor && calls.length < 100);
  return { titles, calls };
}

describe("views across lists", () => {
  test("All reads the lists the reader created in one Query of byIndexUser; the others one Query each; hidden lists' tasks stay out", async () => {
    const { user, accesses } = await userWithLists(4);
    const [inbox, a, b, c, d] = accesses as [ListAccess, ListAccess, ListAccess, ListAccess, ListAccess];
    // A list someone else created and shared with the reader, and one from before the index.
    const friend = newUser();
    const shared = await createList(friend, { name: "Shared" });
    const added = await addMember(
      shared.id,
      user.id,
      { role: "editor", email: user.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!added.ok) throw new Error("could not share the list");
    await writeDirectory(added.list);
    const client = await getDocumentClient();
    await client.send(
      new UpdateCommand({
        TableName: getTableNames().lists,
        Key: { pk: `L#${d.listId}`, sk: "#" },
        UpdateExpression: "REMOVE indexUser",
      }),
    );
    const old = await resolveListAccess(user.id, d.listId);
    const sharedAccess = await resolveListAccess(user.id, shared.id);
    const made: string[] = [];
    const add = async (access: ListAccess, count: number) => {
      for (let i = 0; i < count; i++) made.push((await createTask(access, { title: `${made.length}` })).title);
    };
    await add(a, 3);
    await add(sharedAccess, 2);
    await add(old, 2);
    await add(b, 3);
    await add(inbox, 2);
    await add(c, 3);
    // The newest ten are in a list the reader then archives: in the index, never shown.
    const archived = await resolveListAccess(user.id, (await createList(user, { name: "Old news" })).id);
    const hidden: string[] = [];
    for (let i = 0; i < 10; i++) hidden.push((await createTask(archived, { title: `hidden ${i}` })).title);
    await setListArchived(archived, true);
    await add(a, 1);

    const { titles, calls } = await readAllPages(user, { limit: "4" });
    expect(titles).toEqual([...made].reverse());
    // Page 1: the table for the Inbox, the shared list and the older list, and byIndexUser for
    // the three lists the reader made: more than once, to get past the archived list's ten.
    const byIndex = (page: string[]) => page.filter((call) => call === "QueryCommand:byIndexUser").length;
    expect(calls[0]?.filter((call) => call === "QueryCommand")).toHaveLength(3);
    expect(byIndex(calls[0] ?? [])).toBeGreaterThan(1);
    expect(calls[0]?.length).toBe(3 + byIndex(calls[0] ?? []));
    for (const page of calls) expect(byIndex(page)).toBeLessThanOrEqual(3);
    // Oldest first reads the same index the other way.
    expect((await readAllPages(user, { limit: "5", sort: "oldest" })).titles).toEqual(made);
  });

  test("Today and Upcoming read the lists the reader created in one Query of byIndexUserOpen, the Inbox by status", async () => {
    const { user, accesses } = await userWithLists(3);
    const [inbox, a, b, c] = accesses as [ListAccess, ListAccess, ListAccess, ListAccess];
    const today = "2026-12-07";
    const clock = { timeZone: "UTC", now: new Date(`${today}T12:00:00Z`) };
    await createTask(b, { title: "b overdue", dueDate: "2026-12-01" });
    await createTask(inbox, { title: "inbox overdue", dueDate: "2026-12-02", status: "in_progress" });
    await createTask(a, { title: "a today 9:00", dueDate: today, dueTime: "09:00" });
    await createTask(c, { title: "c today", dueDate: today });
    const done = await createTask(a, { title: "a done today", dueDate: today });
    await setTaskStatus(a, done.id, { status: "done", version: "1" });
    await createTask(a, { title: "a tomorrow", dueDate: "2026-12-08" });
    await createTask(c, { title: "c in a week", dueDate: "2026-12-14", status: "in_progress" });
    await createTask(b, { title: "b next month", dueDate: "2027-01-10" });
    // An archived list's due tasks are in the index and never shown.
    const archived = await resolveListAccess(user.id, (await createList(user, { name: "Shelved" })).id);
    await createTask(archived, { title: "shelved today", dueDate: today });
    await setListArchived(archived, true);

    const scope = everyListScope(user.id, await listsForUser(user));
    const pageOf = (query: Record<string, string>) => recordCallsDuring(() => listTasks(scope, query, clock));
    const todayView = await pageOf({ due: "today" });
    expect(todayView.result.tasks.map((task) => task.title)).toEqual([
      "b overdue",
      "inbox overdue",
      "a today 9:00",
      "c today",
    ]);
    const perPage = ["QueryCommand:byIndexUserOpen", "QueryCommand:byStatusDue", "QueryCommand:byStatusDue"];
    expect(todayView.calls.sort()).toEqual(perPage.sort());
    const upcoming = await pageOf({ due: "upcoming" });
    expect(upcoming.result.tasks.map((task) => task.title)).toEqual(["a tomorrow", "c in a week"]);
    expect(upcoming.calls.sort()).toEqual(perPage.sort());
    const notDone = await readAllPages(user, { status: "not_done", sort: "due", limit: "3" });
    expect(notDone.titles).toEqual([
      "b overdue",
      "inbox overdue",
      "a today 9:00",
      "c today",
      "a tomorrow",
      "c in a week",
      "b next month",
    ]);
  });

  test("a page that cannot get past many hidden tasks ends where it stopped, and the next page reads on: nothing lost", async () => {
    const { user, accesses } = await userWithLists(2);
    const [, a, b] = accesses as [ListAccess, ListAccess, ListAccess];
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await createTask(i % 2 ? a : b, { title: `${made.length}` })).title);
    const archived = await resolveListAccess(user.id, (await createList(user, { name: "Archive" })).id);
    for (let i = 0; i < 40; i++) await createTask(archived, { title: `hidden ${i}` });
    await setListArchived(archived, true);
    made.push((await createTask(a, { title: `${made.length}` })).title);

    const { titles, calls } = await readAllPages(user, { limit: "3" });
    expect(titles).toEqual([...made].reverse());
    // Some page ended short of 3 tasks at the third Query (40 hidden tasks take more than 3 × 4).
    expect(calls.length).toBeGreaterThan(2);
    for (const page of calls)
      expect(page.filter((call) => call === "QueryCommand:byIndexUser").length).toBeLessThanOrEqual(3);
  });

  test("a task moved into a list the user made, or deleted there and brought back by undo, is in the index; moved out to the Inbox, it is not", async () => {
    const { user, accesses } = await userWithLists(2);
    const [inbox, a, b] = accesses as [ListAccess, ListAccess, ListAccess];
    const inInbox = await createTask(inbox, { title: "from the Inbox" });
    const inA = await createTask(a, { title: "from A" });
    await createTask(b, { title: "in B" });
    // Into B from the Inbox (Inbox tasks are not in the index), and from A to the Inbox.
    await moveTask(inbox, b, inInbox.id);
    await moveTask(a, inbox, inA.id);
    const { titles } = await readAllPages(user, { limit: "2" });
    expect(titles.sort()).toEqual(["from A", "from the Inbox", "in B"]);
    const stored = async (listId: string, id: string) =>
      (
        await (
          await getDocumentClient()
        ).send(new GetCommand({ TableName: getTableNames().tasks, Key: { owner: listId, id } }))
      ).Item;
    expect((await stored(b.listId, inInbox.id))?.indexUser).toBe(user.id);
    expect((await stored(inbox.listId, inA.id))?.indexUser).toBeUndefined();

    const { undoToken } = await deleteTaskWithUndo(b, inInbox.id);
    expect(await stored(b.listId, inInbox.id)).toBeUndefined();
    await undoChange(user.id, undoToken);
    expect((await stored(b.listId, inInbox.id))?.indexUser).toBe(user.id);
    expect((await readAllPages(user, { limit: "2" })).titles.sort()).toEqual(["from A", "from the Inbox", "in B"]);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    "pages are exact for tasks spread at random over lists (seed %i): newest first and by due date",
    async (seed) => {
      const next = random(seed);
      const lists = 2 + Math.floor(next() * 6);
      const { user, accesses } = await userWithLists(lists);
      const made: { title: string; dueDate?: string; status: "todo" | "in_progress" | "done" }[] = [];
      // Runs of tasks in one list (as people add them), of random length, in random lists.
      while (made.length < 45) {
        const access = accesses[Math.floor(next() * accesses.length)] as ListAccess;
        const run = 1 + Math.floor(next() * 8);
        for (let i = 0; i < run; i++) {
          const day = Math.floor(next() * 40);
          const dueDate = next() < 0.8 ? `2027-01-${String(1 + (day % 28)).padStart(2, "0")}` : undefined;
          const status = (["todo", "in_progress", "done"] as const)[Math.floor(next() * 3)] ?? "todo";
          const title = `${made.length}`;
          await createTask(access, { title, status, ...(dueDate ? { dueDate } : {}) });
          made.push({ title, status, ...(dueDate ? { dueDate } : {}) });
        }
      }
      const limit = String(1 + Math.floor(next() * 9));

      const newestFirst = await readAllPages(user, { limit });
      expect(newestFirst.titles).toEqual(made.map((task) => task.title).reverse());

      // Not done, soonest due first (undated last; ties in the order they were made).
      const open = made.filter((task) => task.status !== "done");
      const byDue = [...open].sort(
        (a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || Number(a.title) - Number(b.title),
      );
      const dueView = await readAllPages(user, { limit, status: "not_done", sort: "due" });
      expect(dueView.titles).toEqual(byDue.map((task) => task.title));
      for (const page of [...newestFirst.calls, ...dueView.calls])
        expect(page.length).toBeLessThanOrEqual(2 * 2 * accesses.length);
    },
  );
});
