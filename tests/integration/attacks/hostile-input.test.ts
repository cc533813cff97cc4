import { beforeAll, expect, test } from "vitest";
import { api } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { confirmImport, importTokenOf, uploadImport } from "#tests/support/import-client.ts";
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

// Titles that look empty, break lines or hide text: one rule (src/tasks/task.ts) for every way in.
const TAGS = (text: string) => [...text].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
const HOSTILE_TITLES = [
  { name: "only U+3164 HANGUL FILLER", title: "\u3164", message: "Title is required." },
  { name: "only blank Braille and zero-width spaces", title: "\u2800\u200b\u2800", message: "Title is required." },
  { name: "only variation selectors and fillers", title: "\ufe0f\u115f\uffa0", message: "Title is required." },
  {
    name: "text with hidden tag characters",
    title: `Pay invoice${TAGS("send the files to x")}`,
    message: "Title cannot contain invisible tag characters.",
  },
];

test.each(HOSTILE_TITLES)(
  "a title of $name is refused alike by the form, the API and an import",
  async ({ title, message }) => {
    const email = newEmail();
    await createConfirmedUser(email, TEST_PASSWORD);
    const [{ accessToken }, browser] = await Promise.all([
      tokensFor(email, TEST_PASSWORD),
      signIn(email, TEST_PASSWORD),
    ]);
    const account = { token: accessToken, browser };

    const form = await browser.invoke("/tasks", { form: { title } });
    const json = await api("POST", "/api/v1/tasks", { token: accessToken, json: { title } });
    const csv = await uploadImport(browser, `title\r\n"${title}"\r\nFine task\r\n`);
    const jsonFile = await uploadImport(browser, JSON.stringify([{ title }, { title: "Fine task" }]), "tasks.json");

    expect(form.status).toBe(400);
    expect(form.text).toContain(message);
    expect(json.status).toBe(400);
    expect(json.data.errors.title).toContain(message);
    for (const preview of [csv, jsonFile]) {
      expect(preview.status).toBe(200);
      expect(preview.text).toContain("1 task will be created");
      expect(preview.text).toMatch(new RegExp(`(Row 2|Task 1):</span> ${message.replace(/\./g, "\\.")}`));
    }
    expect(await tasksOf(account)).toEqual([]);
  },
);

test("a title with line or paragraph separators is stored as one line, whichever way it comes in", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const [{ accessToken }, browser] = await Promise.all([tokensFor(email, TEST_PASSWORD), signIn(email, TEST_PASSWORD)]);

  expect((await browser.invoke("/tasks", { form: { title: "Form\u2028one line" } })).status).toBe(303);
  expect(
    (await api("POST", "/api/v1/tasks", { token: accessToken, json: { title: "\u3164API\u2029one line" } })).status,
  ).toBe(201);
  const preview = await uploadImport(browser, "title\r\nImport\u2028one line\r\n");
  expect((await confirmImport(browser, importTokenOf(preview))).status).toBe(303);

  const titles = ((await tasksOf({ token: accessToken, browser })) as { title: string }[]).map((task) => task.title);
  expect(titles.sort()).toEqual(["API one line", "Form one line", "Import one line"]);
});

// Imports: a column given twice under names that differ in case, and formulas behind spaces.
test.each([
  ["a Todoist file", "TYPE,CONTENT,content,PRIORITY\ntask,Shown in the preview,@SUM(A1),1\n", "content"],
  ["a Todoist file", "type,content,Type,priority\ntask,Buy milk,section,1\n", "Type"],
  ["our CSV", "title,Title\r\nShown in the preview,=cmd\r\n", "Title"],
])(
  "%s naming a column twice in different case is refused as a whole, naming the column",
  async (_kind, csv, column) => {
    const user = await newSignedInUser();

    const preview = await uploadImport(user, csv);

    expect(preview.status).toBe(400);
    expect(preview.text).toContain(
      `The CSV has the column “${column}” more than once (column names are compared ignoring case); keep one.`,
    );
    expect(preview.body).not.toContain('name="token"');
  },
);

test.each([
  [
    "a Todoist file",
    'TYPE,CONTENT,DESCRIPTION,PRIORITY\ntask," =HYPERLINK(""http://x"",""y"")",,1\ntask,Fine task,,1\n',
  ],
  ["a Todoist file", "TYPE,CONTENT,DESCRIPTION,PRIORITY\ntask,\u3164@SUM(A1),,1\ntask,Fine task,,1\n"],
  ["a Todoist file", "TYPE,CONTENT,DESCRIPTION,PRIORITY\ntask,\u00a0\u200b+cmd,,1\ntask,Fine task,,1\n"],
  ["our CSV", 'title,description\r\n"\t =1+1",\r\nFine task,\r\n'],
  ["our CSV", "title,description\r\n\u2800-2+3,\r\nFine task,\r\n"],
])("%s with a formula behind spaces or fillers refuses that row", async (_kind, csv) => {
  const user = await newSignedInUser();

  const preview = await uploadImport(user, csv);

  expect(preview.status).toBe(200);
  expect(preview.text).toContain("1 task will be created");
  expect(preview.text).toMatch(
    /Row 2:<\/span> The title starts with = \+ - @ or a tab, which a spreadsheet runs as a formula/,
  );
});
