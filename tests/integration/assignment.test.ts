import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { resetDocumentClientForTests } from "#src/db/client.ts";
import { resetEnvForTests } from "#src/env.ts";
import { ForbiddenError, NotFoundError, ServiceUnavailableError, ValidationError } from "#src/errors.ts";
import { listsForUser, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import * as listStore from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { changeRole, handOver, removeMember } from "#src/lists/membership-service.ts";
import { moveTask } from "#src/tasks/task-move-service.ts";
import * as taskStore from "#src/tasks/task-repository.ts";
import {
  assignedScope,
  createTask,
  getTask,
  listScope,
  listTasks,
  setTaskAssignee,
  updateTask,
} from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// Assigning a task of a shared list to one of its members, "Assigned to me" across lists, and
// what removal does to assignments, through the services against the local DynamoDB (behind
// the outage proxy, which passes everything until a test cuts a call).

let dynamo: OutageProxy;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  resetEnvForTests();
  await resetDocumentClientForTests();
});
afterEach(() => dynamo.restore());
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  resetEnvForTests();
  await resetDocumentClientForTests();
  await dynamo.stop();
});

interface Person {
  id: string;
  email: string;
}
const aPerson = (): Person => ({ id: newOwnerId(), email: `p-${randomUUID().slice(0, 8)}@example.com` });

/** A list `owner` made, with an editor and a viewer in it. */
async function team(name = "Team") {
  const [owner, editor, viewer] = [aPerson(), aPerson(), aPerson()];
  const list = await createList(owner, { name, color: "teal" });
  for (const [person, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const added = await listStore.addMember(
      list.id,
      person.id,
      { role, email: person.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!added.ok) throw new Error(`could not add the ${role}`);
    await listStore.writeDirectory(added.list);
  }
  const as = (person: Person) => resolveListAccess(person.id, list.id);
  return { list, owner, editor, viewer, as };
}

async function refusal(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function assign(access: ListAccess, task: Task, assigneeId: string | null): Promise<Task> {
  const current = await getTask(access, task.id);
  return setTaskAssignee(access, task.id, { assigneeId: assigneeId ?? "", version: String(current.version) });
}

/** The titles on every page of a user's "Assigned to me", `limit` a page, and how many pages. */
async function assignedTitles(person: Person, query: Record<string, string> = {}, limit = 25) {
  const scope = assignedScope(person.id, person.id, await listsForUser(person));
  const titles: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listTasks(scope, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    titles.push(...page.tasks.map((task) => task.title));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { titles, pages };
}

describe("assigning", () => {
  test("an owner or an editor assigns a task to a member who can edit; a viewer cannot assign or be assigned; the assignee is kept by other edits", async () => {
    const { owner, editor, viewer, as } = await team();
    const task = await createTask(await as(owner), { title: "Paint the fence" });

    expect((await assign(await as(owner), task, editor.id)).assigneeId).toBe(editor.id);
    expect((await assign(await as(editor), task, owner.id)).assigneeId).toBe(owner.id);
    // A viewer reads only, so holds no work.
    const toViewer = await refusal(async () => assign(await as(owner), task, viewer.id));
    expect(toViewer).toBeInstanceOf(ValidationError);
    expect((toViewer as ValidationError).fieldErrors.assigneeId).toEqual([
      "A viewer of “Team” cannot be assigned its tasks: make them an editor first.",
    ]);
    expect(await getTask(await as(owner), task.id)).toMatchObject({ assigneeId: owner.id, version: 3 });
    const refused = await refusal(async () => assign(await as(viewer), task, viewer.id));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toBe("This needs the editor role in “Team”; you are a viewer.");

    // The edit form leaves the assignee alone unless it sends one.
    const edited = await updateTask(await as(editor), task.id, {
      title: "Paint the fence white",
      description: "",
      status: "in_progress",
      dueDate: "2030-05-01",
      priority: "high",
      version: "3",
    });
    expect(edited).toMatchObject({ assigneeId: owner.id, version: 4 });
    const unassigned = await updateTask(await as(editor), task.id, {
      title: edited.title,
      description: "",
      status: "in_progress",
      dueDate: "2030-05-01",
      priority: "high",
      assigneeId: "",
      version: "4",
    });
    expect(unassigned.assigneeId).toBeUndefined();
    expect((await getTask(await as(viewer), task.id)).assigneeId).toBeUndefined();
  });

  test("only a current member can be assigned, and nobody in an Inbox; a refusal changes nothing", async () => {
    const { owner, as } = await team();
    const task = await createTask(await as(owner), { title: "Book the hall" });
    const stranger = aPerson();
    const notMember = await refusal(async () => assign(await as(owner), task, stranger.id));
    expect(notMember).toBeInstanceOf(ValidationError);
    expect((notMember as ValidationError).fieldErrors.assigneeId).toEqual([
      "Only a member of “Team” can be assigned its tasks: invite them first.",
    ]);

    const inbox = await resolveListAccess(owner.id, "inbox");
    const own = await createTask(inbox, { title: "Mine alone" });
    const inInbox = await refusal(() => setTaskAssignee(inbox, own.id, { assigneeId: owner.id, version: "1" }));
    expect(inInbox).toBeInstanceOf(ValidationError);
    expect((inInbox as ValidationError).fieldErrors.assigneeId).toEqual([
      "Your Inbox is personal, so its tasks cannot be assigned: move the task to a shared list first.",
    ]);
    expect(await getTask(await as(owner), task.id)).toMatchObject({ version: 1 });
    expect((await getTask(inbox, own.id)).assigneeId).toBeUndefined();
  });

  test("someone outside the list cannot reach its tasks to assign them", async () => {
    const { list } = await team();
    const outsider = aPerson();
    const error = await refusal(() => resolveListAccess(outsider.id, list.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("List not found.");
  });
});

describe("Assigned to me", () => {
  test("covers every list, open tasks soonest due first, then done ones; filters not done and done", async () => {
    const home = await team("Home");
    const work = await team("Work");
    // The same person is an editor in both.
    const me = home.editor;
    const joined = await listStore.addMember(
      work.list.id,
      me.id,
      { role: "editor", email: me.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!joined.ok) throw new Error("could not join");
    await listStore.writeDirectory(joined.list);

    const seed = async (t: Awaited<ReturnType<typeof team>>, title: string, fields: Record<string, string>) => {
      const task = await createTask(await t.as(t.owner), { title, ...fields });
      return assign(await t.as(t.owner), task, me.id);
    };
    await seed(home, "Later", { dueDate: "2030-03-01" });
    await seed(work, "Soon", { dueDate: "2030-01-01" });
    await seed(work, "Undated", {});
    await seed(home, "Finished", { status: "done", dueDate: "2029-01-01" });
    // Someone else's, and one not assigned: not mine.
    await seed(work, "Not mine", { dueDate: "2030-01-02" }).then(async (task) =>
      assign(await work.as(work.owner), task, work.editor.id),
    );
    await createTask(await home.as(home.owner), { title: "Nobody's" });

    expect((await assignedTitles(me)).titles).toEqual(["Soon", "Later", "Undated", "Finished"]);
    expect((await assignedTitles(me, { status: "not_done" })).titles).toEqual(["Soon", "Later", "Undated"]);
    expect((await assignedTitles(me, { status: "done" })).titles).toEqual(["Finished"]);
    // Two a page: the signed cursor walks the same order, nothing twice, nothing missed.
    expect(await assignedTitles(me, {}, 2)).toEqual({ titles: ["Soon", "Later", "Undated", "Finished"], pages: 2 });

    // Finishing a task moves it among the done ones.
    const soon = (await listTasks(listScope(await work.as(me)), { q: "Soon" })).tasks[0];
    if (!soon) throw new Error("Soon is missing");
    await updateTask(await work.as(me), soon.id, {
      title: "Soon",
      description: "",
      status: "done",
      dueDate: "2030-01-01",
      priority: "none",
      version: String(soon.version),
    });
    expect((await assignedTitles(me, { status: "not_done" })).titles).toEqual(["Later", "Undated"]);
    expect((await assignedTitles(me, { status: "done" })).titles).toEqual(["Finished", "Soon"]);
  });

  test("refuses the views it cannot serve with a message, and a cursor of another view", async () => {
    const { editor } = await team();
    const scope = assignedScope(editor.id, editor.id, await listsForUser(editor));
    for (const [query, field] of [
      [{ due: "today" }, "due"],
      [{ sort: "priority" }, "sort"],
      [{ status: "todo" }, "status"],
    ] as const) {
      const error = await refusal(() => listTasks(scope, query));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
    }
    const other = await listTasks(listScope(await resolveListAccess(editor.id, "inbox")), {});
    expect(other.tasks).toEqual([]);
  });

  test("a removed member's view shows nothing from that list, and their assignments there are cleared; the tasks stay", async () => {
    const { list, owner, editor, as } = await team();
    const tasks = [];
    for (const title of ["One", "Two", "Three"]) {
      tasks.push(await assign(await as(owner), await createTask(await as(owner), { title }), editor.id));
    }
    const other = await team("Elsewhere");
    const joined = await listStore.addMember(
      other.list.id,
      editor.id,
      { role: "editor", email: editor.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!joined.ok) throw new Error("could not join");
    await listStore.writeDirectory(joined.list);
    await assign(
      await other.as(other.owner),
      await createTask(await other.as(other.owner), { title: "Kept" }),
      editor.id,
    );
    expect((await assignedTitles(editor)).titles.sort()).toEqual(["Kept", "One", "Three", "Two"]);

    await removeMember(await as(owner), editor.id);
    expect((await assignedTitles(editor)).titles).toEqual(["Kept"]);
    const left = await listTasks(listScope(await as(owner)), {});
    expect(left.tasks.map((task) => task.title).sort()).toEqual(["One", "Three", "Two"]);
    expect(left.tasks.map((task) => task.assigneeId)).toEqual([undefined, undefined, undefined]);
    // In storage too, not only as shown.
    for (const task of tasks) expect((await taskStore.getTask(list.id, task.id))?.assigneeId).toBeUndefined();
  });

  test("a stale assignment (a removal not yet cleared) never shows: not to the person, not as a name to the list", async () => {
    const { list, owner, editor, as } = await team();
    const task = await assign(await as(owner), await createTask(await as(owner), { title: "Secret plan" }), editor.id);
    // The membership goes, but nothing else runs (as if the removal stopped right after its first write).
    await listStore.removeMember(list.id, editor.id);

    expect((await assignedTitles(editor)).titles).toEqual([]);
    expect((await getTask(await as(owner), task.id)).assigneeId).toBeUndefined();
    expect((await listTasks(listScope(await as(owner)), {})).tasks[0]?.assigneeId).toBeUndefined();
    // The owner asking for the ex-member's assignments gets none either.
    const scope = assignedScope(owner.id, editor.id, await listsForUser(owner));
    expect((await listTasks(scope, {})).tasks).toEqual([]);
    // Their next read of their own lists finishes the departure: the assignment is cleared in storage.
    await listsForUser(editor);
    expect((await taskStore.getTask(list.id, task.id))?.assigneeId).toBeUndefined();
  });

  test("clearing on removal stopped half-way is finished by running the removal again", async () => {
    const { list, owner, editor, as } = await team();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const task = await assign(await as(owner), await createTask(await as(owner), { title: `Job ${i}` }), editor.id);
      ids.push(task.id);
    }
    // The removal's first UpdateItem (the list item) and one task's clearing go through; then
    // every further UpdateItem is refused, as if DynamoDB went away mid-way.
    let updates = 0;
    dynamo.cut("refuse", (request: IncomingMessage) => {
      if (!String(request.headers["x-amz-target"]).endsWith(".UpdateItem")) return false;
      updates += 1;
      return updates > 2;
    });
    const stopped = await refusal(async () => removeMember(await as(owner), editor.id));
    expect(stopped).toBeInstanceOf(ServiceUnavailableError);
    dynamo.restore();
    const assigned = async () =>
      (await Promise.all(ids.map((id) => taskStore.getTask(list.id, id)))).filter((task) => task?.assigneeId).length;
    expect(await assigned()).toBe(3);
    // Removed already: access is gone at once, whatever is left to clear.
    expect(await refusal(() => resolveListAccess(editor.id, list.id))).toBeInstanceOf(NotFoundError);
    expect((await assignedTitles(editor)).titles).toEqual([]);

    // The owner runs it again: "not a member any more", and the rest is cleared.
    expect(await refusal(async () => removeMember(await as(owner), editor.id))).toBeInstanceOf(NotFoundError);
    expect(await assigned()).toBe(0);
    expect((await listStore.queryDirectory(editor.id)).map((entry) => entry.listId)).toEqual([]);
    const stored = await Promise.all(ids.map((id) => taskStore.getTask(list.id, id)));
    expect(stored.map((task) => task?.title)).toEqual(["Job 0", "Job 1", "Job 2", "Job 3"]);
  });

  test("leaving clears one's own assignments; handing over changes none", async () => {
    const { list, owner, editor, viewer, as } = await team();
    // The viewer made an editor, so they can hold work (and the one who leaves below).
    await changeRole(await as(owner), viewer.id, { role: "editor" });
    const mine = await assign(await as(owner), await createTask(await as(owner), { title: "Viewer's" }), viewer.id);
    const editors = await assign(await as(owner), await createTask(await as(owner), { title: "Editor's" }), editor.id);
    const owners = await assign(await as(owner), await createTask(await as(owner), { title: "Owner's" }), owner.id);

    await handOver(await as(owner), editor.id);
    for (const [task, who] of [
      [editors, editor.id],
      [owners, owner.id],
      [mine, viewer.id],
    ] as const) {
      expect((await taskStore.getTask(list.id, task.id))?.assigneeId).toBe(who);
    }
    expect((await assignedTitles(owner)).titles).toEqual(["Owner's"]);

    await removeMember(await as(viewer), viewer.id);
    expect((await taskStore.getTask(list.id, mine.id))?.assigneeId).toBeUndefined();
    expect((await taskStore.getTask(list.id, editors.id))?.assigneeId).toBe(editor.id);
  });

  test("made a viewer, a member's assignments in the list are cleared; the tasks stay, and their other lists keep theirs", async () => {
    const { list, owner, editor, as } = await team();
    const tasks = [];
    for (const title of ["Sweep", "Dust"]) {
      tasks.push(await assign(await as(owner), await createTask(await as(owner), { title }), editor.id));
    }
    const owners = await assign(await as(owner), await createTask(await as(owner), { title: "Owner's" }), owner.id);
    const other = await team("Other");
    const kept = await assign(
      await other.as(other.owner),
      await createTask(await other.as(other.owner), { title: "Elsewhere" }),
      other.editor.id,
    );

    await changeRole(await as(owner), editor.id, { role: "viewer" });
    for (const task of tasks) expect((await taskStore.getTask(list.id, task.id))?.assigneeId).toBeUndefined();
    expect((await taskStore.getTask(list.id, owners.id))?.assigneeId).toBe(owner.id);
    expect((await taskStore.getTask(other.list.id, kept.id))?.assigneeId).toBe(other.editor.id);
    expect((await assignedTitles(editor)).titles).toEqual([]);
    expect((await listTasks(listScope(await as(owner)), {})).tasks.map((task) => task.title).sort()).toEqual([
      "Dust",
      "Owner's",
      "Sweep",
    ]);
  });

  test("a demotion whose clearing has not run never shows the viewer as assignee, and making them a viewer again clears it", async () => {
    const { list, owner, editor, as } = await team();
    const task = await assign(await as(owner), await createTask(await as(owner), { title: "Fix the gate" }), editor.id);
    // The role changes, but nothing else runs (as if the change stopped right after its write).
    const demoted = await listStore.changeRole(list.id, editor.id, "viewer");
    expect(demoted.ok).toBe(true);

    expect((await getTask(await as(owner), task.id)).assigneeId).toBeUndefined();
    expect((await listTasks(listScope(await as(owner)), {})).tasks[0]?.assigneeId).toBeUndefined();
    expect((await assignedTitles(editor)).titles).toEqual([]);
    expect((await taskStore.getTask(list.id, task.id))?.assigneeId).toBe(editor.id);

    await changeRole(await as(owner), editor.id, { role: "viewer" });
    expect((await taskStore.getTask(list.id, task.id))?.assigneeId).toBeUndefined();
  });

  test("a task moved keeps its assignee where they can edit, and arrives unassigned anywhere else", async () => {
    const home = await team("Home");
    const { owner, editor } = home;
    // A second list of the same owner, where the editor is an editor too, and one where they are not a member.
    const shed = await createList(owner, { name: "Shed", color: "teal" });
    const joined = await listStore.addMember(
      shed.id,
      editor.id,
      { role: "editor", email: editor.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!joined.ok) throw new Error("could not join");
    await listStore.writeDirectory(joined.list);
    const attic = await createList(owner, { name: "Attic", color: "teal" });
    const as = (listId: string) => resolveListAccess(owner.id, listId);

    const staying = await assign(
      await as(home.list.id),
      await createTask(await as(home.list.id), { title: "Oil the mower" }),
      editor.id,
    );
    const toShed = await moveTask(await as(home.list.id), await as(shed.id), staying.id);
    expect(toShed.task).toMatchObject({ listId: shed.id, assigneeId: editor.id });
    expect((await taskStore.getTask(shed.id, staying.id))?.assigneeId).toBe(editor.id);
    expect((await assignedTitles(editor)).titles).toEqual(["Oil the mower"]);

    const toAttic = await moveTask(await as(shed.id), await as(attic.id), staying.id);
    expect(toAttic.task.assigneeId).toBeUndefined();
    expect((await taskStore.getTask(attic.id, staying.id))?.assigneeId).toBeUndefined();

    const another = await assign(
      await as(home.list.id),
      await createTask(await as(home.list.id), { title: "Sort the post" }),
      editor.id,
    );
    const toInbox = await moveTask(await as(home.list.id), await as("inbox"), another.id);
    expect(toInbox.task.assigneeId).toBeUndefined();
    expect((await taskStore.getTask(owner.id, another.id))?.assigneeId).toBeUndefined();
    expect((await assignedTitles(editor)).titles).toEqual([]);
  });
});
