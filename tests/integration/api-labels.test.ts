import type { IncomingMessage } from "node:http";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { createTask, getTask } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { api, newApiCaller, expectProblemType } from "#tests/support/api-client.ts";

import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// Renaming and removing a list's label on every task through the JSON API (the Labels page's
// service, via the bundle that ships): who may, what bad input gets, and a change that stops
// half-way finishing when the same request is sent again. Every response is checked against
// the OpenAPI document.

let dynamo: OutageProxy;
const real = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(real);
  // Before the first DynamoDB call of this file: the clients read their endpoint once.
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
});
afterEach(() => dynamo.restore());
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = real;
  await dynamo.stop();
});

/** A list shared with an editor and a viewer (invited and accepted through the API), with tasks. */
async function sharedList(labels: string[]) {
  const [owner, editor, viewer] = await Promise.all([newApiCaller(), newApiCaller(), newApiCaller()]);
  const list = await createList({ id: owner.sub, email: owner.email }, { name: "Chores" });
  for (const [member, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const invited = await api("POST", `/api/v1/lists/${list.id}/invitations`, {
      token: owner.token,
      json: { email: member.email, role },
    });
    expect(invited.status, invited.body).toBe(201);
    const accepted = await api("POST", `/api/v1/invitations/${invited.data.id}/accept`, { token: member.token });
    expect(accepted.status, accepted.body).toBe(200);
  }
  const access = await resolveListAccess(owner.sub, list.id);
  const tasks: Task[] = [];
  for (const [i, text] of labels.entries()) tasks.push(await createTask(access, { title: `Chore ${i}`, labels: text }));
  await createTask(access, { title: "Unlabelled" });
  const labelsNow = async () => Promise.all(tasks.map(async (task) => (await getTask(access, task.id)).labels ?? []));
  return { owner, editor, viewer, list, tasks, labelsNow };
}

/** The nth UpdateItem from now, and every retry of it (the SDK resends with the same invocation id). */
function nthUpdate(n: number) {
  const calls: string[] = [];
  return (request: IncomingMessage) => {
    if (!String(request.headers["x-amz-target"]).endsWith(".UpdateItem")) return false;
    const id = String(request.headers["amz-sdk-invocation-id"]);
    if (!calls.includes(id)) calls.push(id);
    return calls.indexOf(id) === n - 1;
  };
}

test("every member reads the labels; an editor renames and removes one on every task; a viewer, a stranger and bad input change nothing", async () => {
  const { owner, editor, viewer, list, labelsNow } = await sharedList(["errand, home", "errand", "home"]);
  const stranger = await newApiCaller();
  const base = `/api/v1/lists/${list.id}/labels`;

  const before = dynamo.seen().length;
  const read = await api("GET", base, { token: viewer.token });
  expect(read.status, read.body).toBe(200);
  // The caller's access and rate limit as on every call, then one Query of the list's labels.
  const calls = dynamo
    .seen()
    .slice(before)
    .map((call) => String(call.headers["x-amz-target"]).split(".")[1]);
  expect(calls.filter((call) => call === "Query")).toHaveLength(1);
  expect(calls.filter((call) => call === "Scan")).toEqual([]);
  expect(calls.length).toBeLessThanOrEqual(4);
  expect(read.data).toEqual({
    labels: [
      { name: "errand", pending: null },
      { name: "home", pending: null },
    ],
  });

  // A viewer is told which role it needs; a stranger cannot tell the list from a missing one.
  const refused = await api("PATCH", `${base}/errand`, { token: viewer.token, json: { name: "Shopping" } });
  expectProblemType(refused, 403, "forbidden");
  expect(refused.data.detail).toContain("editor");
  expectProblemType(await api("DELETE", `${base}/home`, { token: viewer.token }), 403, "forbidden");
  const hidden = await api("PATCH", `${base}/errand`, { token: stranger.token, json: { name: "Shopping" } });
  const missing = await api("PATCH", `/api/v1/lists/l_01JZZZZZZZZZZZZZZZZZZZZZZZ/labels/errand`, {
    token: stranger.token,
    json: { name: "Shopping" },
  });
  expectProblemType(hidden, 404, "not-found");
  expectProblemType(missing, 404, "not-found");
  expect(hidden.data.detail).toBe(missing.data.detail);
  expectProblemType(await api("GET", base, { token: stranger.token }), 404, "not-found");

  // Bad input: a clear 400 naming the field, and nothing changes.
  for (const [json, field] of [
    [{}, "name"],
    [{ name: 3 }, "name"],
    [{ name: "two words" }, "name"],
    [{ name: "" }, "name"],
    [{ name: "ok", colour: "red" }, "colour"],
  ] as const) {
    const bad = await api("PATCH", `${base}/errand`, { token: editor.token, json });
    expectProblemType(bad, 400, "invalid-request");
    expect(Object.keys(bad.data.errors)).toEqual([field]);
  }
  expectProblemType(
    await api("PATCH", `${base}/errand`, {
      token: editor.token,
      rawBody: '{"name":',
      headers: { "content-type": "application/json" },
    }),
    400,
    "malformed-body",
  );
  const unknown = await api("PATCH", `${base}/nothing`, { token: editor.token, json: { name: "x" } });
  expectProblemType(unknown, 404, "not-found");
  expect(unknown.data.detail).toBe("This list has no such label.");
  expectProblemType(await api("POST", base, { token: owner.token, json: {} }), 405, "method-not-allowed");
  expect(await labelsNow()).toEqual([["errand", "home"], ["errand"], ["home"]]);

  // An editor renames (any case, a leading @) and removes; every task that carried it changes.
  const renamed = await api("PATCH", `${base}/%40ERRAND`, { token: editor.token, json: { name: "Shopping" } });
  expect(renamed.status, renamed.body).toBe(200);
  expect(renamed.data).toEqual({ done: true, changed: 2, label: "Shopping" });
  const removed = await api("DELETE", `${base}/home`, { token: owner.token });
  expect(removed.status, removed.body).toBe(200);
  expect(removed.data).toEqual({ done: true, changed: 2, label: null });
  expect(await labelsNow()).toEqual([["Shopping"], ["Shopping"], []]);
  expect((await api("GET", base, { token: editor.token })).data).toEqual({
    labels: [{ name: "Shopping", pending: null }],
  });
  // Done already: the old name is gone.
  expectProblemType(await api("DELETE", `${base}/home`, { token: owner.token }), 404, "not-found");
});

test("renaming onto a label the list has merges them, in that label's spelling", async () => {
  const { editor, list, labelsNow } = await sharedList(["Errand", "chore", "errand, chore"]);
  const merged = await api("PATCH", `/api/v1/lists/${list.id}/labels/chore`, {
    token: editor.token,
    json: { name: "ERRAND" },
  });
  expect(merged.status, merged.body).toBe(200);
  expect(merged.data).toEqual({ done: true, changed: 2, label: "Errand" });
  expect(await labelsNow()).toEqual([["Errand"], ["Errand"], ["Errand"]]);
});

test("a rename that stops half-way is pending; another change is refused meanwhile, and the same request finishes it", async () => {
  const { editor, owner, list, labelsNow } = await sharedList(["errand", "errand", "errand", "errand", "errand"]);
  const base = `/api/v1/lists/${list.id}/labels`;
  // The caller's rate limit (1), the change's start (2), the first task (3), then the second fails for good.
  dynamo.cut("refuse", nthUpdate(4));
  const stopped = await api("PATCH", `${base}/errand`, { token: editor.token, json: { name: "Shopping" } });
  dynamo.restore();
  expectProblemType(stopped, 503, "unavailable");
  const midway = (await labelsNow()).map((labels) => labels[0]);
  expect(midway).toContain("Shopping");
  expect(midway).toContain("errand");

  const pending = await api("GET", base, { token: owner.token });
  expect(pending.data.labels).toContainEqual({ name: "errand", pending: { action: "rename", to: "Shopping" } });
  // A different change of the label is refused while this one is pending, naming it.
  const other = await api("PATCH", `${base}/errand`, { token: owner.token, json: { name: "Other" } });
  expectProblemType(other, 409, "change-in-progress");
  expect(other.data.detail).toContain("@Shopping");
  expectProblemType(await api("DELETE", `${base}/errand`, { token: owner.token }), 409, "change-in-progress");

  const finished = await api("PATCH", `${base}/errand`, { token: editor.token, json: { name: "shopping" } });
  expect(finished.status, finished.body).toBe(200);
  expect(finished.data).toMatchObject({ done: true, label: "Shopping" });
  expect(finished.data.changed).toBeGreaterThan(0);
  expect(await labelsNow()).toEqual(Array.from({ length: 5 }, () => ["Shopping"]));
  expect((await api("GET", base, { token: owner.token })).data.labels).toEqual([{ name: "Shopping", pending: null }]);
});
