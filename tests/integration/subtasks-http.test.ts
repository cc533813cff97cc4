import { afterAll, beforeAll, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { changeSubtasks } from "#src/tasks/subtask-service.ts";
import { getTask } from "#src/tasks/task-repository.ts";
import { createTask } from "#src/tasks/task-service.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { follow, newUser } from "#tests/support/users.ts";

// Sub-tasks through the bundle that ships, as a browser without JavaScript posts them: each
// change is the task page's action with an intent; a viewer is refused; the pages cost what
// they cost before.

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

test("the task page's forms add, tick, rename, move and remove sub-tasks, each 303 back to the checklist", async () => {
  const user = await newUser();
  const task = await createTask(inboxAccess(user.sub), { title: "Pack" });
  const path = `/tasks/${task.id}`;
  const post = (form: Record<string, string>) => user.invoke(path, { method: "POST", form });

  const added = await post({ intent: "subtask-add", title: "Passport", version: "1" });
  expect(added.status).toBe(303);
  expect(added.headers.location).toMatch(new RegExp(`^/tasks/${task.id}.*#subtasks$`));
  await post({ intent: "subtask-add", title: "Charger", version: "2" });
  const stored = await getTask(user.sub, task.id);
  const [passport, charger] = stored?.subtasks ?? [];
  expect((await post({ intent: "subtask-done", subtask: charger?.id ?? "", done: "true", version: "3" })).status).toBe(
    303,
  );
  await post({ intent: "subtask-rename", subtask: passport?.id ?? "", title: "ID card", version: "4" });
  await post({ intent: "subtask-move", subtask: charger?.id ?? "", move: "up", version: "5" });
  const page = await follow(user, await post({ intent: "subtask-add", title: "Socks", version: "6" }));

  expect(page.text).toMatch(/Charger[\s\S]*ID card[\s\S]*Socks/);
  expect(page.text).toContain("1/3");
  expect((await post({ intent: "subtask-remove", subtask: passport?.id ?? "", version: "7" })).status).toBe(303);
  expect((await getTask(user.sub, task.id))?.subtasks?.map((subtask) => subtask.title)).toEqual(["Charger", "Socks"]);

  // Refusals re-render the page with the reason: a stale version (409), a bad title (400), an unknown change.
  const stale = await post({ intent: "subtask-add", title: "Hat", version: "3" });
  expect(stale.status).toBe(409);
  expect(stale.text).toContain("This task was changed since you loaded it");
  const empty = await post({ intent: "subtask-add", title: " ", version: "8" });
  expect(empty.status).toBe(400);
  expect(empty.text).toContain("A sub-task is required.");
  expect((await post({ intent: "subtask-explode", subtask: "x", version: "8" })).status).toBe(400);
  expect((await getTask(user.sub, task.id))?.version).toBe(8);
});

test("the row shows the checklist's progress and ticks the next sub-task in one click", async () => {
  const user = await newUser();
  const access = inboxAccess(user.sub);
  let task = await createTask(access, { title: "Pack" });
  for (const title of ["Passport", "Charger"])
    ({ task } = await changeSubtasks(access, task.id, "add", { title, version: String(task.version) }));
  const list = await user.invoke("/tasks");
  expect(list.text).toContain("0/2");
  // The page carries the next step, not the whole checklist.
  expect(list.text).toContain("Passport");
  expect(list.text).not.toContain("Charger");

  const ticked = await user.invoke(`/tasks/${task.id}`, {
    method: "POST",
    form: { intent: "quick", subtask: task.subtasks?.[0]?.id ?? "", version: String(task.version), returnTo: "/tasks" },
  });
  expect(ticked.status).toBe(303);
  expect(ticked.headers.location).toBe(`/tasks#task-${task.id}`);
  const after = await follow(user, ticked);
  expect(after.text).toContain("Ticked “Passport” of “Pack”.");
  expect(after.text).toContain("1/2");
  expect(after.text).toContain("Charger");
});

test("a viewer sees a shared task's checklist without controls, and each change is refused (403), changing nothing", async () => {
  const [owner, viewer] = await Promise.all([newUser(), newUser()]);
  const list = await createList({ id: owner.sub, email: owner.email }, { name: "Trip", color: "teal" });
  const added = await addMember(
    list.id,
    viewer.sub,
    { role: "viewer", email: viewer.email, joinedAt: new Date().toISOString() },
    25,
  );
  if (!added.ok) throw new Error("could not add the viewer");
  await writeDirectory(added.list);
  const access = await resolveListAccess(owner.sub, list.id);
  const { task } = await changeSubtasks(access, (await createTask(access, { title: "Book" })).id, "add", {
    title: "Flights",
    version: "1",
  });
  const path = `/lists/${list.id}/tasks/${task.id}`;

  const page = await viewer.invoke(path);
  expect(page.status).toBe(200);
  expect(page.text).toContain("Flights");
  expect(page.body).not.toContain('value="subtask-');
  const forms: Record<string, string>[] = [
    { intent: "subtask-add", title: "Sneaky" },
    { intent: "subtask-done", subtask: task.subtasks?.[0]?.id ?? "" },
    { intent: "subtask-rename", subtask: task.subtasks?.[0]?.id ?? "", title: "Mine" },
    { intent: "subtask-move", subtask: task.subtasks?.[0]?.id ?? "", move: "down" },
    { intent: "subtask-remove", subtask: task.subtasks?.[0]?.id ?? "" },
    { intent: "quick", subtask: task.subtasks?.[0]?.id ?? "", returnTo: "/tasks" },
  ];
  for (const form of forms) {
    const refused = await viewer.invoke(path, { method: "POST", form: { ...form, version: "2" } });
    expect(refused.status, form.intent).toBe(403);
  }
  expect((await getTask(list.id, task.id))?.version).toBe(2);
});

test("the task page and the list page cost the same DynamoDB calls with a checklist as without", async () => {
  const user = await newUser();
  const access = inboxAccess(user.sub);
  const plain = await createTask(access, { title: "Plain" });
  let task = await createTask(access, { title: "With steps" });
  for (const title of ["One", "Two", "Three"])
    ({ task } = await changeSubtasks(access, task.id, "add", { title, version: String(task.version) }));
  await user.invoke("/tasks");
  const { tasks, sessions } = getTableNames();
  const callsOf = async (path: string) => {
    proxy.reset();
    expect((await user.invoke(path)).status).toBe(200);
    return proxy.calls.map((call) => `${call.command}:${call.table}`).sort();
  };

  const withSteps = await callsOf(`/tasks/${task.id}`);
  expect(withSteps).toEqual(await callsOf(`/tasks/${plain.id}`));
  // The Inbox's task page: the session, the task and the Inbox's labels (the edit form's
  // suggestions), nothing more.
  expect(withSteps).toEqual([`GetItem:${sessions}`, `GetItem:${tasks}`, `Query:${tasks}`].sort());
  // The list: the session (which keeps the user's lists since the first page) and one Query.
  expect(await callsOf("/tasks")).toEqual([`GetItem:${sessions}`, `Query:${tasks}`].sort());
});
