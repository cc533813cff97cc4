import type { IncomingMessage } from "node:http";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError } from "#src/errors.ts";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList, setListArchived } from "#src/lists/list-service.ts";
import type { ListRole } from "#src/lists/list.ts";
import { applyBulk } from "#src/tasks/task-bulk-service.ts";
import {
  createTask,
  deleteTask,
  everyListScope,
  getTask,
  listScope,
  listTasks,
  setTaskStatus,
  updateTask,
} from "#src/tasks/task-service.ts";
import { listsForUser } from "#src/lists/list-access.ts";
import { moveTask, moveTaskWithUndo } from "#src/tasks/task-move-service.ts";
import { undoChange } from "#src/tasks/task-undo-service.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// Moving a task between lists (issue 22): the roles both lists need, and the two writes a move
// is (a copy in the target, the removal from the source; no transactions) stopped half-way by
// the outage proxy, then retried, read or written through. Every DynamoDB call of this file
// goes through the proxy.

let dynamo: OutageProxy;
const real = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(real);
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

async function refusal(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A list owned by someone else in which `user` has `role` (or is no member: "none"); the user's own when "owner". */
async function listWhere(user: { id: string; email: string }, role: ListRole | "none", name: string) {
  if (role === "owner") return createList(user, { name });
  const owner = newUser();
  const list = await createList(owner, { name });
  if (role === "none") return list;
  const added = await addMember(list.id, user.id, { role, email: user.email, joinedAt: new Date().toISOString() }, 25);
  if (!added.ok) throw new Error("could not add the member");
  await writeDirectory(added.list);
  return list;
}

/** The stored item as it is, read past the app's code (which would settle a half-done move). */
async function rawItem(listId: string, id: string) {
  const client = await getDocumentClient();
  const result = await client.send(
    new GetCommand({ TableName: getTableNames().tasks, Key: { owner: listId, id }, ConsistentRead: true }),
  );
  return result.Item;
}

/** Refuses every DeleteItem (retries included): a move stops after its first write. */
const deletes = (request: IncomingMessage) => String(request.headers["x-amz-target"]).endsWith(".DeleteItem");

/** A move of a new task from `from` to `to` (two lists of one user) stopped between its two writes. */
async function halfWayMove() {
  const user = newUser();
  const [a, b] = [await createList(user, { name: "Home" }), await createList(user, { name: "Work" })];
  const from = await resolveListAccess(user.id, a.id);
  const to = await resolveListAccess(user.id, b.id);
  const task = await createTask(from, { title: "Call the plumber" });
  dynamo.cut("refuse", deletes);
  const stopped = await refusal(() => moveTask(from, to, task.id, task.version));
  dynamo.restore();
  expect(stopped).toBeInstanceOf(ServiceUnavailableError);
  // Both copies are stored: the source as it was, the copy marked with where it came from.
  expect(await rawItem(a.id, task.id)).toMatchObject({ version: 1 });
  expect(await rawItem(b.id, task.id)).toMatchObject({ version: 2, movedFrom: { owner: a.id, version: 1 } });
  return { user, a, b, from, to, task };
}

async function titlesAcross(userId: string): Promise<string[]> {
  const page = await listTasks(everyListScope(userId, await listsForUser({ id: userId })), {});
  return page.tasks.map((task) => task.title);
}

describe("who may move a task", () => {
  const roles = ["owner", "editor", "viewer", "none"] as const;
  for (const source of roles)
    for (const target of roles)
      test(`${source} of the source, ${target} of the target: ${
        (source === "owner" || source === "editor") && (target === "owner" || target === "editor") ? "moves" : "refused"
      }`, async () => {
        const user = newUser();
        const a = await listWhere(user, source, "Source");
        const b = await listWhere(user, target, "Target");
        const seeder = source === "owner" ? user.id : a.ownerId;
        const task = await createTask(await resolveListAccess(seeder, a.id), { title: "Move me" });
        const allowed = (source === "owner" || source === "editor") && (target === "owner" || target === "editor");

        const outcome = await refusal(async () =>
          moveTask(await resolveListAccess(user.id, a.id), await resolveListAccess(user.id, b.id), task.id, 1),
        );

        const inSource = await getTask(await resolveListAccess(a.ownerId, a.id), task.id).catch(() => null);
        const inTarget = await getTask(await resolveListAccess(b.ownerId, b.id), task.id).catch(() => null);
        if (allowed) {
          expect(outcome).toBeUndefined();
          expect(inSource).toBeNull();
          // Same id, the next version, the mover as the last to change it, the maker kept.
          expect(inTarget).toMatchObject({
            id: task.id,
            listId: b.id,
            title: "Move me",
            version: 2,
            createdBy: seeder,
            updatedBy: user.id,
          });
        } else {
          // A list the user cannot see is "not found", word for word; one they only read needs the editor role.
          if (source === "none" || target === "none") {
            expect(outcome).toBeInstanceOf(NotFoundError);
            expect((outcome as Error).message).toBe("List not found.");
          } else {
            expect(outcome).toBeInstanceOf(ForbiddenError);
            expect((outcome as Error).message).toContain("needs the editor role");
          }
          expect(inSource).toMatchObject({ id: task.id, version: 1 });
          expect(inTarget).toBeNull();
        }
      });

  test("an archived list, source or target, refuses the move and nothing changes", async () => {
    const user = newUser();
    const [a, b] = [await createList(user, { name: "Old" }), await createList(user, { name: "New" })];
    const task = await createTask(await resolveListAccess(user.id, a.id), { title: "Keep me" });
    for (const archived of [a, b]) {
      await setListArchived(await resolveListAccess(user.id, archived.id), true);
      const error = await refusal(async () =>
        moveTask(await resolveListAccess(user.id, a.id), await resolveListAccess(user.id, b.id), task.id, 1),
      );
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toContain("archived");
      await setListArchived(await resolveListAccess(user.id, archived.id), false);
    }
    expect(await getTask(await resolveListAccess(user.id, a.id), task.id)).toMatchObject({ version: 1 });
    expect(await rawItem(b.id, task.id)).toBeUndefined();
  });

  test("a stale version is a conflict and moves nothing; the list it is in already is no change", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const work = await resolveListAccess(user.id, (await createList(user, { name: "Work" })).id);
    const task = await createTask(inbox, { title: "Edited elsewhere" });
    await setTaskStatus(inbox, task.id, { status: "done", version: "1" });

    expect(await refusal(() => moveTask(inbox, work, task.id, 1))).toBeInstanceOf(ConflictError);
    expect(await rawItem(work.listId, task.id)).toBeUndefined();
    expect(await moveTask(inbox, inbox, task.id, 2)).toMatchObject({ task: { version: 2 }, before: null });
  });
});

describe("a move stopped half-way", () => {
  test("retrying it finishes it: the task is in the target once, its id and version kept", async () => {
    const { from, to, task, user } = await halfWayMove();
    const { task: moved } = await moveTask(from, to, task.id, task.version);
    expect(moved).toMatchObject({ id: task.id, listId: to.listId, version: 2 });
    expect(await rawItem(from.listId, task.id)).toBeUndefined();
    expect((await rawItem(to.listId, task.id))?.movedFrom).toBeUndefined();
    expect(await titlesAcross(user.id)).toEqual(["Call the plumber"]);
    // A second retry (a lost reply, a second click) answers with the task where it is.
    expect((await moveTask(from, to, task.id, task.version)).task).toMatchObject({ listId: to.listId, version: 2 });
  });

  test("the next read finishes it: a view across lists shows the task once, in the target", async () => {
    const { from, to, task, user } = await halfWayMove();
    const page = await listTasks(everyListScope(user.id, await listsForUser(user)), {});
    expect(page.tasks.map((shown) => [shown.id, shown.listId])).toEqual([[task.id, to.listId]]);
    expect(await rawItem(from.listId, task.id)).toBeUndefined();
    expect((await rawItem(to.listId, task.id))?.movedFrom).toBeUndefined();
    // The source list's page no longer shows it either.
    expect((await listTasks(listScope(from), {})).tasks).toEqual([]);
  });

  test("an edit of the source meanwhile wins: the move rolls back, nothing is lost or shown twice", async () => {
    const { from, to, task, user } = await halfWayMove();
    await setTaskStatus(from, task.id, { status: "in_progress", version: "1" });

    expect(await titlesAcross(user.id)).toEqual(["Call the plumber"]);
    expect(await rawItem(to.listId, task.id)).toBeUndefined();
    expect(await getTask(from, task.id)).toMatchObject({ status: "in_progress", version: 2, listId: from.listId });
    // Retrying the move with the version it was based on is now a conflict, and moves nothing.
    expect(await refusal(() => moveTask(from, to, task.id, task.version))).toBeInstanceOf(ConflictError);
    expect(await rawItem(to.listId, task.id)).toBeUndefined();
  });

  test("a move retried from the source's new version rolls back the stale copy and moves it afresh", async () => {
    const { from, to, task } = await halfWayMove();
    // Changed with a write that does not read the target (another tab's save).
    await updateTask(from, task.id, {
      title: "Call the plumber today",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "high",
      version: "1",
    });
    const error = await refusal(() => moveTask(from, to, task.id, 2));
    // Based on the new version the move is tried afresh and goes through.
    expect(error).toBeUndefined();
    expect(await rawItem(from.listId, task.id)).toBeUndefined();
    expect(await getTask(to, task.id)).toMatchObject({ title: "Call the plumber today", version: 3 });
  });

  test("an edit of the copy in the target settles the move first, then saves", async () => {
    const { from, to, task } = await halfWayMove();
    const saved = await setTaskStatus(to, task.id, { status: "done", version: "2" });
    expect(saved).toMatchObject({ status: "done", version: 3, listId: to.listId });
    expect(await rawItem(from.listId, task.id)).toBeUndefined();
    expect((await rawItem(to.listId, task.id))?.movedFrom).toBeUndefined();
  });

  test("deleting the copy in the target settles the move first, so the task does not come back in the source", async () => {
    const { from, to, task } = await halfWayMove();
    await deleteTask(to, task.id);
    expect(await rawItem(to.listId, task.id)).toBeUndefined();
    expect(await rawItem(from.listId, task.id)).toBeUndefined();
  });
});

describe("undo, bulk moves", () => {
  test("undo of a move puts the task back in its list, once", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const work = await resolveListAccess(user.id, (await createList(user, { name: "Work" })).id);
    const task = await createTask(inbox, { title: "Back and forth" });
    const { undoToken } = await moveTaskWithUndo(inbox, work, task.id, 1);

    const undone = await undoChange(user.id, undoToken);
    expect(undone.restored).toMatchObject([{ id: task.id, listId: user.id, version: 3 }]);
    expect(await getTask(inbox, task.id)).toMatchObject({ title: "Back and forth", version: 3 });
    expect(await rawItem(work.listId, task.id)).toBeUndefined();
    expect(await refusal(() => undoChange(user.id, undoToken))).toBeDefined();
  });

  test("undo leaves a moved task alone once it changed again", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const work = await resolveListAccess(user.id, (await createList(user, { name: "Work" })).id);
    const task = await createTask(inbox, { title: "Changed after" });
    const { undoToken } = await moveTaskWithUndo(inbox, work, task.id, 1);
    await setTaskStatus(work, task.id, { status: "done", version: "2" });

    const undone = await undoChange(user.id, undoToken);
    expect(undone).toMatchObject({ restored: [], refused: [{ id: task.id }] });
    expect(await getTask(work, task.id)).toMatchObject({ status: "done" });
  });

  test("a bulk move takes tasks from several lists into one; its undo sends each back to its own", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const home = await resolveListAccess(user.id, (await createList(user, { name: "Home" })).id);
    const work = await resolveListAccess(user.id, (await createList(user, { name: "Work" })).id);
    const a = await createTask(inbox, { title: "From the inbox" });
    const b = await createTask(home, { title: "From home" });
    const c = await createTask(work, { title: "Already at work" });

    const result = await applyBulk(user.id, {
      action: "move",
      listId: work.listId,
      ids: [a.id, `${home.listId}:${b.id}`, `${work.listId}:${c.id}`],
    });
    expect(result).toMatchObject({ action: "move", value: "Work", changed: 2, unchanged: 1, missing: [] });
    expect((await listTasks(listScope(work), {})).tasks.map((task) => task.title).sort()).toEqual(
      ["Already at work", "From home", "From the inbox"].sort(),
    );
    expect((await listTasks(listScope(inbox), {})).tasks).toEqual([]);

    const undone = await undoChange(user.id, result.undoToken);
    expect(undone.restored).toHaveLength(2);
    expect(await getTask(inbox, a.id)).toMatchObject({ title: "From the inbox" });
    expect(await getTask(home, b.id)).toMatchObject({ title: "From home" });
    expect((await listTasks(listScope(work), {})).tasks.map((task) => task.title)).toEqual(["Already at work"]);
  });

  test("a bulk move into a list the user may only read, or cannot see, changes nothing", async () => {
    const user = newUser();
    const inbox = inboxAccess(user.id);
    const readOnly = await listWhere(user, "viewer", "Theirs");
    const hidden = await listWhere(user, "none", "Hidden");
    const task = await createTask(inbox, { title: "Stay" });

    const forbidden = await refusal(() => applyBulk(user.id, { action: "move", listId: readOnly.id, ids: [task.id] }));
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    const missing = await refusal(() => applyBulk(user.id, { action: "move", listId: hidden.id, ids: [task.id] }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(await getTask(inbox, task.id)).toMatchObject({ version: 1 });
  });
});
