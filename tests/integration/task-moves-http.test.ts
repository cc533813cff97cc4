import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { resolveListAccess, inboxAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { createTask, getTask } from "#src/tasks/task-service.ts";
import { api } from "#tests/support/api-client.ts";
import { tokensFor } from "#tests/support/cognito.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// Moving tasks and who added and changed them, through the bundle that ships: the edit form,
// a row's "Move to…" and the bulk form without JavaScript, the JSON API (every response checked
// against the OpenAPI document), old links, and what the pages cost in DynamoDB calls.

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

/** A list `owner` shares with `editor` and `viewer`. */
async function household() {
  const [owner, editor, viewer] = await Promise.all([newUser(), newUser(), newUser()]);
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
  return { list, owner, editor, viewer };
}

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

const callsOf = () => proxy.calls.map((call) => `${call.command}:${call.table}`).sort();

async function token(user: User): Promise<string> {
  return (await tokensFor(user.email, TEST_PASSWORD)).accessToken;
}

describe("moving from the pages, without JavaScript", () => {
  test("the edit form saves and moves; the old address leads to the new one; Undo puts it back", async () => {
    const { list, editor } = await household();
    const task = await createTask(inboxAccess(editor.sub), { title: "Buy bulbs" });
    const page = await editor.invoke(`/tasks/${task.id}`);
    // The select offers the lists the editor may change: the Inbox and the shared list.
    expect(page.text).toContain('name="listId"');
    expect(page.text).toContain(`<option value="${list.id}">Household</option>`);

    const saved = await editor.invoke(
      `/tasks/${task.id}`,
      form({
        intent: "update",
        title: "Buy bulbs for the hall",
        description: "",
        status: "todo",
        dueDate: "",
        priority: "none",
        version: "1",
        listId: list.id,
      }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/lists/${list.id}/tasks/${task.id}`);
    const after = await follow(editor, saved);
    expect(after.text).toContain("Moved “Buy bulbs for the hall” to “Household”.");
    expect(await getTask(await resolveListAccess(editor.sub, list.id), task.id)).toMatchObject({
      title: "Buy bulbs for the hall",
      version: 3,
    });

    // The Inbox address of the task redirects to where it is now.
    const old = await editor.invoke(`/tasks/${task.id}`);
    expect(old.status).toBe(302);
    expect(old.headers.location).toBe(`/lists/${list.id}/tasks/${task.id}`);

    const undoToken = /name="token" value="([^"]+)"/.exec(after.body)?.[1] ?? "";
    expect(undoToken).not.toBe("");
    const undone = await editor.invoke("/tasks/undo", { form: { token: undoToken, returnTo: "/tasks" } });
    expect(undone.status).toBe(303);
    expect(await getTask(inboxAccess(editor.sub), task.id)).toMatchObject({ title: "Buy bulbs for the hall" });
    // And the shared list's address now leads back to the Inbox's.
    const back = await editor.invoke(`/lists/${list.id}/tasks/${task.id}`);
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe(`/tasks/${task.id}`);
  });

  test("a row's Move to… and the bulk form move tasks; a viewer is offered neither and is refused", async () => {
    const { list, owner, viewer } = await household();
    const a = await createTask(inboxAccess(owner.sub), { title: "Row move" });
    const b = await createTask(inboxAccess(owner.sub), { title: "Bulk move" });
    const listPage = await owner.invoke("/lists/inbox");
    expect(listPage.text).toContain("Move to…");
    expect(listPage.text).toContain('<option value="move">Move to list</option>');

    const moved = await owner.invoke(
      `/tasks/${a.id}`,
      form({ intent: "quick", listId: list.id, version: "1", returnTo: "/lists/inbox" }),
    );
    expect((await follow(owner, moved)).text).toContain("Moved “Row move” to “Household”.");
    const bulk = await owner.invoke(
      "/tasks/bulk",
      form({ action: "move", listId: list.id, ids: b.id, returnTo: "/lists/inbox" }),
    );
    expect((await follow(owner, bulk)).text).toContain("Moved 1 task to “Household”.");
    const access = await resolveListAccess(owner.sub, list.id);
    expect(await getTask(access, a.id)).toMatchObject({ listId: list.id });
    expect(await getTask(access, b.id)).toMatchObject({ listId: list.id });

    // The viewer's own Inbox is writable, the shared list is not: nothing to move to or from.
    const viewerPage = await viewer.invoke(`/lists/${list.id}`);
    expect(viewerPage.text).not.toContain("Move to…");
    const refused = await viewer.invoke(
      `/lists/${list.id}/tasks/${a.id}`,
      form({ intent: "quick", listId: "inbox", version: "2", returnTo: `/lists/${list.id}` }),
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("needs the editor role");
    expect(await getTask(access, a.id)).toMatchObject({ listId: list.id, version: 2 });
  });

  test("rows and the task page of a shared list say who added and changed a task, at no extra call; the Inbox does not", async () => {
    const { list, owner, editor } = await household();
    const access = await resolveListAccess(owner.sub, list.id);
    const task = await createTask(access, { title: "Paint the door" });
    await editor.invoke(
      `/lists/${list.id}/tasks/${task.id}`,
      form({ intent: "quick", status: "done", version: "1", returnTo: `/lists/${list.id}` }),
    );
    await createTask(inboxAccess(owner.sub), { title: "Private" });
    const ownerName = owner.email.split("@")[0] ?? "";
    const editorName = editor.email.split("@")[0] ?? "";
    const { lists, tasks, sessions } = getTableNames();

    // Once the session keeps the directory (its first page), a list page is the session, the
    // list and its tasks: the names come from the list item read for access.
    await owner.invoke("/lists/inbox");
    await editor.invoke("/lists/inbox");
    proxy.reset();
    const page = await owner.invoke(`/lists/${list.id}`);
    expect(callsOf()).toEqual([`GetItem:${sessions}`, `GetItem:${lists}`, `Query:${tasks}`].sort());
    expect(page.text).toContain(`Added by you just now · Changed by ${editorName} just now`);

    const editorsView = await editor.invoke(`/lists/${list.id}`);
    expect(editorsView.text).toContain(`Added by ${ownerName} just now · Changed by you just now`);

    proxy.reset();
    const taskPage = await editor.invoke(`/lists/${list.id}/tasks/${task.id}`);
    // Session, the list's item and the task in one BatchGetItem (the list choice comes from the
    // session's directory) and the list's labels for the edit form's suggestions: nothing for the names.
    expect(callsOf()).toEqual(
      [`GetItem:${sessions}`, `BatchGetItem:${[lists, tasks].sort().join("+")}`, `Query:${tasks}`].sort(),
    );
    expect(taskPage.text).toContain(`Added by ${ownerName} just now · Changed by you just now`);

    const inbox = await owner.invoke("/lists/inbox");
    expect(inbox.text).toContain("Private");
    expect(inbox.text).not.toContain("Added by");
  });
});

describe("moving through the JSON API", () => {
  test("PATCH listId moves the task and keeps its id; both lists must be writable; bad targets change nothing", async () => {
    const { list, owner, editor, viewer } = await household();
    const [editorToken, viewerToken] = await Promise.all([token(editor), token(viewer)]);
    const task = await createTask(inboxAccess(editor.sub), { title: "Via the API" });

    const moved = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: editorToken,
      json: { listId: list.id, priority: "high" },
      headers: { "if-match": '"1"' },
    });
    expect(moved.status).toBe(200);
    expect(moved.data).toMatchObject({
      id: task.id,
      listId: list.id,
      priority: "high",
      version: 3,
      createdBy: editor.sub,
      updatedBy: editor.sub,
    });
    // Found by id where it is now.
    expect((await api("GET", `/api/v1/tasks/${task.id}`, { token: editorToken })).data).toMatchObject({
      listId: list.id,
    });

    // A viewer may not move it out; nothing changes.
    const forbidden = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: viewerToken,
      json: { listId: "inbox", version: 3 },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.data.type).toBe("urn:task-tracker:problem:forbidden");

    // A list the caller cannot see is a 404 like a missing one, and the task stays.
    const ownerOnly = await createList({ id: owner.sub, email: owner.email }, { name: "Owner's" });
    const hidden = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: editorToken,
      json: { listId: ownerOnly.id, version: 3 },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.data.detail).toBe("List not found.");
    expect(await getTask(await resolveListAccess(editor.sub, list.id), task.id)).toMatchObject({ version: 3 });

    // Back to the Inbox by its name.
    const back = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: editorToken,
      json: { listId: "inbox", version: 3 },
    });
    expect(back.data).toMatchObject({ listId: "inbox", version: 4 });
  });

  test("tasks stored before the fields existed show createdBy and updatedBy as null", async () => {
    const user = await newUser();
    const task = await createTask(inboxAccess(user.sub), { title: "Old one" });
    const { PutCommand } = await import("@aws-sdk/lib-dynamodb");
    const { getDocumentClient } = await import("#src/db/client.ts");
    const client = await getDocumentClient();
    // As the code before these fields wrote it.
    await client.send(
      new PutCommand({
        TableName: getTableNames().tasks,
        Item: {
          owner: user.sub,
          id: task.id,
          title: "Old one",
          description: "",
          status: "todo",
          priority: "none",
          createdAt: task.createdAt,
          updatedAt: task.updatedAt,
          version: 1,
        },
      }),
    );
    const response = await api("GET", `/api/v1/tasks/${task.id}`, { token: await token(user) });
    expect(response.data).toMatchObject({ createdBy: null, updatedBy: null });
  });
});
