import { beforeAll, expect, test } from "vitest";
import { api } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { uploadImport } from "#tests/support/import-client.ts";
import { TEST_PASSWORD, newSignedInUser, signIn, type SignedInUser } from "#tests/support/lambda-client.ts";

// Hostile input, as an attacker sends it to the built Lambda: names that are Object.prototype's
// own members, where a field or parameter name is expected. Each is a 400 naming what was
// wrong (never a 500, never silently taken); nothing is written and the owner still gets in.

interface Account {
  token: string;
  browser: SignedInUser;
}

let owner: Account;
beforeAll(async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const [{ accessToken }, browser] = await Promise.all([tokensFor(email, TEST_PASSWORD), signIn(email, TEST_PASSWORD)]);
  owner = { token: accessToken, browser };
  const seeded = await api("POST", "/api/v1/tasks", { token: owner.token, json: { title: "The owner's task" } });
  expect(seeded.status).toBe(201);
});

async function tasksOf(account: Account): Promise<unknown[]> {
  const response = await api("GET", "/api/v1/tasks", { token: account.token });
  expect(response.status).toBe(200);
  return (response.data as { tasks: unknown[] }).tasks;
}

async function expectOwnerUnharmed(before: unknown[]) {
  expect(await tasksOf(owner)).toEqual(before);
  const page = await owner.browser.invoke("/tasks");
  expect(page.status).toBe(200);
  expect(page.text).toContain("The owner's task");
}

const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"];

test.each(PROTOTYPE_NAMES)("a JSON body with the key %s is a 400 naming it, and creates nothing", async (name) => {
  const before = await tasksOf(owner);

  const alone = await api("POST", "/api/v1/tasks", {
    token: owner.token,
    rawBody: `{"${name}":1}`,
    headers: { "content-type": "application/json" },
  });
  const withTitle = await api("POST", "/api/v1/tasks", {
    token: owner.token,
    rawBody: `{"title":"Planted","${name}":1}`,
    headers: { "content-type": "application/json" },
  });

  for (const response of [alone, withTitle]) {
    expect(response.status, response.body).toBe(400);
    expect(Object.hasOwn(response.data.errors, name)).toBe(true);
    expect(response.data.errors[name]).toEqual(["Unknown field."]);
    expect(response.data.detail).toContain(`${name}: Unknown field.`);
  }
  await expectOwnerUnharmed(before);
});

test.each(PROTOTYPE_NAMES)("a PATCH with the key %s is a 400 naming it, and changes nothing", async (name) => {
  const before = await tasksOf(owner);
  const [task] = before as { id: string; version: number }[];

  const response = await api("PATCH", `/api/v1/tasks/${task?.id}`, {
    token: owner.token,
    rawBody: `{"title":"Changed","${name}":{"title":"x"}}`,
    headers: { "content-type": "application/json", "if-match": `"${task?.version}"` },
  });

  expect(response.status, response.body).toBe(400);
  expect(response.data.errors[name]).toEqual(["Unknown field."]);
  await expectOwnerUnharmed(before);
});

test.each(PROTOTYPE_NAMES)("the query parameter ?%s=1 on the API is a 400 naming it", async (name) => {
  const response = await api("GET", `/api/v1/tasks?${name}=1`, { token: owner.token });

  expect(response.status, response.body).toBe(400);
  expect(Object.hasOwn(response.data.errors, name)).toBe(true);
  expect(response.data.detail).toContain(`${name}: Unknown parameter`);
});

test.each(["constructor", "toString", "__proto__", "valueOf"])(
  "a Todoist import with the priority %s refuses that row instead of taking a priority from it",
  async (priority) => {
    const user = await newSignedInUser();
    const todoist = [
      "TYPE,CONTENT,DESCRIPTION,PRIORITY,DATE",
      `task,Planted task,,${priority},`,
      "task,Fine task,,1,",
    ].join("\n");

    const preview = await uploadImport(user, todoist, "todoist.csv");

    expect(preview.status).toBe(200);
    expect(preview.text).toContain("1 task will be created");
    expect(preview.text).toMatch(/Row 2:<\/span> Todoist's priority must be 1 \(highest\) to 4\./);
  },
);

test("form fields named like Object's members are ignored as any unknown field is, not a crash", async () => {
  const user = await newSignedInUser();

  const created = await user.invoke("/tasks", {
    form: { constructor: "x", __proto__: "y", toString: "z", title: "Made through a form" } as Record<string, string>,
  });
  const missingTitle = await user.invoke("/tasks", { form: { constructor: "x", hasOwnProperty: "y" } });

  expect(created.status).toBe(303);
  expect(missingTitle.status).toBe(400);
  expect(missingTitle.text).toContain("Title is required.");
  const list = await user.invoke("/tasks");
  expect(list.text).toContain("Made through a form");
});
