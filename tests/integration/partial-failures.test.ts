import { inboxAccess } from "#src/lists/list-access.ts";
import type { IncomingMessage } from "node:http";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { createTask, getTask, listTasks, updateTask, listScope } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { api, decodeJwt } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { confirmImport, importTokenOf, uploadImport } from "#tests/support/import-client.ts";
import { TEST_PASSWORD, type LambdaResponse } from "#tests/support/lambda-client.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// A bulk change or an undo whose write fails for one task (DynamoDB throttling, a dropped
// connection) while the others succeed, through the built handler. DynamoDB sits behind a proxy
// that refuses every attempt of one chosen UpdateItem call; the rest pass with their data.

let dynamo: OutageProxy;
let alice: User;
const real = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(real);
  // Before the handler's first request: it reads its endpoint once, as a Lambda container does.
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  alice = await newUser();
});
afterEach(() => dynamo.restore());
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = real;
  await dynamo.stop();
});

/**
 * Picks the nth call of one DynamoDB operation and every retry of it: the SDK sends a retry with
 * the same invocation id, so one task's write fails for good while the calls around it go through.
 */
function nthCall(operation: "UpdateItem" | "PutItem" | "BatchWriteItem", n: number) {
  const calls: string[] = [];
  return (request: IncomingMessage) => {
    if (!String(request.headers["x-amz-target"]).endsWith(`.${operation}`)) return false;
    const id = String(request.headers["amz-sdk-invocation-id"]);
    if (!calls.includes(id)) calls.push(id);
    return calls.indexOf(id) === n - 1;
  };
}

async function seed(count: number, title = (i: number) => `Partial ${i}`): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++) tasks.push(await createTask(inboxAccess(alice.sub), { title: title(i) }));
  return tasks;
}

function markDone(tasks: Task[]) {
  const body = new URLSearchParams({ returnTo: "/tasks", action: "status", status: "done" });
  for (const task of tasks) body.append("ids", task.id);
  return alice.invoke("/tasks/bulk", {
    body: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

function undoTokenIn(page: LambdaResponse): string {
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no Undo button on the page: ${page.text.slice(0, 300)}`);
  return token;
}

const undo = (token: string) => alice.invoke("/tasks/undo", { form: { token, returnTo: "/tasks" } });

async function statuses(tasks: Task[]): Promise<string[]> {
  return Promise.all(tasks.map(async (task) => (await getTask(inboxAccess(alice.sub), task.id)).status));
}

test("a bulk change that fails for one task keeps the others, says so, and offers Undo for what changed", async () => {
  const tasks = await seed(8);
  dynamo.cut("refuse", nthCall("UpdateItem", 3));
  const page = await follow(alice, await markDone(tasks));
  dynamo.restore();

  expect(page.text).toContain(
    "Moved 7 tasks to Done. 1 task could not be saved just now; please select them and try again.",
  );
  const after = await statuses(tasks);
  expect(after.filter((status) => status === "done")).toHaveLength(7);
  expect(after.filter((status) => status === "todo")).toHaveLength(1);

  const undone = await follow(alice, await undo(undoTokenIn(page)));
  expect(undone.text).toContain("Undid the change to 7 tasks.");
  expect(await statuses(tasks)).toEqual(tasks.map(() => "todo"));
});

test("a bulk change whose every write fails says nothing changed, and nothing did", async () => {
  const tasks = await seed(2);
  dynamo.cut("refuse", (request) => String(request.headers["x-amz-target"]).endsWith(".UpdateItem"));
  const response = await markDone(tasks);
  dynamo.restore();
  expect(response.status).toBe(503);
  expect(response.text).toContain("Nothing was changed");
  expect(await statuses(tasks)).toEqual(["todo", "todo"]);
});

test("an undo that fails for one task can be pressed again, and finishes the job", async () => {
  const tasks = await seed(8);
  const token = undoTokenIn(await follow(alice, await markDone(tasks)));

  // The first UpdateItem of the undo claims it; the fourth is its third task's write.
  dynamo.cut("refuse", nthCall("UpdateItem", 4));
  const partly = await follow(alice, await undo(token));
  dynamo.restore();
  expect(partly.text).toContain(
    "Undid the change to 7 tasks. 1 task could not be saved just now; press Undo to try again.",
  );
  expect((await statuses(tasks)).filter((status) => status === "done")).toHaveLength(1);

  // The same button again: the tasks already put back count as undone, not as changed since.
  const again = await follow(alice, await undo(undoTokenIn(partly)));
  expect(again.text).toContain("Undid the change to 8 tasks.");
  expect(again.text).not.toContain("changed since");
  expect(await statuses(tasks)).toEqual(tasks.map(() => "todo"));

  const third = await undo(token);
  expect(third.status).toBe(400);
  expect(third.text).toContain("That was already undone.");
});

test("an undo of a delete that fails for one task can be pressed again: every task comes back once", async () => {
  const tasks = await seed(5);
  const body = new URLSearchParams({ returnTo: "/tasks", action: "delete" });
  for (const task of tasks) body.append("ids", task.id);
  const deleted = await alice.invoke("/tasks/bulk", {
    body: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  const token = undoTokenIn(await follow(alice, deleted));

  dynamo.cut("refuse", nthCall("PutItem", 3));
  const partly = await follow(alice, await undo(token));
  dynamo.restore();
  expect(partly.text).toContain("Restored 4 tasks. 1 task could not be saved just now; press Undo to try again.");

  const again = await follow(alice, await undo(undoTokenIn(partly)));
  expect(again.text).toContain("Restored 5 tasks.");
  expect(again.text).not.toContain("changed since");
  for (const task of tasks)
    expect(await getTask(inboxAccess(alice.sub), task.id)).toMatchObject({
      title: task.title,
      createdAt: task.createdAt,
    });
});

test("an undo that leaves many long-titled tasks alone names three, counts the rest, and its message fits a cookie", async () => {
  const tasks = await seed(20, (i) => `${"A very long title that goes on ".repeat(6)}${i}`);
  const token = undoTokenIn(await follow(alice, await markDone(tasks)));
  // Another tab edits every one of them after the bulk change.
  for (const task of tasks)
    await updateTask(inboxAccess(alice.sub), task.id, {
      title: task.title,
      description: "Edited elsewhere",
      status: "done",
      dueDate: "",
      priority: "none",
      version: "2",
    });

  const response = await undo(token);
  const flash = response.cookies.find((cookie) => cookie.startsWith("flash=")) ?? "";
  expect(flash).not.toBe("");
  // Browsers drop a cookie over 4,096 bytes, and the message with it.
  expect(Buffer.byteLength(flash)).toBeLessThan(4096);
  const page = await follow(alice, response);
  expect(page.text).toMatch(
    /Nothing was undone\. 20 tasks were changed since and left as they are: “[^”]+…”, “[^”]+…”, “[^”]+…” and 17 more\./,
  );
});

test("an import whose write fails part-way says so, and confirming again creates every task once", async () => {
  const bob = await newUser();
  const titles = Array.from({ length: 30 }, (_, i) => `Imported ${String(i).padStart(2, "0")}`);
  const token = importTokenOf(await uploadImport(bob, `title\n${titles.join("\n")}\n`, "thirty.csv"));

  // 30 tasks are two BatchWriteItem calls of 25 and 5: the first goes through, the second not.
  dynamo.cut("refuse", nthCall("BatchWriteItem", 2));
  const failed = await confirmImport(bob, token);
  dynamo.restore();
  expect(failed.status).toBe(503);
  expect(failed.text).toContain("The import did not finish. Confirm again in a moment to finish it");
  expect(failed.text).not.toContain("Nothing was imported");

  const finished = await confirmImport(bob, importTokenOf(failed));
  expect(finished.status).toBe(303);
  const page = await listTasks(listScope(inboxAccess(bob.sub)), { sort: "oldest", limit: "100" });
  expect(page.tasks.map((task) => task.title).sort()).toEqual(titles);
});

test("an API create whose key cannot be marked done still answers 201, and a retry with the key replays it", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const sub = String(decodeJwt(accessToken).payload.sub);
  const headers = { "idempotency-key": crypto.randomUUID() };
  // An account's first request prepares it once (an UpdateItem of its own): done beforehand.
  expect((await api("GET", "/api/v1/tasks", { token: accessToken })).status).toBe(200);

  // The create claims the key (PutItem) and stores the task (PutItem); marking the key done is
  // its only UpdateItem.
  dynamo.cut("refuse", nthCall("UpdateItem", 1));
  const created = await api("POST", "/api/v1/tasks", { token: accessToken, json: { title: "Made once" }, headers });
  dynamo.restore();
  expect(created.status, created.body).toBe(201);

  const retry = await api("POST", "/api/v1/tasks", { token: accessToken, json: { title: "Made once" }, headers });
  expect(retry.status).toBe(201);
  expect(retry.headers["idempotent-replayed"]).toBe("true");
  expect(retry.data).toEqual(created.data);
  const page = await listTasks(listScope(inboxAccess(sub)), { limit: "100" });
  expect(page.tasks.map((task) => task.title)).toEqual(["Made once"]);
});
