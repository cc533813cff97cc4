import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { describe, expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { getEnv } from "#src/env.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "#src/errors.ts";
import { inboxAccess, listsForUser, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { addMember, removeMember, writeDirectory } from "#src/lists/list-repository.ts";
import {
  createList,
  deleteList,
  listNavigation,
  restoreDeletedList,
  setListArchived,
  undoListDelete,
  updateList,
} from "#src/lists/list-service.ts";
import { applyBulk } from "#src/tasks/task-bulk-service.ts";
import { encodeTaskCursor } from "#src/tasks/task-cursor.ts";
import {
  createTask,
  deleteTaskWithUndo,
  everyListScope,
  getTask,
  listScope,
  listTasks,
  locateTask,
  setTaskStatus,
  updateTask,
} from "#src/tasks/task-service.ts";
import { undoChange } from "#src/tasks/task-undo-service.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId } from "#tests/support/factories.ts";

// Lists as the unit of access (docs/decisions/2026-12-07-lists-as-the-unit-of-access.md): a
// user's lists and their navigation, views of one list and across lists, the role each change
// needs, and tasks stored before lists existed read through the new code.

const nextId = monotonicFactory();

function newUser() {
  const id = newOwnerId();
  return { id, email: `${id}@example.com` };
}

async function refusal(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A list owned by `owner`, with an editor and a viewer who joined it. */
async function sharedList(name = "Flat") {
  const owner = newUser();
  const editor = newUser();
  const viewer = newUser();
  const list = await createList(owner, { name, color: "green" });
  for (const [user, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const added = await addMember(
      list.id,
      user.id,
      { role, email: user.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!added.ok) throw new Error(`could not add the ${role}`);
    await writeDirectory(added.list);
  }
  const access = async (user: { id: string }) => resolveListAccess(user.id, list.id);
  return { list, owner, editor, viewer, access };
}

describe("a user's lists", () => {
  test("a new list is its maker's, shows in their navigation after the Inbox, and is renamed and recoloured by its owner", async () => {
    const user = newUser();
    const groceries = await createList(user, { name: "  Groceries  ", color: "green" });
    const work = await createList(user, { name: "Work" });

    expect(groceries).toMatchObject({ name: "Groceries", color: "green", ownerId: user.id });
    expect(work.color).toBe("grey");
    expect((await listNavigation(user)).map(({ id, name, inbox }) => ({ id, name, inbox }))).toEqual([
      { id: "inbox", name: "Inbox", inbox: true },
      { id: groceries.id, name: "Groceries", inbox: false },
      { id: work.id, name: "Work", inbox: false },
    ]);

    await updateList(await resolveListAccess(user.id, work.id), { name: "Office", color: "blue" });
    expect((await listNavigation(user))[2]).toMatchObject({ name: "Office", color: "blue", shared: false });
  });

  test("bad names and colours are refused with a message, and nothing is stored", async () => {
    const user = newUser();
    for (const [input, field] of [
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(61) }, "name"],
      [{ name: "inbox" }, "name"],
      [{ name: "a\u202eb" }, "name"],
      [{ name: "Ok", color: "chartreuse" }, "color"],
      [{ name: 42 }, "name"],
    ] as const) {
      const error = await refusal(() => createList(user, input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]?.length).toBeGreaterThan(0);
    }
    expect(await listNavigation(user)).toHaveLength(1);
  });

  test("the Inbox cannot be renamed, archived or deleted", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    expect(await refusal(() => updateList(inbox, { name: "Mine" }))).toBeInstanceOf(ValidationError);
    expect(await refusal(() => setListArchived(inbox, true))).toBeInstanceOf(ValidationError);
    expect(await refusal(() => deleteList(inbox))).toBeInstanceOf(ValidationError);
  });

  test("an archived list is read-only and out of the views across lists; restoring brings it back", async () => {
    const user = newUser();
    const list = await createList(user, { name: "Trip" });
    await createTask(await resolveListAccess(user.id, list.id), { title: "Book the train" });

    await setListArchived(await resolveListAccess(user.id, list.id), true);
    const archived = await resolveListAccess(user.id, list.id);
    expect(await refusal(() => createTask(archived, { title: "Pack" }))).toBeInstanceOf(ForbiddenError);
    expect((await listTasks(listScope(archived), {})).tasks.map((task) => task.title)).toEqual(["Book the train"]);
    expect((await listTasks(everyListScope(user.id, await listsForUser(user)), {})).tasks).toEqual([]);
    expect((await listNavigation(user))[1]).toMatchObject({ archived: true });

    await setListArchived(archived, false);
    const restored = await resolveListAccess(user.id, list.id);
    await createTask(restored, { title: "Pack" });
    expect((await listTasks(everyListScope(user.id, await listsForUser(user)), {})).tasks).toHaveLength(2);
  });

  test("a deleted list is gone for every member at once; its owner's Undo brings it back with its tasks", async () => {
    const { list, owner, editor, access } = await sharedList();
    await createTask(await access(editor), { title: "Pay rent" });

    expect(await refusal(async () => deleteList(await access(editor)))).toBeInstanceOf(ForbiddenError);
    const { undoToken } = await deleteList(await access(owner));
    expect(await refusal(() => access(owner))).toBeInstanceOf(NotFoundError);
    expect(await refusal(() => access(editor))).toBeInstanceOf(NotFoundError);
    expect((await listNavigation(editor)).map((entry) => entry.id)).toEqual(["inbox"]);

    // Someone else's token, or the editor's press of the owner's button, restores nothing.
    expect(await refusal(() => undoListDelete(editor.id, undoToken))).toBeTruthy();
    await undoListDelete(owner.id, undoToken);
    expect((await listTasks(listScope(await access(editor)), {})).tasks.map((task) => task.title)).toEqual([
      "Pay rent",
    ]);
    expect((await listNavigation(editor)).map((entry) => entry.id)).toEqual(["inbox", list.id]);
  });

  test("a deletion older than the undo window cannot be restored", async () => {
    const owner = newUser();
    const list = await createList(owner, { name: "Old" });
    await deleteList(await resolveListAccess(owner.id, list.id));
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await refusal(() => restoreDeletedList(owner.id, list.id, later))).toBeInstanceOf(NotFoundError);
    expect(await refusal(() => resolveListAccess(owner.id, list.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("roles decide every change, on every call", () => {
  test("owner and editor change tasks; a viewer reads and is refused with the role it needs; others see nothing", async () => {
    const { list, owner, editor, viewer, access } = await sharedList("Household");
    const stranger = newUser();
    const task = await createTask(await access(owner), { title: "Fix the tap" });

    await setTaskStatus(await access(editor), task.id, { status: "in_progress", version: "1" });
    expect((await getTask(await access(viewer), task.id)).status).toBe("in_progress");

    const viewerAccess = await access(viewer);
    for (const attempt of [
      () => createTask(viewerAccess, { title: "Sneaky" }),
      () =>
        updateTask(viewerAccess, task.id, {
          title: "Changed",
          description: "",
          status: "todo",
          dueDate: "",
          priority: "none",
          version: "2",
        }),
      () => setTaskStatus(viewerAccess, task.id, { status: "done", version: "2" }),
      () => deleteTaskWithUndo(viewerAccess, task.id),
    ]) {
      const error = await refusal(attempt);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toContain("editor");
    }
    const strangerError = await refusal(() => resolveListAccess(stranger.id, list.id));
    expect(strangerError).toBeInstanceOf(NotFoundError);
    expect((strangerError as Error).message).toBe("List not found.");
    // Word for word what a list that never existed answers.
    expect(((await refusal(() => resolveListAccess(stranger.id, `l_${nextId()}`))) as Error).message).toBe(
      "List not found.",
    );
    expect((await getTask(await access(owner), task.id)).title).toBe("Fix the tap");
  });

  test("a removed member loses access on their very next call", async () => {
    const { list, editor, access } = await sharedList();
    const before: ListAccess = await access(editor);
    await createTask(before, { title: "Still mine to add" });

    await removeMember(list.id, editor.id);
    expect(await refusal(() => access(editor))).toBeInstanceOf(NotFoundError);
    expect((await listsForUser(editor)).map((entry) => entry.listId)).toEqual([editor.id]);
  });

  test("bulk changes span lists; a list the user may only read refuses the whole change, and nothing changes", async () => {
    const { owner, viewer, access } = await sharedList();
    const viewersOwn = await createList(viewer, { name: "Mine" });
    const inboxTask = await createTask(inboxAccess(viewer.id), { title: "In the inbox" });
    const ownTask = await createTask(await resolveListAccess(viewer.id, viewersOwn.id), { title: "In my list" });
    const sharedTask = await createTask(await access(owner), { title: "Shared" });

    const refused = await refusal(() =>
      applyBulk(viewer.id, {
        action: "status",
        status: "done",
        ids: [inboxTask.id, `${viewersOwn.id}:${ownTask.id}`, `${sharedTask.listId}:${sharedTask.id}`],
      }),
    );
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((await getTask(inboxAccess(viewer.id), inboxTask.id)).status).toBe("todo");

    const done = await applyBulk(viewer.id, {
      action: "status",
      status: "done",
      ids: [inboxTask.id, `${viewersOwn.id}:${ownTask.id}`, `l_${nextId()}:${ownTask.id}`, "nonsense:x:y"],
    });
    // A list the viewer is not in names no task, like a malformed reference: both are "missing".
    expect(done.changed).toBe(2);
    expect(done.missing).toHaveLength(2);
    expect((await getTask(await resolveListAccess(viewer.id, viewersOwn.id), ownTask.id)).status).toBe("done");

    // Undo puts both back, each into its own list.
    const undone = await undoChange(viewer.id, done.undoToken);
    expect(undone.restored).toHaveLength(2);
    expect((await getTask(inboxAccess(viewer.id), inboxTask.id)).status).toBe("todo");
  });

  test("undo leaves alone the tasks of a list its user can no longer change", async () => {
    const { list, owner, editor, access } = await sharedList();
    const task = await createTask(await access(owner), { title: "Water the plants" });
    const { undoToken } = await deleteTaskWithUndo(await access(editor), task.id);

    await removeMember(list.id, editor.id);
    const result = await undoChange(editor.id, undoToken);
    expect(result).toMatchObject({ restored: [], refused: [{ id: task.id }] });
    expect(await refusal(async () => getTask(await access(owner), task.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("views across lists", () => {
  test("All pages through every list's tasks newest first, each exactly once, the cursor one key", async () => {
    const user = newUser();
    const a = await createList(user, { name: "A" });
    const b = await createList(user, { name: "B" });
    const accesses = [
      inboxAccess(user.id),
      await resolveListAccess(user.id, a.id),
      await resolveListAccess(user.id, b.id),
    ];
    const made: string[] = [];
    for (let i = 0; i < 12; i++)
      made.push((await createTask(accesses[i % 3] as ListAccess, { title: `Task ${i}` })).id);

    const scope = everyListScope(user.id, await listsForUser(user));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listTasks(scope, { limit: "5", ...(cursor ? { cursor } : {}) });
      seen.push(...page.tasks.map((task) => task.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...made].reverse());
    expect(pages).toBe(3);
  });

  test("Today across lists merges each list's due tasks by date: one byOpenFirst Query per list, two for the Inbox", async () => {
    const user = newUser();
    const list = await createList(user, { name: "Errands" });
    const errands = await resolveListAccess(user.id, list.id);
    const today = "2026-12-07";
    await createTask(inboxAccess(user.id), { title: "Overdue", dueDate: "2026-12-01" });
    await createTask(errands, { title: "Due today", dueDate: today, status: "in_progress" });
    await createTask(errands, { title: "Later", dueDate: "2026-12-20" });

    const scope = everyListScope(user.id, await listsForUser(user));
    const { result, calls } = await recordCallsDuring(() =>
      listTasks(scope, { due: "today" }, { timeZone: "UTC", now: new Date(`${today}T12:00:00Z`) }),
    );
    expect(result.tasks.map((task) => task.title)).toEqual(["Overdue", "Due today"]);
    expect(calls.sort()).toEqual(["QueryCommand:byOpenFirst", "QueryCommand:byStatusDue", "QueryCommand:byStatusDue"]);
  });

  test("open views read a new list in one Query and an older list by status, merged in order and paged exactly", async () => {
    const user = newUser();
    const today = "2026-12-07";
    const clock = { timeZone: "UTC", now: new Date(`${today}T12:00:00Z`) };
    const fresh = await createList(user, { name: "Fresh" });
    const older = await createList(user, { name: "Older" });
    const client = await getDocumentClient();
    // A list from before byOpenFirst: its item lacks the mark, and a task in it lacks assigneeSort,
    // exactly as the code before assignment wrote it.
    await client.send(
      new UpdateCommand({
        TableName: getTableNames().lists,
        Key: { pk: `L#${older.id}`, sk: "#" },
        UpdateExpression: "REMOVE openFirstKeys",
      }),
    );
    const oldId = nextId();
    await client.send(
      new PutCommand({
        TableName: getTableNames().tasks,
        Item: {
          owner: older.id,
          id: oldId,
          title: "Old overdue",
          description: "",
          status: "in_progress",
          priority: "none",
          dueDate: "2026-12-02",
          ownerStatus: `${older.id}#in_progress`,
          dueSort: `2026-12-02#${oldId}`,
          prioritySort: `4#2026-12-02#${oldId}`,
          searchText: " old overdue",
          createdAt: "2026-12-01T00:00:00.000Z",
          updatedAt: "2026-12-01T00:00:00.000Z",
          version: 1,
        },
      }),
    );
    const freshAccess = await resolveListAccess(user.id, fresh.id);
    const olderAccess = await resolveListAccess(user.id, older.id);
    await createTask(freshAccess, { title: "Fresh overdue", dueDate: "2026-12-01" });
    await createTask(freshAccess, {
      title: "Fresh today 9:00",
      dueDate: today,
      dueTime: "09:00",
      status: "in_progress",
    });
    await createTask(freshAccess, { title: "Fresh today", dueDate: today });
    const done = await createTask(freshAccess, { title: "Fresh done", dueDate: "2026-12-03" });
    await setTaskStatus(freshAccess, done.id, { status: "done", version: "1" });
    await createTask(freshAccess, { title: "Fresh tomorrow", dueDate: "2026-12-08" });
    await createTask(freshAccess, { title: "Fresh undated" });
    await createTask(olderAccess, { title: "Older today", dueDate: today });
    await createTask(olderAccess, { title: "Older in a week", dueDate: "2026-12-14", status: "in_progress" });
    await createTask(olderAccess, { title: "Older next month", dueDate: "2027-01-10" });
    await createTask(inboxAccess(user.id), { title: "Inbox upcoming", dueDate: "2026-12-10" });

    const fromList = (await resolveListAccess(user.id, older.id)).list;
    expect(fromList?.openFirstKeys).toBeUndefined();
    expect((await resolveListAccess(user.id, fresh.id)).list?.openFirstKeys).toBe(true);
    const scope = everyListScope(user.id, await listsForUser(user));
    const pages = async (query: Record<string, string>) => {
      const titles: string[] = [];
      const calls: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await recordCallsDuring(() =>
          listTasks(scope, { ...query, limit: "2", ...(cursor ? { cursor } : {}) }, clock),
        );
        titles.push(...page.result.tasks.map((task) => task.title));
        calls.push(page.calls.sort());
        cursor = page.result.nextCursor;
      } while (cursor && calls.length < 10);
      return { titles, calls };
    };

    const todayView = await pages({ due: "today" });
    expect(todayView.titles).toEqual([
      "Fresh overdue",
      "Old overdue",
      "Fresh today 9:00",
      "Fresh today",
      "Older today",
    ]);
    // Fresh: one Query; Older and the Inbox: one per open status.
    const perPage = ["QueryCommand:byOpenFirst", ...Array<string>(4).fill("QueryCommand:byStatusDue")];
    expect(todayView.calls).toEqual(Array(3).fill(perPage));
    const upcoming = await pages({ due: "upcoming" });
    expect(upcoming.titles).toEqual(["Fresh tomorrow", "Inbox upcoming", "Older in a week"]);
    expect(upcoming.calls).toEqual(Array(2).fill(perPage));
    const notDone = await pages({ status: "not_done", sort: "due" });
    expect(notDone.titles).toEqual([
      "Fresh overdue",
      "Old overdue",
      "Fresh today 9:00",
      "Fresh today",
      "Older today",
      "Fresh tomorrow",
      "Inbox upcoming",
      "Older in a week",
      "Older next month",
      "Fresh undated",
    ]);
    expect(notDone.calls[0]).toEqual(perPage);
    // A task done leaves the range; reopened, it is back in its place.
    await setTaskStatus(freshAccess, done.id, { status: "todo", version: "2" });
    expect((await pages({ due: "today" })).titles).toEqual([
      "Fresh overdue",
      "Old overdue",
      "Fresh done",
      "Fresh today 9:00",
      "Fresh today",
      "Older today",
    ]);
  });

  test("the API finds a task by id in any of the user's lists, and nowhere else", async () => {
    const { owner, viewer, access } = await sharedList();
    const task = await createTask(await access(owner), { title: "Shared task" });
    const stranger = newUser();

    const found = await locateTask(await listsForUser(viewer), task.id);
    expect(found.task.title).toBe("Shared task");
    expect(found.access.role).toBe("viewer");
    expect(await refusal(async () => locateTask(await listsForUser(stranger), task.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("data stored before lists", () => {
  test("a task written by the old code is its owner's Inbox task, in every view and by its old cursor", async () => {
    const owner = newOwnerId();
    const id = nextId();
    const now = new Date().toISOString();
    const client = await getDocumentClient();
    // Exactly what the repository's toItem wrote before lists: the partition `owner` is the sub.
    await client.send(
      new PutCommand({
        TableName: getTableNames().tasks,
        Item: {
          id,
          owner,
          title: "From before lists",
          description: "",
          status: "todo",
          priority: "none",
          createdAt: now,
          updatedAt: now,
          version: 1,
          ownerStatus: `${owner}#todo`,
          dueSort: `9999-12-31#${id}`,
          prioritySort: `4#9999-12-31#${id}`,
          searchText: " from before lists",
        },
      }),
    );
    for (let i = 0; i < 2; i++) await createTask(inboxAccess(owner), { title: `Newer ${i}` });

    const inbox = inboxAccess(owner);
    expect(await getTask(inbox, id)).toMatchObject({ listId: owner, title: "From before lists" });
    // A cursor signed before lists (bound to the owner and the view) still pages All and the Inbox.
    const oldCursor = encodeTaskCursor(getEnv().APP_SECRET, owner, { sort: "newest" }, { after: nextId() });
    for (const scope of [listScope(inbox), everyListScope(owner, await listsForUser({ id: owner }))]) {
      const page = await listTasks(scope, { cursor: oldCursor });
      expect(page.tasks.map((task) => task.title)).toEqual(["Newer 1", "Newer 0", "From before lists"]);
    }
    await updateTask(inbox, id, {
      title: "Edited after lists",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "none",
      version: "1",
    });
    const raw = await client.send(new GetCommand({ TableName: getTableNames().tasks, Key: { owner, id } }));
    expect(raw.Item).toMatchObject({ owner, title: "Edited after lists", version: 2 });
  });
});
