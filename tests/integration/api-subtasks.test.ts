import { expect, test } from "vitest";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { api } from "#tests/support/api-client.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";

// Sub-tasks through the JSON API (the bundle that ships); every response is checked against
// the OpenAPI document the API serves (tests/support/api-client.ts).

async function newToken(): Promise<string> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  return (await tokensFor(email, TEST_PASSWORD)).accessToken;
}

test("POST takes a checklist and every task carries one; PATCH replaces the whole list, keeping ids", async () => {
  const token = await newToken();
  const created = await api("POST", "/api/v1/tasks", {
    token,
    json: { title: "Pack", subtasks: [{ title: " Passport " }, { title: "Charger", done: true }] },
  });
  expect(created.status, created.body).toBe(201);
  const [passport, charger] = created.data.subtasks;
  expect(created.data.subtasks).toEqual([
    { id: expect.stringMatching(/^[\w-]{8}$/), title: "Passport", done: false },
    { id: expect.stringMatching(/^[\w-]{8}$/), title: "Charger", done: true },
  ]);
  const plain = await api("POST", "/api/v1/tasks", { token, json: { title: "No steps" } });
  expect(plain.data.subtasks).toEqual([]);

  const patched = await api("PATCH", `/api/v1/tasks/${created.data.id}`, {
    token,
    headers: { "If-Match": `"${created.data.version}"` },
    json: { subtasks: [{ ...charger, done: false }, { title: "Socks" }, passport] },
  });
  expect(patched.status, patched.body).toBe(200);
  expect(patched.data.subtasks.map((subtask: { title: string }) => subtask.title)).toEqual([
    "Charger",
    "Socks",
    "Passport",
  ]);
  expect(patched.data.subtasks[0]).toEqual({ id: charger.id, title: "Charger", done: false });
  expect(patched.data.subtasks[2]).toEqual(passport);
  expect(patched.data.version).toBe(created.data.version + 1);
  // Other fields alone leave the list as it is.
  const renamed = await api("PATCH", `/api/v1/tasks/${created.data.id}`, {
    token,
    json: { title: "Pack the bag", version: patched.data.version },
  });
  expect(renamed.data.subtasks).toEqual(patched.data.subtasks);
  const read = await api("GET", `/api/v1/tasks/${created.data.id}`, { token });
  expect(read.data.subtasks).toEqual(patched.data.subtasks);
  // A stale version is refused and changes nothing.
  const stale = await api("PATCH", `/api/v1/tasks/${created.data.id}`, {
    token,
    json: { subtasks: [], version: patched.data.version },
  });
  expect(stale.status).toBe(409);
  expect((await api("GET", `/api/v1/tasks/${created.data.id}`, { token })).data.subtasks).toHaveLength(3);
});

test("a bad checklist is a 400 naming the field, and nothing is stored", async () => {
  const token = await newToken();
  const created = await api("POST", "/api/v1/tasks", { token, json: { title: "Pack" } });
  for (const [subtasks, message] of [
    [[{ title: "" }], "A sub-task is required."],
    [[{ title: "x".repeat(201) }], "A sub-task must be at most 200 characters."],
    [[{ title: "evil\u202e" }], "A sub-task cannot contain control characters."],
    [[{ title: "A", done: "yes" }], "A sub-task's done must be true or false."],
    [[{ title: "A", id: "a b" }], "A sub-task's id is 1 to 32 letters, digits, _ or -."],
    [[{ title: "A", extra: 1 }], undefined],
    [Array.from({ length: 101 }, (_, index) => ({ title: `Step ${index}` })), "A task can have at most 100 sub-tasks."],
    [
      [
        { id: "same", title: "A" },
        { id: "same", title: "B" },
      ],
      "Each sub-task's id must be different.",
    ],
    ["Passport", "Subtasks must be a list of { title, done } objects."],
  ] as const) {
    const response = await api("PATCH", `/api/v1/tasks/${created.data.id}`, {
      token,
      json: { subtasks, version: 1 },
    });
    expect(response.status, JSON.stringify(subtasks).slice(0, 60)).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    if (message) expect(JSON.stringify(response.data)).toContain(message);
  }
  const refusedCreate = await api("POST", "/api/v1/tasks", { token, json: { title: "B", subtasks: [{ title: " " }] } });
  expect(refusedCreate.status).toBe(400);
  const read = await api("GET", `/api/v1/tasks/${created.data.id}`, { token });
  expect(read.data).toMatchObject({ version: 1, subtasks: [] });
});

test("the OpenAPI document describes sub-tasks on the task and in POST and PATCH", async () => {
  const document = (await api("GET", "/api/v1/openapi.json")).data;
  const text = JSON.stringify(document.components.schemas);
  expect(document.components.schemas.Task.properties.subtasks.type).toBe("array");
  expect(document.components.schemas.Task.required).toContain("subtasks");
  expect(document.components.schemas.TaskPatch.properties.subtasks.maxItems).toBe(100);
  expect(document.components.schemas.TaskCreate.properties.subtasks.items.properties.title.maxLength).toBe(200);
  expect(text).toContain("it replaces the whole list");
});
