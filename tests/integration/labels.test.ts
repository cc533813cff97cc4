import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { IncomingMessage } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ForbiddenError, ValidationError } from "#src/errors.ts";
import { purgeDeletedLists } from "#src/lists/list-purge-service.ts";
import { inboxAccess, listsForUser, resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList, deleteList } from "#src/lists/list-service.ts";
import { finishLabelChange, listLabelsOf, removeLabel, renameLabel } from "#src/tasks/label-service.ts";
import {
  assignedScope,
  createTask,
  deleteTask,
  everyListScope,
  getBoard,
  getTask,
  listScope,
  listTasks,
  setTaskAssignee,
  setTaskStatus,
  updateTask,
} from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { applyBulk } from "#src/tasks/task-bulk-service.ts";
import { moveTaskWithUndo } from "#src/tasks/task-move-service.ts";
import { deleteAllTasksOfList } from "#src/tasks/task-purge-repository.ts";
import { labelPartition } from "#src/tasks/task-repository.ts";
import { undoChange } from "#src/tasks/task-undo-service.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// Labels (src/tasks/label-service.ts, the copies in task-repository.ts): the list's spelling,
// the ?label= filter on every view within and across lists, its cost, writes that stop
// half-way, and renames and removals that stop half-way and finish when run again.

let dynamo: OutageProxy;
const real = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(real);
  // Before the first DynamoDB call of this file: the client reads its endpoint once.
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
});
afterEach(() => dynamo.restore());
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = real;
  await dynamo.stop();
});

function newUser() {
  const id = newOwnerId();
  return { id, email: `${id}@example.com` };
}

/** The nth call of one operation, and every retry of it (the SDK resends with the same invocation id). */
function nthCall(operation: "UpdateItem" | "PutItem" | "DeleteItem", n: number) {
  const calls: string[] = [];
  return (request: IncomingMessage) => {
    if (!String(request.headers["x-amz-target"]).endsWith(`.${operation}`)) return false;
    const id = String(request.headers["amz-sdk-invocation-id"]);
    if (!calls.includes(id)) calls.push(id);
    return calls.indexOf(id) === n - 1;
  };
}

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

const titles = (tasks: Task[]) => tasks.map((task) => task.title);

describe("labels on tasks", () => {
  test("the list's first spelling is kept; a label is matched without regard to case", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const first = await createTask(inbox, { title: "Stamps", labels: "Errand" });
    const second = await createTask(inbox, { title: "Bread", labels: "errand, @home" });
    expect(first.labels).toEqual(["Errand"]);
    expect(second.labels).toEqual(["Errand", "home"]);
    expect((await listLabelsOf(inbox)).map((label) => label.name)).toEqual(["Errand", "home"]);
    const page = await listTasks(listScope(inbox), { label: "ERRAND" });
    expect(titles(page.tasks)).toEqual(["Bread", "Stamps"]);
  });

  test("bad labels are refused with a message and change nothing", async () => {
    const inbox = inboxAccess(newUser().id);
    for (const labels of ["a#b", "<b>x</b>", "x".repeat(41), Array.from({ length: 21 }, (_, i) => `l${i}`).join(",")]) {
      await expect(createTask(inbox, { title: "Bad", labels })).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await listTasks(listScope(inbox), {})).tasks).toEqual([]);
    expect(await listLabelsOf(inbox)).toEqual([]);
    await expect(listTasks(listScope(inbox), { label: "a b" })).rejects.toBeInstanceOf(ValidationError);
  });

  test("the filter on every view of one list: each one Query and one BatchGetItem of the page", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const today = "2026-12-07";
    const clock = { timeZone: "UTC", now: new Date(`${today}T12:00:00Z`) };
    await createTask(inbox, { title: "Unlabelled due today", dueDate: today });
    await createTask(inbox, { title: "Later", labels: "errand", dueDate: "2026-12-10", priority: "low" });
    await createTask(inbox, { title: "Today urgent", labels: "errand", dueDate: today, priority: "urgent" });
    const done = await createTask(inbox, { title: "Done one", labels: "errand" });
    await setTaskStatus(inbox, done.id, { status: "done", version: "1" });
    const scope = listScope(inbox);

    const all = await recordCallsDuring(() => listTasks(scope, { label: "errand" }, clock));
    expect(titles(all.result.tasks)).toEqual(["Done one", "Today urgent", "Later"]);
    expect(all.calls).toEqual(["QueryCommand", "BatchGetItemCommand"]);
    const byDue = await recordCallsDuring(() => listTasks(scope, { label: "errand", sort: "due" }, clock));
    expect(titles(byDue.result.tasks)).toEqual(["Today urgent", "Later", "Done one"]);
    expect(byDue.calls).toEqual(["QueryCommand:byDue", "BatchGetItemCommand"]);
    const open = await listTasks(scope, { label: "errand", status: "not_done", sort: "priority" }, clock);
    expect(titles(open.tasks)).toEqual(["Today urgent", "Later"]);
    const todayView = await recordCallsDuring(() => listTasks(scope, { label: "errand", due: "today" }, clock));
    expect(titles(todayView.result.tasks)).toEqual(["Today urgent"]);
    expect(todayView.calls).toEqual(["QueryCommand:byStatusDue", "QueryCommand:byStatusDue", "BatchGetItemCommand"]);
    const upcoming = await listTasks(scope, { label: "errand", due: "upcoming" }, clock);
    expect(titles(upcoming.tasks)).toEqual(["Later"]);
    const search = await listTasks(scope, { label: "errand", q: "urg" }, clock);
    expect(titles(search.tasks)).toEqual(["Today urgent"]);
    const board = await getBoard(scope, { label: "errand" }, clock);
    expect(board.columns.map((column) => titles(column.tasks))).toEqual([["Today urgent", "Later"], [], ["Done one"]]);
  });

  test("across lists: one Query per list, merged by key, paged with the cursor", async () => {
    const { owner, list } = await sharedList("Home");
    const inbox = inboxAccess(owner.id);
    const home = await resolveListAccess(owner.id, list.id);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const access = i % 2 ? home : inbox;
      made.push((await createTask(access, { title: `Errand ${i}`, labels: i === 3 ? "other" : "errand" })).title);
    }
    const scope = everyListScope(owner.id, await listsForUser(owner));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const { result, calls } = await recordCallsDuring(() =>
        listTasks(scope, { label: "errand", limit: "2", cursor }),
      );
      expect(calls).toEqual(["QueryCommand", "QueryCommand", "BatchGetItemCommand"]);
      seen.push(...titles(result.tasks));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(made.filter((title) => title !== "Errand 3").reverse());
    // A cursor is for its label only.
    const first = await listTasks(scope, { label: "errand", limit: "2" });
    await expect(listTasks(scope, { label: "other", cursor: first.nextCursor })).rejects.toThrow(
      /page link is invalid/,
    );
  });

  test("edits, status changes and deletes keep the filter exact", async () => {
    const inbox = inboxAccess(newUser().id);
    const task = await createTask(inbox, { title: "Moving", labels: "a, b" });
    const scope = listScope(inbox);
    const edited = await updateTask(inbox, task.id, {
      title: "Moving",
      description: "",
      status: "in_progress",
      dueDate: "",
      priority: "none",
      labels: "b, c",
      version: "1",
    });
    expect(edited.labels).toEqual(["b", "c"]);
    expect(titles((await listTasks(scope, { label: "a" })).tasks)).toEqual([]);
    expect(titles((await listTasks(scope, { label: "c", status: "in_progress" })).tasks)).toEqual(["Moving"]);
    expect(titles((await listTasks(scope, { label: "c", status: "todo" })).tasks)).toEqual([]);
    // A form from before labels keeps them.
    const kept = await updateTask(inbox, task.id, {
      title: "Moved",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "none",
      version: "2",
    });
    expect(kept.labels).toEqual(["b", "c"]);
    expect(titles((await listTasks(scope, { label: "b", status: "todo" })).tasks)).toEqual(["Moved"]);
    await deleteTask(inbox, task.id);
    expect((await listTasks(scope, { label: "b" })).tasks).toEqual([]);
  });

  test("a write that stops half-way never shows a task under a label it does not carry", async () => {
    const inbox = inboxAccess(newUser().id);
    const task = await createTask(inbox, { title: "Half", labels: "keep" });
    const scope = listScope(inbox);
    // The new label's copy is written, then the task's own write fails: the task stays as it was.
    dynamo.cut("refuse", nthCall("UpdateItem", 1));
    await expect(
      updateTask(inbox, task.id, {
        title: "Half",
        description: "",
        status: "todo",
        dueDate: "",
        priority: "none",
        labels: "keep, new",
        version: "1",
      }),
    ).rejects.toThrow();
    dynamo.restore();
    expect((await getTask(inbox, task.id)).labels).toEqual(["keep"]);
    expect((await listTasks(scope, { label: "new" })).tasks).toEqual([]);
    expect(titles((await listTasks(scope, { label: "keep" })).tasks)).toEqual(["Half"]);
    // Deleted, but its copy's delete failed: the label's view leaves it out (and tidies it away).
    dynamo.cut("refuse", nthCall("DeleteItem", 2));
    await deleteTask(inbox, task.id).catch(() => undefined);
    dynamo.restore();
    expect((await listTasks(scope, { label: "keep" })).tasks).toEqual([]);
    const { calls } = await recordCallsDuring(() => listTasks(scope, { label: "keep" }));
    expect(calls).toEqual(["QueryCommand"]);
  });
});

test("“Assigned to me” with a label shows only the assigned tasks carrying it", async () => {
  const { owner, editor, access } = await sharedList("Rota");
  const ownerAccess = await access(owner);
  const labelled = await createTask(ownerAccess, { title: "Bins", labels: "weekly" });
  const plain = await createTask(ownerAccess, { title: "Dishes" });
  for (const task of [labelled, plain])
    await setTaskAssignee(ownerAccess, task.id, { assigneeId: editor.id, version: String(task.version) });
  const scope = assignedScope(editor.id, editor.id, await listsForUser(editor));
  expect(titles((await listTasks(scope, { label: "weekly" })).tasks)).toEqual(["Bins"]);
  expect(titles((await listTasks(scope, {})).tasks).sort()).toEqual(["Bins", "Dishes"]);
});

describe("renaming and removing a label", () => {
  async function seeded(count: number) {
    const { owner, editor, viewer, access, list } = await sharedList("Chores");
    const ownerAccess = await access(owner);
    const tasks: Task[] = [];
    for (let i = 0; i < count; i++)
      tasks.push(await createTask(ownerAccess, { title: `Chore ${i}`, labels: i % 2 ? "errand, home" : "errand" }));
    await createTask(ownerAccess, { title: "Unlabelled" });
    return { owner, editor, viewer, access, list, tasks, ownerAccess };
  }

  test("every member sees the list's labels; a viewer cannot change them", async () => {
    const { viewer, editor, access } = await seeded(1);
    const viewerAccess = await access(viewer);
    expect((await listLabelsOf(viewerAccess)).map((label) => label.name)).toEqual(["errand"]);
    await expect(renameLabel(viewerAccess, "errand", "x")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeLabel(viewerAccess, "errand")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createTask(viewerAccess, { title: "No", labels: "errand" })).rejects.toBeInstanceOf(ForbiddenError);
    const result = await renameLabel(await access(editor), "errand", "Errands");
    expect(result).toEqual({ done: true, changed: 1, to: "Errands" });
    expect((await listLabelsOf(viewerAccess)).map((label) => label.name)).toEqual(["Errands"]);
  });

  test("a rename that stops half-way finishes when run again, and every task carries the new name", async () => {
    const { ownerAccess, tasks } = await seeded(5);
    const scope = listScope(ownerAccess);
    // The third task's write fails for good: the walk stops there, its progress recorded.
    dynamo.cut("refuse", nthCall("UpdateItem", 3));
    await expect(renameLabel(ownerAccess, "errand", "Shopping")).rejects.toThrow();
    dynamo.restore();
    const midway = await listLabelsOf(ownerAccess);
    expect(midway.find((label) => label.key === "errand")?.change?.to).toBe("Shopping");
    // Meanwhile a new task that names the old label gets the new one.
    const meanwhile = await createTask(ownerAccess, { title: "Meanwhile", labels: "ERRAND" });
    expect(meanwhile.labels).toEqual(["Shopping"]);
    expect(await finishLabelChange(ownerAccess, "errand")).toMatchObject({ done: true });
    for (const task of tasks) {
      const now = await getTask(ownerAccess, task.id);
      expect(now.labels?.[0]).toBe("Shopping");
    }
    expect((await listTasks(scope, { label: "errand" })).tasks).toEqual([]);
    expect(titles((await listTasks(scope, { label: "shopping" })).tasks)).toEqual([
      "Meanwhile",
      "Chore 4",
      "Chore 3",
      "Chore 2",
      "Chore 1",
      "Chore 0",
    ]);
    expect((await listLabelsOf(ownerAccess)).map((label) => label.name)).toEqual(["home", "Shopping"]);
  });

  test("renaming onto a label the list has merges them; a removal that stops half-way finishes", async () => {
    const { ownerAccess, tasks } = await seeded(4);
    const scope = listScope(ownerAccess);
    await renameLabel(ownerAccess, "home", "errand");
    expect((await getTask(ownerAccess, tasks[1]?.id ?? "")).labels).toEqual(["errand"]);
    expect((await listLabelsOf(ownerAccess)).map((label) => label.name)).toEqual(["errand"]);
    dynamo.cut("refuse", nthCall("UpdateItem", 2));
    await expect(removeLabel(ownerAccess, "errand")).rejects.toThrow();
    dynamo.restore();
    // Run again from the start (the same button): it carries on.
    expect(await removeLabel(ownerAccess, "errand")).toMatchObject({ done: true });
    for (const task of tasks) expect((await getTask(ownerAccess, task.id)).labels).toBeUndefined();
    expect((await listTasks(scope, { label: "errand" })).tasks).toEqual([]);
    expect(await listLabelsOf(ownerAccess)).toEqual([]);
  });
});

describe("labels when a task moves or its list goes", () => {
  /** Every item in a partition of the tasks table (a label's copies, a list's labels). */
  async function itemsIn(partition: string): Promise<Record<string, unknown>[]> {
    const result = await (
      await getDocumentClient()
    ).send(
      new QueryCommand({
        TableName: getTableNames().tasks,
        KeyConditionExpression: "#owner = :owner",
        ExpressionAttributeNames: { "#owner": "owner" },
        ExpressionAttributeValues: { ":owner": partition },
        ConsistentRead: true,
      }),
    );
    return result.Items ?? [];
  }

  test("a moved task keeps its labels' names, as the target list spells them; Undo takes it back", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const list = await createList(user, { name: "Garden" });
    const garden = await resolveListAccess(user.id, list.id);
    await createTask(garden, { title: "Seeds", labels: "Errand" });
    const task = await createTask(inbox, { title: "Hose", labels: "errand, water" });

    const moved = await moveTaskWithUndo(inbox, garden, task.id, task.version);
    expect(moved.task.labels).toEqual(["Errand", "water"]);
    expect(titles((await listTasks(listScope(garden), { label: "errand" })).tasks)).toEqual(["Hose", "Seeds"]);
    expect(titles((await listTasks(listScope(garden), { label: "water" })).tasks)).toEqual(["Hose"]);
    expect((await listLabelsOf(garden)).map((label) => label.name)).toEqual(["Errand", "water"]);
    // Nothing left behind in the Inbox's labels' partitions (the Inbox keeps its labels, unused).
    expect(await itemsIn(labelPartition(user.id, "errand"))).toEqual([]);
    expect(await itemsIn(labelPartition(user.id, "water"))).toEqual([]);
    expect((await listTasks(listScope(inbox), { label: "errand" })).tasks).toEqual([]);

    await undoChange(user.id, moved.undoToken);
    expect(titles((await listTasks(listScope(inbox), { label: "water" })).tasks)).toEqual(["Hose"]);
    expect(titles((await listTasks(listScope(garden), { label: "errand" })).tasks)).toEqual(["Seeds"]);
    expect((await itemsIn(labelPartition(list.id, "water"))).map((item) => item.id)).toEqual([]);
  });

  test("a bulk move carries labels too; a move stopped half-way finishes, or rolls back with its copies", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const list = await createList(user, { name: "Work" });
    const work = await resolveListAccess(user.id, list.id);
    const one = await createTask(inbox, { title: "One", labels: "call" });
    const two = await createTask(inbox, { title: "Two", labels: "call" });
    const result = await applyBulk(user.id, { action: "move", ids: [one.id], listId: list.id });
    expect(result.changed).toBe(1);
    expect(titles((await listTasks(listScope(work), { label: "call" })).tasks)).toEqual(["One"]);
    expect((await listTasks(listScope(inbox), { label: "call" })).tasks.map((task) => task.id)).toEqual([two.id]);

    // The source's delete fails: the move stops half-way, and the label's next page finishes it.
    dynamo.cut("refuse", nthCall("DeleteItem", 1));
    await expect(moveTaskWithUndo(inbox, work, two.id, two.version)).rejects.toThrow();
    dynamo.restore();
    expect(titles((await listTasks(listScope(work), { label: "call" })).tasks)).toEqual(["Two", "One"]);
    expect((await listTasks(listScope(inbox), { label: "call" })).tasks).toEqual([]);
    expect(await itemsIn(labelPartition(user.id, "call"))).toEqual([]);

    // Stopped half-way again, and the task changed where it was: the move rolls back, copies too.
    const three = await createTask(inbox, { title: "Three", labels: "call" });
    dynamo.cut("refuse", nthCall("DeleteItem", 1));
    await expect(moveTaskWithUndo(inbox, work, three.id, three.version)).rejects.toThrow();
    dynamo.restore();
    await updateTask(inbox, three.id, {
      title: "Three, changed",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "none",
      version: "1",
    });
    expect(titles((await listTasks(listScope(work), { label: "call" })).tasks)).toEqual(["Two", "One"]);
    expect(titles((await listTasks(listScope(inbox), { label: "call" })).tasks)).toEqual(["Three, changed"]);
    expect((await itemsIn(labelPartition(list.id, "call"))).map((item) => item.id).sort()).toEqual(
      [one.id, two.id].sort(),
    );
  });

  test("a purged list and a deleted account's Inbox leave no labels or label copies behind", async () => {
    const user = newUser();
    const list = await createList(user, { name: "Trip" });
    const trip = await resolveListAccess(user.id, list.id);
    for (let i = 0; i < 3; i++) await createTask(trip, { title: `Pack ${i}`, labels: i ? "bag, day1" : "bag" });
    // A label no task carries any more stays in the list's labels until the purge.
    const gone = await createTask(trip, { title: "Gone", labels: "unused" });
    await deleteTask(trip, gone.id);
    expect((await listLabelsOf(trip)).map((label) => label.name)).toEqual(["bag", "day1", "unused"]);
    await deleteList(trip);
    expect(await purgeDeletedLists(user.id, { immediately: true })).toBe(1);
    for (const partition of [
      list.id,
      `${list.id}#labels`,
      ...["bag", "day1", "unused"].map((key) => labelPartition(list.id, key)),
    ])
      expect(await itemsIn(partition)).toEqual([]);

    const inbox = inboxAccess(user.id);
    await createTask(inbox, { title: "Mine", labels: "home" });
    // What an account's deletion runs for its Inbox (account-deletion-service.ts).
    expect(await deleteAllTasksOfList(user.id)).toBe(1);
    for (const partition of [user.id, `${user.id}#labels`, labelPartition(user.id, "home")])
      expect(await itemsIn(partition)).toEqual([]);
  });
});
