import { inboxAccess } from "#src/lists/list-access.ts";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { createTask } from "#src/tasks/task-service.ts";
import { addDays, todayIn } from "#src/tasks/task-dates.ts";

import {
  api,
  decodeJwt,
  emulatorSigningKey,
  openApiDocument,
  signJwt,
  strangerSigningKey,
  unsignedJwt,
  type ApiResponse,
  newApiCaller,
  type ApiCaller,
} from "#tests/support/api-client.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { invoke, newSignedInUser, type LambdaResponse } from "#tests/support/lambda-client.ts";

// The JSON API through the bundle that ships, with API Gateway events; every response is
// checked against the OpenAPI document the API serves (tests/support/api-client.ts).

// DynamoDB calls are counted by a proxy in front of the local DynamoDB (the bundle's own
// client is out of reach), so the handler is pointed at it before its first request.
let proxy: Awaited<ReturnType<typeof startDynamoCallProxy>>;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
let alice: ApiCaller;
let bob: ApiCaller;
beforeAll(async () => {
  proxy = await startDynamoCallProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
  [alice, bob] = await Promise.all([newApiCaller(), newApiCaller()]);
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  await proxy.stop();
});

async function create(caller: ApiCaller, json: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await api("POST", "/api/v1/tasks", { token: caller.token, json, headers });
  expect(response.status, response.body).toBe(201);
  return response;
}

function expectProblem(response: ApiResponse, status: number, type: string) {
  expect(response.status, response.body).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.data).toMatchObject({ status, type: `urn:task-tracker:problem:${type}` });
  expect(response.body).not.toMatch(/\n\s+at |node_modules|<html/i);
}

async function allTitles(caller: ApiCaller): Promise<string[]> {
  const titles: string[] = [];
  let target: string | null = "/api/v1/tasks?limit=100";
  while (target) {
    const page: ApiResponse = await api("GET", target, { token: caller.token });
    expect(page.status).toBe(200);
    titles.push(...page.data.tasks.map((task: { title: string }) => task.title));
    target = page.data.next ? `/api/v1/tasks?limit=100&cursor=${encodeURIComponent(page.data.next)}` : null;
  }
  return titles;
}

describe("the OpenAPI document", () => {
  test("is valid OpenAPI 3.1, with the bearer scheme, the problem type and every operation's statuses", async () => {
    const { doc } = await openApiDocument();
    const full = doc as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(full.openapi).toBe("3.1.0");
    expect(full.components.securitySchemes.cognitoAccessToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(full.components.schemas.Problem.required).toEqual(["type", "title", "status", "detail"]);
    // Built from the zod schemas: the create body's rules are the form's.
    expect(full.components.schemas.TaskCreate.properties.title).toMatchObject({ maxLength: 200 });
    expect(full.components.schemas.TaskCreate.additionalProperties).toBe(false);
    expect(Object.keys(doc.paths["/api/v1/tasks/{id}"]?.patch?.responses ?? {}).sort()).toEqual(
      ["200", "400", "401", "403", "404", "409", "412", "413", "415", "428", "429", "500", "503"].sort(),
    );
    for (const [template, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations))
        if (template !== "/api/v1/openapi.json")
          expect(Object.keys(operation.responses), `${method} ${template}`).toContain("401");
  });

  test("is served without a token, as JSON", async () => {
    const response = await invoke("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
  });
});

describe("create, read, list", () => {
  test("POST makes a task: 201, Location, ETag, every field; GET at Location answers the same", async () => {
    const created = await create(alice, {
      title: "  Write the report  ",
      description: "Line one\r\nLine two",
      status: "in_progress",
      dueDate: "2026-12-24",
      priority: "high",
    });
    expect(created.data).toMatchObject({
      title: "Write the report",
      description: "Line one\nLine two",
      status: "in_progress",
      dueDate: "2026-12-24",
      priority: "high",
      version: 1,
    });
    expect(created.data).not.toHaveProperty("owner");
    expect(created.headers.location).toBe(`/api/v1/tasks/${created.data.id}`);
    expect(created.headers.etag).toBe('"1"');

    const read = await api("GET", created.headers.location ?? "", { token: alice.token });
    expect(read.status).toBe(200);
    expect(read.data).toEqual(created.data);
    expect(read.headers.etag).toBe('"1"');
  });

  test("only the title is required; the rest default as on the form", async () => {
    const created = await create(alice, { title: "Bare" });
    expect(created.data).toMatchObject({ description: "", status: "todo", dueDate: null, priority: "none" });
  });

  test("a bad body is a 400 naming each field, and nothing is stored", async () => {
    const caller = await newApiCaller();
    const response = await api("POST", "/api/v1/tasks", {
      token: caller.token,
      json: { title: "   ", status: "someday", dueDate: "2026-02-30", priority: 3, owner: "someone-else", extra: 1 },
    });
    expectProblem(response, 400, "invalid-request");
    expect(Object.keys(response.data.errors).sort()).toEqual([
      "dueDate",
      "extra",
      "owner",
      "priority",
      "status",
      "title",
    ]);
    expect(response.data.errors.title).toEqual(["Title is required."]);
    expect(response.data.errors.owner).toEqual(["Unknown field."]);
    expect(response.data.errors.dueDate).toEqual(["Enter a real date as YYYY-MM-DD."]);
    expect(await allTitles(caller)).toEqual([]);
  });

  test("a body that is not JSON is a 415, malformed JSON or a non-object a 400, over 64 KB a 413", async () => {
    const caller = await newApiCaller();
    const form = await api("POST", "/api/v1/tasks", {
      token: caller.token,
      rawBody: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(form, 415, "unsupported-media-type");
    const missingType = await api("POST", "/api/v1/tasks", { token: caller.token, rawBody: '{"title":"x"}' });
    expectProblem(missingType, 415, "unsupported-media-type");
    const malformed = await api("POST", "/api/v1/tasks", {
      token: caller.token,
      rawBody: '{"title": "x",',
      headers: { "content-type": "application/json" },
    });
    expectProblem(malformed, 400, "malformed-body");
    const array = await api("POST", "/api/v1/tasks", { token: caller.token, json: [{ title: "x" }] });
    expectProblem(array, 400, "malformed-body");
    const huge = await api("POST", "/api/v1/tasks", {
      token: caller.token,
      json: { title: "big", description: "x".repeat(70 * 1024) },
    });
    expectProblem(huge, 413, "payload-too-large");
    expect(await allTitles(caller)).toEqual([]);
  });

  test("pages: limit, next and Link reach every task exactly once, each page one Query after the account and the caller's lists", async () => {
    const caller = await newApiCaller();
    for (let i = 0; i < 23; i++)
      await createTask(inboxAccess(caller.sub), { title: `Task ${String(i).padStart(2, "0")}` });
    // The first request of a new account prepares it once (see loadAccountSettings); then the pages.
    await api("GET", "/api/v1/tasks?limit=1", { token: caller.token });
    const seen: string[] = [];
    let target: string | null = "/api/v1/tasks?limit=10&sort=oldest";
    let pages = 0;
    while (target) {
      const current: string = target;
      proxy.reset();
      const page = await api("GET", current, { token: caller.token });
      expect(page.status).toBe(200);
      // The account, the caller's lists (the directory: the Inbox alone needs no more), the page.
      expect(proxy.calls.map((call) => call.command)).toEqual(["GetItem", "Query", "Query"]);
      seen.push(...page.data.tasks.map((task: { title: string }) => task.title));
      if (page.data.next) {
        expect(page.headers.link).toBe(
          `</api/v1/tasks?sort=oldest&limit=10&cursor=${encodeURIComponent(page.data.next)}>; rel="next"`,
        );
        target = /^<([^>]+)>/.exec(page.headers.link ?? "")?.[1] ?? null;
      } else {
        expect(page.headers.link).toBeUndefined();
        target = null;
      }
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `Task ${String(i).padStart(2, "0")}`));
  });

  test("checking the token against the account costs one read per request, shared with the list's time zone", async () => {
    const caller = await newApiCaller();
    const task = await createTask(inboxAccess(caller.sub), { title: "Counted" });
    // The first request of a new account prepares it once (see loadAccountSettings).
    await api("GET", "/api/v1/tasks?limit=1", { token: caller.token });
    const { accounts, tasks, lists } = getTableNames();

    proxy.reset();
    expect((await api("GET", "/api/v1/tasks", { token: caller.token })).status).toBe(200);
    const list = [...proxy.calls];
    proxy.reset();
    expect((await api("GET", `/api/v1/tasks/${task.id}`, { token: caller.token })).status).toBe(200);
    const one = [...proxy.calls];

    // The caller's lists come from the directory (one Query); a task by id alone is then one
    // BatchGetItem of that id in each of them (here the Inbox only).
    expect(list).toEqual([
      { command: "GetItem", table: accounts },
      { command: "Query", table: lists },
      { command: "Query", table: tasks },
    ]);
    expect(one).toEqual([
      { command: "GetItem", table: accounts },
      { command: "Query", table: lists },
      { command: "BatchGetItem", table: tasks },
    ]);
  });

  test("the list takes the page's views: status, sort, due (in the user's today)", async () => {
    const caller = await newApiCaller();
    const today = todayIn("UTC");
    await createTask(inboxAccess(caller.sub), { title: "overdue", dueDate: addDays(today, -1), priority: "low" });
    await createTask(inboxAccess(caller.sub), { title: "later", dueDate: addDays(today, 3), priority: "urgent" });
    await createTask(inboxAccess(caller.sub), { title: "done", status: "done", dueDate: today });
    const titles = async (query: string) =>
      (await api("GET", `/api/v1/tasks?${query}`, { token: caller.token })).data.tasks.map(
        (t: { title: string }) => t.title,
      );
    expect(await titles("status=done")).toEqual(["done"]);
    expect(await titles("sort=priority")).toEqual(["later", "overdue", "done"]);
    expect(await titles("due=today")).toEqual(["overdue"]);
    expect(await titles("due=upcoming")).toEqual(["later"]);
  });

  test("labels: written by POST and PATCH in the list's spelling, filtered by ?label= (one Query and one BatchGetItem), refused when bad", async () => {
    const caller = await newApiCaller();
    const { data: first } = await create(caller, { title: "Stamps", labels: ["Errand", "post"] });
    expect(first.labels).toEqual(["Errand", "post"]);
    const { data: second } = await create(caller, { title: "Bread", labels: ["errand"] });
    expect(second.labels).toEqual(["Errand"]);
    await create(caller, { title: "Unlabelled" });
    const patched = await api("PATCH", `/api/v1/tasks/${first.id}`, {
      token: caller.token,
      json: { labels: ["post"], version: 1 },
    });
    expect(patched.status, patched.body).toBe(200);
    expect(patched.data).toMatchObject({ labels: ["post"], title: "Stamps", version: 2 });
    proxy.reset();
    const filtered = await api("GET", "/api/v1/tasks?label=ERRAND", { token: caller.token });
    expect(filtered.data.tasks.map((task: { title: string }) => task.title)).toEqual(["Bread"]);
    // The label's copies (one Query), then the tasks themselves (one BatchGetItem, which names no table up top).
    const taskCalls = proxy.calls.filter(
      (call) => call.table === getTableNames().tasks || call.command === "BatchGetItem",
    );
    expect(taskCalls.map((call) => call.command)).toEqual(["Query", "BatchGetItem"]);
    const none = await api("GET", "/api/v1/tasks?label=nothing", { token: caller.token });
    expect(none.data.tasks).toEqual([]);
    expectProblem(await api("GET", "/api/v1/tasks?label=a%20b", { token: caller.token }), 400, "invalid-request");
    for (const labels of [["a#b"], "errand", Array.from({ length: 21 }, (_, i) => `l${i}`), [1]]) {
      expectProblem(
        await api("POST", "/api/v1/tasks", { token: caller.token, json: { title: "Bad", labels } }),
        400,
        "invalid-request",
      );
    }
    expect(await allTitles(caller)).toEqual(["Unlabelled", "Bread", "Stamps"]);
  });

  test("q searches as the page does: accents, every word, with the views, paged by a cursor bound to q", async () => {
    const caller = await newApiCaller();
    await createTask(inboxAccess(caller.sub), { title: "Café order", status: "done" });
    for (let i = 0; i < 3; i++) await createTask(inboxAccess(caller.sub), { title: `Cafe supplies ${i}` });
    await createTask(inboxAccess(caller.sub), { title: "Tea", description: "not from the café" });
    await createTask(inboxAccess(bob.sub), { title: "Bob's café" });
    await api("GET", "/api/v1/tasks?limit=1", { token: caller.token }); // the once-per-account preparation
    const titles = async (query: string) =>
      (await api("GET", `/api/v1/tasks?${query}`, { token: caller.token })).data.tasks.map(
        (t: { title: string }) => t.title,
      );

    proxy.reset();
    const first = await api("GET", "/api/v1/tasks?q=CAFE%20supp&limit=2", { token: caller.token });
    const calls = proxy.calls.map((call) => call.command);
    const second = await api(
      "GET",
      `/api/v1/tasks?q=cafe%20supp&limit=2&cursor=${encodeURIComponent(first.data.next)}`,
      {
        token: caller.token,
      },
    );
    const otherQ = await api("GET", `/api/v1/tasks?q=tea&limit=2&cursor=${encodeURIComponent(first.data.next)}`, {
      token: caller.token,
    });

    expect(await titles("q=caf%C3%A9")).toEqual([
      "Tea",
      "Cafe supplies 2",
      "Cafe supplies 1",
      "Cafe supplies 0",
      "Café order",
    ]);
    expect(await titles("q=cafe&status=done")).toEqual(["Café order"]);
    expect(await titles("q=cafe&sort=oldest&limit=2")).toEqual(["Café order", "Cafe supplies 0"]);
    expect(await titles("q=bob")).toEqual([]);
    expect(first.data.tasks.map((t: { title: string }) => t.title)).toEqual(["Cafe supplies 2", "Cafe supplies 1"]);
    expect(calls).toEqual(["GetItem", "Query", "Query"]);
    expect(first.headers.link).toBe(
      `</api/v1/tasks?q=CAFE+supp&limit=2&cursor=${encodeURIComponent(first.data.next)}>; rel="next"`,
    );
    expect(second.data.tasks.map((t: { title: string }) => t.title)).toEqual(["Cafe supplies 0"]);
    expect(second.data.next).toBeNull();
    expectProblem(otherQ, 400, "invalid-cursor");
    const tooLong = await api("GET", `/api/v1/tasks?q=${"a".repeat(201)}`, { token: caller.token });
    expectProblem(tooLong, 400, "invalid-request");
    expect(tooLong.data.errors).toEqual({ q: ["A search can be at most 200 characters."] });
  });

  test("bad list parameters are a 400 naming them; another list's cursor is refused", async () => {
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=ten",
      "sort=random",
      "status=later",
      "colour=red",
      "sort=due&sort=oldest",
    ]) {
      const response = await api("GET", `/api/v1/tasks?${query}`, { token: alice.token });
      expectProblem(response, 400, "invalid-request");
      expect(Object.keys(response.data.errors)).toHaveLength(1);
    }
    for (let i = 0; i < 3; i++) await createTask(inboxAccess(bob.sub), { title: `Bob ${i}` });
    const bobs = await api("GET", "/api/v1/tasks?limit=1", { token: bob.token });
    expect(bobs.data.next).toEqual(expect.any(String));
    const stolen = await api("GET", `/api/v1/tasks?limit=1&cursor=${encodeURIComponent(bobs.data.next)}`, {
      token: alice.token,
    });
    expectProblem(stolen, 400, "invalid-cursor");
    expect(stolen.body).not.toContain("Bob");
  });
});

describe("update and delete", () => {
  test("PATCH must say its version: neither is a 428, and nothing changes", async () => {
    const { data: task } = await create(alice, { title: "Versioned" });
    const response = await api("PATCH", `/api/v1/tasks/${task.id}`, { token: alice.token, json: { title: "Changed" } });
    expectProblem(response, 428, "version-required");
    expect((await api("GET", `/api/v1/tasks/${task.id}`, { token: alice.token })).data.title).toBe("Versioned");
  });

  test("PATCH with If-Match changes only the fields sent and moves the ETag on", async () => {
    const { data: task } = await create(alice, {
      title: "Partial",
      description: "Keep me",
      dueDate: "2027-01-05",
      priority: "medium",
    });
    const response = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { status: "done" },
      headers: { "if-match": '"1"' },
    });
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({
      title: "Partial",
      description: "Keep me",
      status: "done",
      dueDate: "2027-01-05",
      priority: "medium",
      version: 2,
    });
    expect(response.headers.etag).toBe('"2"');
    // null clears the due date; merge-patch's media type is accepted too.
    const cleared = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { dueDate: null, version: 2 },
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.data).toMatchObject({ dueDate: null, version: 3, status: "done" });
  });

  test("a stale If-Match is a 412 and a stale body version a 409, each with the current task", async () => {
    const { data: task } = await create(alice, { title: "Contested" });
    await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { title: "First" },
      headers: { "if-match": '"1"' },
    });
    const stale = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { title: "Second" },
      headers: { "if-match": '"1"' },
    });
    expectProblem(stale, 412, "precondition-failed");
    expect(stale.data.current).toMatchObject({ title: "First", version: 2 });
    expect(stale.headers.etag).toBe('"2"');
    const staleBody = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { title: "Third", version: 1 },
    });
    expectProblem(staleBody, 409, "version-conflict");
    expect(staleBody.data.current).toMatchObject({ title: "First", version: 2 });
    expect((await api("GET", `/api/v1/tasks/${task.id}`, { token: alice.token })).data.title).toBe("First");
  });

  test("If-Match must be one strong ETag, and agree with a body version", async () => {
    const { data: task } = await create(alice, { title: "Strict" });
    for (const ifMatch of ['W/"1"', "*", "1", '"1", "2"']) {
      const response = await api("PATCH", `/api/v1/tasks/${task.id}`, {
        token: alice.token,
        json: { title: "x" },
        headers: { "if-match": ifMatch },
      });
      expectProblem(response, 400, "invalid-request");
    }
    const disagree = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { title: "x", version: 2 },
      headers: { "if-match": '"1"' },
    });
    expectProblem(disagree, 400, "invalid-request");
    expect(disagree.data.errors.version).toBeDefined();
    const unknown = await api("PATCH", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      json: { title: "x", version: 1, createdAt: "2000-01-01T00:00:00Z" },
    });
    expectProblem(unknown, 400, "invalid-request");
    expect(unknown.data.errors.createdAt).toEqual(["Unknown field."]);
    expect((await api("GET", `/api/v1/tasks/${task.id}`, { token: alice.token })).data).toMatchObject({
      title: "Strict",
      version: 1,
    });
  });

  test("DELETE: 204; with a stale If-Match 412 and the task stays; then 404", async () => {
    const { data: task } = await create(alice, { title: "Doomed" });
    await api("PATCH", `/api/v1/tasks/${task.id}`, { token: alice.token, json: { priority: "low", version: 1 } });
    const stale = await api("DELETE", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      headers: { "if-match": '"1"' },
    });
    expectProblem(stale, 412, "precondition-failed");
    expect(stale.data.current.version).toBe(2);
    const deleted = await api("DELETE", `/api/v1/tasks/${task.id}`, {
      token: alice.token,
      headers: { "if-match": '"2"' },
    });
    expect(deleted.status).toBe(204);
    expectProblem(await api("GET", `/api/v1/tasks/${task.id}`, { token: alice.token }), 404, "not-found");
    expectProblem(await api("DELETE", `/api/v1/tasks/${task.id}`, { token: alice.token }), 404, "not-found");
    const { data: other } = await create(alice, { title: "Unconditional" });
    expect((await api("DELETE", `/api/v1/tasks/${other.id}`, { token: alice.token })).status).toBe(204);
  });

  test("another user's task is a 404, word for word as a missing one, and is left alone", async () => {
    const { data: secret } = await create(bob, { title: "Bob's secret" });
    const missing = await api("GET", "/api/v1/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV", { token: alice.token });
    const responses = [
      await api("GET", `/api/v1/tasks/${secret.id}`, { token: alice.token }),
      await api("PATCH", `/api/v1/tasks/${secret.id}`, {
        token: alice.token,
        json: { title: "Mine" },
        headers: { "if-match": '"1"' },
      }),
      await api("DELETE", `/api/v1/tasks/${secret.id}`, { token: alice.token }),
    ];
    for (const response of [missing, ...responses]) {
      expectProblem(response, 404, "not-found");
      expect(response.data).toEqual(missing.data);
      expect(response.body).not.toContain("secret");
    }
    expectProblem(await api("GET", "/api/v1/tasks/not-a-ulid", { token: alice.token }), 404, "not-found");
    expect((await api("GET", `/api/v1/tasks/${secret.id}`, { token: bob.token })).data).toMatchObject({
      title: "Bob's secret",
      version: 1,
    });
  });

  test("unknown endpoints and methods are problem documents too", async () => {
    expectProblem(await api("GET", "/api/v1/projects", { token: alice.token }), 404, "not-found");
    expectProblem(await api("GET", "/api", { token: alice.token }), 404, "not-found");
    const put = await api("PUT", "/api/v1/tasks", { token: alice.token, json: { title: "x" } });
    expectProblem(put, 405, "method-not-allowed");
    expect(put.headers.allow).toBe("GET, HEAD, POST");
  });
});

describe("Idempotency-Key", () => {
  test("a retried create with the same key answers with the first task and makes no second", async () => {
    const caller = await newApiCaller();
    const headers = { "idempotency-key": crypto.randomUUID() };
    const first = await create(caller, { title: "Once" }, headers);
    const retry = await create(caller, { title: "Once" }, headers);
    expect(retry.data).toEqual(first.data);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await allTitles(caller)).toEqual(["Once"]);
  });

  test("ten simultaneous creates with one key make one task", async () => {
    const caller = await newApiCaller();
    const headers = { "idempotency-key": crypto.randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api("POST", "/api/v1/tasks", { token: caller.token, json: { title: "Racing" }, headers }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((response) => response.data.id)).size).toBe(1);
    expect(await allTitles(caller)).toEqual(["Racing"]);
  });

  test("the same key with another body is a 422; keys are per user; a malformed key is a 400", async () => {
    const key = crypto.randomUUID();
    await create(alice, { title: "Keyed" }, { "idempotency-key": key });
    const reused = await api("POST", "/api/v1/tasks", {
      token: alice.token,
      json: { title: "Different" },
      headers: { "idempotency-key": key },
    });
    expectProblem(reused, 422, "idempotency-key-reused");
    const bobs = await create(bob, { title: "Keyed" }, { "idempotency-key": key });
    expect(bobs.headers["idempotent-replayed"]).toBeUndefined();
    const malformed = await api("POST", "/api/v1/tasks", {
      token: alice.token,
      json: { title: "x" },
      headers: { "idempotency-key": "has space" },
    });
    expectProblem(malformed, 400, "invalid-request");
  });
});

describe("bearer tokens", () => {
  async function expectRefused(authorization: string | undefined, invalidToken: boolean, description?: RegExp) {
    const response = await api("GET", "/api/v1/tasks", authorization ? { headers: { authorization } } : {});
    expectProblem(response, 401, "unauthorized");
    const challenge = response.headers["www-authenticate"] ?? "";
    expect(challenge).toMatch(/^Bearer realm="task-tracker"/);
    expect(challenge.includes('error="invalid_token"')).toBe(invalidToken);
    if (description) expect(response.data.detail).toMatch(description);
    expect(response.body).not.toContain("Bob");
  }

  test("no token, another scheme or a malformed token is a 401 with a Bearer challenge", async () => {
    await expectRefused(undefined, false);
    await expectRefused("Basic dXNlcjpwYXNz", true);
    await expectRefused("Bearer not-a-jwt", true);
    await expectRefused(`Bearer ${alice.token.slice(0, -4)}AAAA`, true);
  });

  test("an ID token, a token signed by another key, alg none and an expired token are refused", async () => {
    const { header, payload } = decodeJwt(alice.token);
    await expectRefused(`Bearer ${alice.idToken}`, true);
    await expectRefused(`Bearer ${signJwt(header, payload, strangerSigningKey())}`, true);
    await expectRefused(`Bearer ${unsignedJwt(payload)}`, true);
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = signJwt(header, { ...payload, iat: past, exp: past + 3600 }, emulatorSigningKey());
    await expectRefused(`Bearer ${expired}`, true, /expired/);
    // The same key and claims with a future expiry are accepted: the refusals above are for the reason tested.
    const fresh = signJwt(header, { ...payload, exp: Math.floor(Date.now() / 1000) + 600 }, emulatorSigningKey());
    expect((await api("GET", "/api/v1/tasks", { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
  });

  test("a token for another app client is refused", async () => {
    const { header, payload } = decodeJwt(alice.token);
    const other = signJwt(header, { ...payload, client_id: "another-client" }, emulatorSigningKey());
    await expectRefused(`Bearer ${other}`, true);
  });

  test("a signed-in browser's session cookie does not work on the API (no CSRF surface)", async () => {
    const user = await newSignedInUser();
    const response = await invoke("/api/v1/tasks", {
      method: "POST",
      cookies: [user.cookie],
      body: JSON.stringify({ title: "forged" }),
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expect(response.status).toBe(401);
    const list = await user.invoke("/tasks");
    expect(list.text).not.toContain("forged");
  });
});

describe("CORS", () => {
  const preflight = {
    method: "OPTIONS",
    headers: {
      origin: "https://app.partner.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  };

  test("off by default: no CORS headers on a preflight or a response", async () => {
    const answer = await invoke("/api/v1/tasks", preflight);
    expect(answer.status).toBe(204);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
    const response = await invoke("/api/v1/tasks", {
      headers: { origin: "https://app.partner.example", authorization: `Bearer ${alice.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("with API_CORS_ORIGINS set, exactly the listed origins get CORS headers, preflight included", async () => {
    // A fresh process: the bundle reads its settings once, as a Lambda container does.
    const script = `
      import { invoke } from "#tests/support/lambda-client.ts";
      const asks = (origin) => invoke("/api/v1/tasks", { ...${JSON.stringify(preflight)}, headers: { ...${JSON.stringify(preflight.headers)}, origin } });
      const results = {
        allowed: await asks("https://app.partner.example"),
        other: await asks("https://evil.example"),
        get: await invoke("/api/v1/tasks", { headers: { origin: "https://app.partner.example", authorization: ${JSON.stringify(`Bearer ${alice.token}`)} } }),
      };
      console.log(JSON.stringify(results));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, API_CORS_ORIGINS: "https://app.partner.example, https://other.example" },
      timeout: 60_000,
    });
    const results = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, LambdaResponse>;
    expect(results.allowed?.status).toBe(204);
    expect(results.allowed?.headers).toMatchObject({
      "access-control-allow-origin": "https://app.partner.example",
      "access-control-allow-methods": expect.stringContaining("PATCH"),
      "access-control-allow-headers": expect.stringMatching(/Authorization.*If-Match.*Idempotency-Key/),
      vary: "Origin",
    });
    expect(results.allowed?.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(results.other?.headers["access-control-allow-origin"]).toBeUndefined();
    expect(results.get?.status).toBe(200);
    expect(results.get?.headers["access-control-allow-origin"]).toBe("https://app.partner.example");
    expect(results.get?.headers["access-control-expose-headers"]).toContain("ETag");
  });
});
