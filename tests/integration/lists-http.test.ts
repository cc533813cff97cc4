import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, removeMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList, updateList } from "#src/lists/list-service.ts";
import { removeMember as removeFromList } from "#src/lists/membership-service.ts";
import { createTask, getTask, listScope, listTasks } from "#src/tasks/task-service.ts";
import { api } from "#tests/support/api-client.ts";
import { tokensFor } from "#tests/support/cognito.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// Lists through the bundle that ships, as a browser without JavaScript (and a script) uses
// them: the role each page action needs, what a page shows each role, and what a page costs.

let proxy: Awaited<ReturnType<typeof startDynamoCallProxy>>;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  proxy = await startDynamoCallProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  await proxy.stop();
});

/** A list `owner` made, which `editor` and `viewer` joined. */
async function household() {
  const [owner, editor, viewer, stranger] = await Promise.all([newUser(), newUser(), newUser(), newUser()]);
  const list = await createList({ id: owner.sub, email: owner.email }, { name: "Household", color: "teal" });
  for (const [user, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const added = await addMember(
      list.id,
      user.sub,
      { role, email: user.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!added.ok) throw new Error(`could not add the ${role}`);
    await writeDirectory(added.list);
  }
  const task = await createTask(await resolveListAccess(owner.sub, list.id), { title: "Fix the tap" });
  return { list, task, owner, editor, viewer, stranger };
}

async function titlesIn(user: User, listId: string): Promise<string[]> {
  const page = await listTasks(listScope(await resolveListAccess(user.sub, listId)), {});
  return page.tasks.map((task) => task.title);
}

describe("a shared list's pages, by role", () => {
  test("every member sees the list and its tasks; a viewer sees no controls that would fail; anyone else a 404", async () => {
    const { list, owner, editor, viewer, stranger } = await household();

    for (const member of [owner, editor, viewer]) {
      const page = await member.invoke(`/lists/${list.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Fix the tap");
      expect(page.text).toContain("Household · shared");
    }
    expect((await owner.invoke(`/lists/${list.id}`)).text).toContain('name="title"');
    const asViewer = (await viewer.invoke(`/lists/${list.id}`)).text;
    expect(asViewer).not.toContain('name="title"');
    expect(asViewer).toContain("You can read this list; only its owner and editors change it.");

    const refused = await stranger.invoke(`/lists/${list.id}`);
    expect(refused.status).toBe(404);
    expect(refused.text).toContain("List not found.");
    expect(refused.text).not.toContain("Household");
    expect(refused.text).not.toContain("Fix the tap");
  });

  test("a viewer's quick add, edit, one-click change and delete are refused with the role they need; nothing changes", async () => {
    const { list, task, owner, viewer } = await household();
    const taskPath = `/lists/${list.id}/tasks/${task.id}`;

    const add = await viewer.invoke(`/lists/${list.id}`, { method: "POST", form: { title: "Sneaky" } });
    expect(add.status).toBe(403);
    expect(add.text).toContain("This needs the editor role in “Household”; you are a viewer.");
    const forms: Record<string, string>[] = [
      { intent: "status", status: "done", version: "1", returnTo: `/lists/${list.id}` },
      { intent: "delete" },
      {
        intent: "update",
        title: "Changed",
        description: "",
        status: "todo",
        dueDate: "",
        priority: "none",
        version: "1",
      },
    ];
    for (const form of forms) {
      const response = await viewer.invoke(taskPath, { method: "POST", form });
      expect(response.status, form.intent).toBe(403);
    }
    const bulk = await viewer.invoke("/tasks/bulk", {
      method: "POST",
      form: { action: "delete", ids: `${list.id}:${task.id}`, returnTo: "/tasks" },
    });
    expect(bulk.status).toBe(403);

    expect(await titlesIn(owner, list.id)).toEqual(["Fix the tap"]);
    expect(await getTask(await resolveListAccess(owner.sub, list.id), task.id)).toMatchObject({ version: 1 });
  });

  test("an editor adds and changes tasks in the list; a removed member is refused at their very next request", async () => {
    const { list, task, owner, editor } = await household();

    const added = await editor.invoke(`/lists/${list.id}`, {
      method: "POST",
      form: { title: "Buy bulbs", returnTo: `/lists/${list.id}` },
    });
    expect(added.status).toBe(303);
    expect((await follow(editor, added)).text).toContain("Added “Buy bulbs”");
    const done = await editor.invoke(`/lists/${list.id}/tasks/${task.id}`, {
      method: "POST",
      form: { intent: "status", status: "done", version: "1", returnTo: `/lists/${list.id}` },
    });
    expect(done.status).toBe(303);
    expect(await titlesIn(owner, list.id)).toEqual(["Buy bulbs", "Fix the tap"]);

    await removeMember(list.id, editor.sub);
    expect((await editor.invoke(`/lists/${list.id}`)).status).toBe(404);
    expect((await editor.invoke(`/lists/${list.id}/tasks/${task.id}`)).status).toBe(404);
    const all = await editor.invoke("/tasks");
    expect(all.status).toBe(200);
    expect(all.text).not.toContain("Household");
    expect(all.text).not.toContain("Fix the tap");
  });
});

describe("pages of lists", () => {
  test("new list, rename, archive and delete with Undo, each through its form", async () => {
    const user = await newUser();
    const made = await user.invoke("/lists/new", { method: "POST", form: { name: "Garden", color: "green" } });
    expect(made.status).toBe(303);
    const listPath = made.headers.location ?? "";
    expect(listPath).toMatch(/^\/lists\/l_[0-9A-Z]{26}$/);
    expect((await follow(user, made)).text).toContain("Made the list “Garden”.");

    const bad = await user.invoke("/lists/new", { method: "POST", form: { name: "   " } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Enter a name for the list.");

    const renamed = await user.invoke(`${listPath}/settings`, {
      method: "POST",
      form: { intent: "save", name: "Allotment", color: "yellow" },
    });
    expect(renamed.status).toBe(303);
    expect((await user.invoke(listPath)).text).toContain("Allotment");

    const archived = await user.invoke(`${listPath}/settings`, { method: "POST", form: { intent: "archive" } });
    expect((await follow(user, archived)).text).toContain("This list is archived");
    const archivedAdd = await user.invoke(listPath, { method: "POST", form: { title: "Weed" } });
    expect(archivedAdd.status).toBe(403);
    await user.invoke(`${listPath}/settings`, { method: "POST", form: { intent: "unarchive" } });

    const deleted = await user.invoke(`${listPath}/settings`, { method: "POST", form: { intent: "delete" } });
    expect(deleted.headers.location).toBe("/tasks");
    const after = await follow(user, deleted);
    expect(after.text).toContain("Deleted the list “Allotment” with its tasks.");
    expect((await user.invoke(listPath)).status).toBe(404);
    const token = /name="token" value="([^"]+)"/.exec(after.body)?.[1] ?? "";
    expect(token).toMatch(/^list:/);
    const undone = await user.invoke("/tasks/undo", { method: "POST", form: { token } });
    expect(undone.headers.location).toBe(listPath);
    expect((await user.invoke(listPath)).status).toBe(200);
  });

  test("a page of one list costs the session, the list and one Query (the session keeps the navigation); All one Query per list", async () => {
    const user = await newUser();
    const list = await createList({ id: user.sub, email: user.email }, { name: "Work" });
    await createTask(inboxAccess(user.sub), { title: "Inbox task" });
    await createTask(await resolveListAccess(user.sub, list.id), { title: "Work task" });
    const { lists, tasks, sessions } = getTableNames();
    const callsOf = async (path: string) => {
      proxy.reset();
      const response = await user.invoke(path);
      expect(response.status).toBe(200);
      return { text: response.text, calls: proxy.calls.map((call) => `${call.command}:${call.table}`).sort() };
    };

    // The first page of the session reads the directory once, and at the same time the
    // invitations waiting for the user (a second Query of the lists table), and keeps both in
    // the session item.
    const first = await callsOf("/lists/inbox");
    expect(first.calls).toEqual(
      [`GetItem:${sessions}`, `Query:${lists}`, `Query:${lists}`, `Query:${tasks}`, `UpdateItem:${sessions}`].sort(),
    );
    const inbox = await callsOf("/lists/inbox");
    const one = await callsOf(`/lists/${list.id}`);
    const all = await callsOf("/tasks");

    expect(inbox.calls).toEqual([`GetItem:${sessions}`, `Query:${tasks}`].sort());
    expect(inbox.text).toContain("Work");
    expect(one.text).toContain("Work task");
    expect(one.text).not.toContain("Inbox task");
    expect(one.calls).toEqual([`GetItem:${sessions}`, `GetItem:${lists}`, `Query:${tasks}`].sort());
    expect(all.text).toContain("Work task");
    expect(all.text).toContain("Inbox task");
    expect(all.calls).toEqual(
      [`GetItem:${sessions}`, `BatchGetItem:${lists}`, `Query:${tasks}`, `Query:${tasks}`].sort(),
    );
  });

  test("the session's copy of the navigation never hides a change: a new list, a rename by another member, a removal", async () => {
    const { list, editor, owner } = await household();
    const editorUser = { id: editor.sub, email: editor.email };
    expect((await editor.invoke("/lists/inbox")).text).toContain(list.name);
    // Kept now; every change to the editor's directory drops the copy in each of their sessions.
    const made = await createList(editorUser, { name: "Allotment" });
    expect((await editor.invoke("/lists/inbox")).text).toContain("Allotment");
    const ownerAccess = await resolveListAccess(owner.sub, list.id);
    await updateList(ownerAccess, { name: "Flat 4", color: "teal" });
    const renamed = await editor.invoke(`/lists/${made.id}`);
    expect(renamed.text).toContain("Flat 4");
    await removeFromList(await resolveListAccess(owner.sub, list.id), editor.sub);
    const after = await editor.invoke("/lists/inbox");
    expect(after.text).not.toContain("Flat 4");
    expect((await editor.invoke(`/lists/${list.id}`)).status).toBe(404);
  });
});

describe("the JSON API and lists", () => {
  test("tasks name their list; a viewer reads a shared list but cannot add to it (403); a stranger gets 404", async () => {
    const { list, task, viewer, stranger } = await household();
    const token = async (user: User) => (await tokensFor(user.email, TEST_PASSWORD)).accessToken;
    const viewerToken = await token(viewer);

    const one = await api("GET", `/api/v1/tasks?list=${list.id}`, { token: viewerToken });
    expect(one.status).toBe(200);
    expect(one.data.tasks).toMatchObject([{ id: task.id, listId: list.id, title: "Fix the tap" }]);
    const byId = await api("GET", `/api/v1/tasks/${task.id}`, { token: viewerToken });
    expect(byId.data).toMatchObject({ id: task.id, listId: list.id });

    const add = await api("POST", "/api/v1/tasks", { token: viewerToken, json: { title: "No", listId: list.id } });
    expect(add.status).toBe(403);
    expect(add.data).toMatchObject({ type: "urn:task-tracker:problem:forbidden" });
    expect(add.data.detail).toContain("editor");
    const patch = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: viewerToken,
      json: { title: "No", version: 1 },
    });
    expect(patch.status).toBe(403);

    const strangerToken = await token(stranger);
    for (const [method, target] of [
      ["GET", `/api/v1/tasks?list=${list.id}`],
      ["GET", `/api/v1/tasks/${task.id}`],
      ["DELETE", `/api/v1/tasks/${task.id}`],
    ] as const) {
      const response = await api(method, target, { token: strangerToken });
      expect(response.status, `${method} ${target}`).toBe(404);
      expect(JSON.stringify(response.data)).not.toContain("Fix the tap");
    }
    const inboxTask = await api("POST", "/api/v1/tasks", { token: strangerToken, json: { title: "Mine" } });
    expect(inboxTask.status).toBe(201);
    expect(inboxTask.data.listId).toBe("inbox");
  });
});

describe("the JSON API's lists", () => {
  test("list, make, rename, archive and delete lists; the Inbox comes first and stays as it is; roles hold", async () => {
    const { list, owner, viewer, stranger } = await household();
    const token = async (user: User) => (await tokensFor(user.email, TEST_PASSWORD)).accessToken;
    const [ownerToken, viewerToken, strangerToken] = await Promise.all([token(owner), token(viewer), token(stranger)]);

    const mine = await api("GET", "/api/v1/lists", { token: viewerToken });
    expect(mine.status).toBe(200);
    expect(mine.data.lists).toEqual([
      { id: "inbox", name: "Inbox", color: "grey", role: "owner", shared: false, archived: false, inbox: true },
      { id: list.id, name: "Household", color: "teal", role: "viewer", shared: true, archived: false, inbox: false },
    ]);

    const made = await api("POST", "/api/v1/lists", { token: ownerToken, json: { name: "Trip", color: "blue" } });
    expect(made.status).toBe(201);
    expect(made.headers.location).toBe(`/api/v1/lists/${made.data.id}`);
    expect(made.data).toMatchObject({ name: "Trip", color: "blue", role: "owner", shared: false });
    const refused = await api("POST", "/api/v1/lists", { token: ownerToken, json: { name: "" } });
    expect(refused.status).toBe(400);

    const renamed = await api("PATCH", `/api/v1/lists/${made.data.id}`, {
      token: ownerToken,
      json: { name: "Holiday", archived: true },
    });
    expect(renamed.data).toMatchObject({ name: "Holiday", archived: true });
    const restored = await api("PATCH", `/api/v1/lists/${made.data.id}`, {
      token: ownerToken,
      json: { archived: false },
    });
    expect(restored.data.archived).toBe(false);

    expect(
      (await api("PATCH", `/api/v1/lists/${list.id}`, { token: viewerToken, json: { name: "Mine" } })).status,
    ).toBe(403);
    expect((await api("DELETE", `/api/v1/lists/${list.id}`, { token: viewerToken })).status).toBe(403);
    expect((await api("GET", `/api/v1/lists/${list.id}`, { token: strangerToken })).status).toBe(404);
    expect((await api("PATCH", "/api/v1/lists/inbox", { token: ownerToken, json: { name: "Mine" } })).status).toBe(400);

    expect((await api("DELETE", `/api/v1/lists/${made.data.id}`, { token: ownerToken })).status).toBe(204);
    expect((await api("GET", `/api/v1/lists/${made.data.id}`, { token: ownerToken })).status).toBe(404);
    expect((await api("GET", `/api/v1/lists/${list.id}`, { token: viewerToken })).data.name).toBe("Household");
  });
});
