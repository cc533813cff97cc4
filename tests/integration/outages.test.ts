import { inboxAccess } from "#src/lists/list-access.ts";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { listTasks, getTask, listScope } from "#src/tasks/task-service.ts";
import { tokensFor } from "#tests/support/cognito.ts";
import { invoke, type LambdaResponse } from "#tests/support/lambda-client.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";
import { follow, newUser, seedTask } from "#tests/support/users.ts";

// DynamoDB and the Cognito emulator go away in the middle of a signed-in journey through the
// built handler, and come back. Each sits behind a proxy that cuts it off and restores it on
// the same endpoint with its data intact, so the handler (a warm container) lives through both.

let dynamo: OutageProxy;
let cognito: OutageProxy;
const real = { dynamo: process.env.DYNAMODB_ENDPOINT ?? "", cognito: process.env.COGNITO_ENDPOINT ?? "" };
beforeAll(async () => {
  [dynamo, cognito] = await Promise.all([startOutageProxy(real.dynamo), startOutageProxy(real.cognito)]);
  // Before the handler's first request: it reads its endpoints once, as a Lambda container does.
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.COGNITO_ENDPOINT = cognito.endpoint;
});
afterEach(() => {
  dynamo.restore();
  cognito.restore();
});
afterAll(async () => {
  Object.assign(process.env, { DYNAMODB_ENDPOINT: real.dynamo, COGNITO_ENDPOINT: real.cognito });
  await Promise.all([dynamo.stop(), cognito.stop()]);
});

function expectUnavailable(response: LambdaResponse, name: string) {
  expect(response.status, `${name}: ${response.text.slice(0, 300)}`).toBe(503);
  expect(Number(response.headers["retry-after"]), name).toBeGreaterThan(0);
  expect(response.body, name).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  expect(response.body, name).not.toMatch(/ECONNRESET|ECONNREFUSED|TimeoutError|node_modules/);
}

const updateForm = (version: number, title: string) => ({
  intent: "update",
  title,
  description: "Kept description",
  status: "in_progress",
  dueDate: "2031-05-06",
  priority: "high",
  version: String(version),
});

test("with DynamoDB down, every signed-in page and form answers 503 with Retry-After; afterwards the same cookie works and nothing was half-written", async () => {
  const user = await newUser();
  const task = await seedTask(user, { title: "Before the outage" });
  const { accessToken } = await tokensFor(user.email, user.password);
  expect((await user.invoke("/tasks")).status).toBe(200);

  dynamo.cut("refuse");
  const pages = {
    list: await user.invoke("/tasks"),
    search: await user.invoke("/tasks?q=outage"),
    view: await user.invoke(`/tasks/${task.id}`),
    board: await user.invoke("/board"),
    account: await user.invoke("/account"),
    data: await user.invoke("/tasks.data"),
    import: await user.invoke("/tasks/import"),
    exportCsv: await user.invoke("/tasks/export.csv"),
    exportJson: await user.invoke("/tasks/export.json"),
  };
  const create = await user.invoke("/tasks", {
    form: { title: "Written during the outage", description: "Two\nlines", status: "todo" },
  });
  const edit = await user.invoke(`/tasks/${task.id}`, { form: updateForm(task.version, "Edited during the outage") });
  const toggle = await user.invoke(`/tasks/${task.id}`, {
    form: { intent: "status", status: "done", version: String(task.version), returnTo: "/tasks" },
  });
  const remove = await user.invoke(`/tasks/${task.id}`, { form: { intent: "delete" } });
  const bulk = await user.invoke("/tasks/bulk", {
    form: { action: "status", status: "done", ids: task.id, returnTo: "/tasks" },
  });
  const api = await invoke("/api/v1/tasks", { headers: { authorization: `Bearer ${accessToken}` } });
  dynamo.restore();

  expect(dynamo.faulted()).toBeGreaterThan(0);
  for (const [name, response] of Object.entries({ ...pages, create, edit, toggle, remove, bulk, api })) {
    expectUnavailable(response, name);
  }
  // The forms come back with what the user typed and say to try again.
  expect(create.text).toContain("try again");
  expect(create.body).toContain('value="Written during the outage"');
  expect(create.text).toContain("Two\nlines");
  expect(edit.text).toContain("try again");
  expect(edit.body).toContain('value="Edited during the outage"');
  expect(edit.text).toContain("Kept description");
  expect(edit.body).toContain('value="2031-05-06"');
  expect(edit.body).toMatch(new RegExp(`name="version" value="${task.version}"`));
  expect(api.headers["content-type"]).toBe("application/problem+json");

  // Back up: the session held, and the task is exactly as it was before the outage.
  const after = await user.invoke("/tasks");
  expect(after.status).toBe(200);
  expect(after.text).toContain("Before the outage");
  expect(after.text).not.toContain("Written during the outage");
  expect(await getTask(inboxAccess(user.sub), task.id)).toEqual(task);
  expect((await listTasks(listScope(inboxAccess(user.sub)), {})).tasks).toEqual([task]);
});

test("a DynamoDB that hangs still gets an answer within seconds, not the SDK's default minutes", async () => {
  const user = await newUser();

  dynamo.cut("hang");
  const started = performance.now();
  const list = await user.invoke("/tasks");
  const seconds = (performance.now() - started) / 1000;
  dynamo.restore();

  expectUnavailable(list, "list");
  // 3 attempts of at most a 1 s connect and 2 s request, plus backoff (src/db/client.ts).
  expect(seconds).toBeLessThan(12);
  expect((await user.invoke("/tasks")).status).toBe(200);
  // It waits out 3 request timeouts on purpose; the rest of the test needs a second or two.
}, 30_000);

test("a create whose reply is lost after DynamoDB wrote it makes exactly one task, and says so", async () => {
  const user = await newUser();
  const title = `Lost reply ${crypto.randomUUID()}`;

  dynamo.cut("lose-reply", (request) => request.headers["x-amz-target"] === "DynamoDB_20120810.PutItem");
  const create = await user.invoke("/tasks", { form: { title, description: "", status: "todo" } });

  expect(dynamo.faulted()).toBeGreaterThan(0);
  expect(create.status, create.text.slice(0, 300)).toBe(303);
  const tasks = (await listTasks(listScope(inboxAccess(user.sub)), {})).tasks;
  expect(tasks.map((task) => task.title)).toEqual([title]);
});

test("an edit whose reply is lost after DynamoDB wrote it is saved once, not reported as someone else's change", async () => {
  const user = await newUser();
  const task = await seedTask(user, { title: "Original" });

  dynamo.cut("lose-reply", (request) => request.headers["x-amz-target"] === "DynamoDB_20120810.UpdateItem");
  const edit = await user.invoke(`/tasks/${task.id}`, { form: updateForm(task.version, "Saved once") });

  expect(edit.status, edit.text.slice(0, 300)).toBe(303);
  expect(await getTask(inboxAccess(user.sub), task.id)).toMatchObject({
    title: "Saved once",
    status: "in_progress",
    version: task.version + 1,
  });
});

test("a delete whose reply is lost after DynamoDB deleted it says Deleted and offers Undo, which brings the task back", async () => {
  const user = await newUser();
  const task = await seedTask(user, { title: "Deleted once" });

  dynamo.cut("lose-reply", (request) => request.headers["x-amz-target"] === "DynamoDB_20120810.DeleteItem");
  const deleted = await user.invoke(`/tasks/${task.id}`, { form: { intent: "delete" } });
  dynamo.restore();
  const page = await follow(user, deleted);
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? "";

  expect(dynamo.faulted()).toBeGreaterThan(0);
  expect(deleted.status, deleted.text.slice(0, 300)).toBe(303);
  expect(page.text).toContain("Deleted “Deleted once”.");
  expect(await getTask(inboxAccess(user.sub), task.id).catch(() => null)).toBeNull();
  expect(token).not.toBe("");
  await follow(user, await user.invoke("/tasks/undo", { form: { token, returnTo: "/tasks" } }));
  expect(await getTask(inboxAccess(user.sub), task.id)).toMatchObject({
    title: "Deleted once",
    createdAt: task.createdAt,
  });
});

test("with the Cognito emulator down, sign-in keeps the email and asks to try again; signed-in pages keep working; sign-in works once it is back", async () => {
  const user = await newUser();
  // The handler has verified a token, so it holds the keys.
  expect((await user.invoke("/tasks")).status).toBe(200);

  cognito.cut("refuse");
  const login = await invoke("/login", { form: { email: user.email, password: user.password } });
  const signup = await invoke("/signup", { form: { email: `new-${user.email}`, password: user.password } });
  const list = await user.invoke("/tasks");
  cognito.restore();
  const again = await invoke("/login", { form: { email: user.email, password: user.password } });

  expect(cognito.faulted()).toBeGreaterThan(0);
  expectUnavailable(login, "login");
  expect(login.text).toContain("try again");
  expect(login.body).toContain(`value="${user.email}"`);
  expect(login.body).not.toContain(user.password);
  expectUnavailable(signup, "signup");
  expect(signup.body).toContain(`value="new-${user.email}"`);
  expect(list.status).toBe(200);
  expect(again.status).toBe(303);
  expect(again.cookies.some((cookie) => cookie.startsWith("session="))).toBe(true);
});

test("a Cognito that hangs gets the sign-in form back within seconds, with the email kept", async () => {
  const user = await newUser();

  cognito.cut("hang");
  const started = performance.now();
  const login = await invoke("/login", { form: { email: user.email, password: user.password } });
  const seconds = (performance.now() - started) / 1000;
  cognito.restore();

  expectUnavailable(login, "login");
  expect(login.body).toContain(`value="${user.email}"`);
  // 2 attempts of at most a 1 s connect and 3 s request (src/auth/cognito.ts).
  expect(seconds).toBeLessThan(12);
}, 30_000);
