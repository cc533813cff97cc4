import { inboxAccess } from "#src/lists/list-access.ts";
import { beforeAll, expect, test } from "vitest";
import { claimStagedImport, queryStagedImportParts } from "#src/tasks/import-repository.ts";
import { putTask } from "#src/tasks/task-repository.ts";
import { listLabelsOf } from "#src/tasks/label-service.ts";
import { createTask, listScope, listTasks } from "#src/tasks/task-service.ts";
import type { TaskInput } from "#src/tasks/task.ts";
import {
  confirmImport as confirm,
  importTokenOf as tokenOf,
  subOf,
  uploadImport as upload,
} from "#tests/support/import-client.ts";
import { invoke, newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";

// Export and import through the bundle that ships, as a browser without JavaScript uses them:
// downloads, a multipart upload, the preview, and the confirm form.

interface ExportedTask {
  id: string;
  title: string;
  description: string;
  status: string;
  dueDate: string | null;
  priority: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

async function exportJson(user: SignedInUser): Promise<ExportedTask[]> {
  const response = await user.invoke("/tasks/export.json");
  expect(response.status).toBe(200);
  return (JSON.parse(response.body) as { tasks: ExportedTask[] }).tasks;
}

/** What a round trip keeps: everything but the new task's id, timestamps and version. */
function userFields(tasks: ExportedTask[]) {
  return tasks.map(({ title, description, status, dueDate, priority }) => ({
    title,
    description,
    status,
    dueDate,
    priority,
  }));
}

const TRICKY = [
  { title: "Plain task", description: "", status: "todo", priority: "none" },
  {
    title: '=HYPERLINK("http://evil.example","click")',
    description: "+1 from @ann",
    status: "done",
    priority: "urgent",
    dueDate: "2026-12-24",
  },
  {
    title: 'Quote "and", comma',
    description: 'line one\nline two, with "quotes"\n\ttabbed',
    status: "in_progress",
    priority: "high",
  },
  { title: "'apostrophe first", description: "-minus first", status: "todo", priority: "low", dueDate: "2027-01-31" },
  { title: "Café ☕ 日本語 🎉", description: "ünïcödé", status: "done", priority: "medium" },
];

let alice: SignedInUser;
let aliceSub: string;
beforeAll(async () => {
  alice = await newSignedInUser();
  aliceSub = await subOf(alice);
  for (const task of TRICKY) await createTask(inboxAccess(aliceSub), { ...task, dueDate: task.dueDate ?? "" });
});

test("GET /tasks/export.json downloads every task with every field, done ones included", async () => {
  const response = await alice.invoke("/tasks/export.json");

  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.json"$/);
  const document = JSON.parse(response.body) as { format: string; tasks: ExportedTask[] };
  expect(document.format).toBe("task-tracker-export");
  expect(userFields(document.tasks)).toEqual(TRICKY.map((task) => ({ ...task, dueDate: task.dueDate ?? null })));
  for (const task of document.tasks) {
    expect(Object.keys(task)).toEqual([
      "id",
      "title",
      "description",
      "status",
      "dueDate",
      "priority",
      "createdAt",
      "updatedAt",
      "version",
      // A task without a time or a repeat leaves those fields out (the import reads them as none).
    ]);
    expect(task.version).toBe(1);
  }
});

test("GET /tasks/export.csv is RFC 4180 with a BOM, and formula-like cells start with an apostrophe", async () => {
  const response = await alice.invoke("/tasks/export.csv");

  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(
    response.body.startsWith(
      "\uFEFFid,title,description,status,dueDate,priority,createdAt,updatedAt,version,dueTime,recurrence,recurrenceTimeZone,subtasks,labels\r\n",
    ),
  ).toBe(true);
  expect(response.body).toContain(
    `"'=HYPERLINK(""http://evil.example"",""click"")",'+1 from @ann,done,2026-12-24,urgent,`,
  );
  expect(response.body).toContain(
    `"Quote ""and"", comma","line one\nline two, with ""quotes""\n\ttabbed",in_progress,,high,`,
  );
  expect(response.body).toContain(`''apostrophe first,'-minus first,todo,2027-01-31,low,`);
  // No cell begins with a formula character: every line's cells after a comma are neutral.
  expect(response.body).not.toMatch(/(^|,)[=+@-]/m);
});

test("exports need a session: signed out, the export redirects to sign-in", async () => {
  const response = await invoke("/tasks/export.csv");

  expect(response.status).toBe(303);
  expect(response.headers.location).toBe("/login?redirectTo=%2Ftasks%2Fexport.csv");
});

test("round trip: export CSV and JSON from one user, import each into another, export again: the same tasks", async () => {
  const original = await exportJson(alice);
  for (const format of ["csv", "json"] as const) {
    const bob = await newSignedInUser();
    const file = await alice.invoke(`/tasks/export.${format}`);

    const preview = await upload(bob, file.body, `alice.${format}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(`5 tasks will be created`);
    const confirmed = await confirm(bob, tokenOf(preview));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe("/tasks");

    const copied = await exportJson(bob);
    expect(userFields(copied)).toEqual(userFields(original));
    // New tasks: new ids, never the source's.
    expect(copied.map((task) => task.id)).not.toContain(original[0]?.id);
  }
});

test("a Todoist CSV imports its tasks only, with priority 1 as urgent, readable dates kept and 'every …' as a repeat", async () => {
  const bob = await newSignedInUser();
  const todoist = [
    "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE",
    "section,Errands,,,,,,,,",
    "task,Buy milk,Semi-skimmed,1,1,Ann (1),,2026-12-03,en,Europe/London",
    "task,Call the bank,,2,1,Ann (1),,every monday,en,Europe/London",
    "task,Book flights,,3,1,Ann (1),,3 Jan 2027,en,Europe/London",
    'task,Water plants,,4,1,Ann (1),,"Feb 14, 2027",en,Europe/London',
    "note,A comment,,,,,,,,",
    "",
  ].join("\n");

  const preview = await upload(bob, todoist, "todoist.csv");
  expect(preview.status).toBe(200);
  expect(preview.text).toContain("4 tasks will be created");
  expect(preview.text).not.toContain("“every monday” is not a date we can read");
  expect(preview.text).toContain("2 rows that are not tasks (sections, notes) were left out.");
  expect((await confirm(bob, tokenOf(preview))).status).toBe(303);

  const exported = await exportJson(bob);
  // A repeat, starting at its first Monday from today.
  const bank = exported.find((task) => task.title === "Call the bank") as Record<string, unknown> | undefined;
  expect(bank).toMatchObject({ recurrence: "FREQ=WEEKLY;BYDAY=MO" });
  expect(bank).not.toHaveProperty("dueTime");
  expect(new Date(`${String(bank?.dueDate)}T00:00:00Z`).getUTCDay()).toBe(1);
  expect(userFields(exported)).toEqual([
    { title: "Buy milk", description: "Semi-skimmed", status: "todo", dueDate: "2026-12-03", priority: "urgent" },
    { title: "Call the bank", description: "", status: "todo", dueDate: bank?.dueDate, priority: "high" },
    { title: "Book flights", description: "", status: "todo", dueDate: "2027-01-03", priority: "medium" },
    { title: "Water plants", description: "", status: "todo", dueDate: "2027-02-14", priority: "none" },
  ]);
});

test("rows breaking the task rules or starting like a formula are refused by row number; the others import", async () => {
  const bob = await newSignedInUser();
  const csv = [
    "title,description,status,dueDate,priority",
    "Fine task,,todo,,none",
    `"=HYPERLINK(""http://evil.example"",""x"")",,todo,,none`,
    `${"x".repeat(201)},,todo,,none`,
    "Bad status,,later,,none",
    "Bad date,,todo,2026-02-30,none",
    "'=escaped by us,,todo,,none",
  ].join("\r\n");

  const preview = await upload(bob, csv);
  expect(preview.status).toBe(200);
  expect(preview.text).toContain("2 tasks will be created");
  expect(preview.text).toContain("4 rows are refused");
  expect(preview.text).toMatch(
    /Row 3:<\/span> The title starts with = \+ - @ or a tab, which a spreadsheet runs as a formula/,
  );
  expect(preview.text).toMatch(/Row 4:<\/span> Title must be at most 200 characters\./);
  expect(preview.text).toMatch(/Row 5:<\/span> Choose a valid status\./);
  expect(preview.text).toMatch(/Row 6:<\/span> Enter a real date as YYYY-MM-DD\./);
  expect(await exportJson(bob)).toEqual([]);

  expect((await confirm(bob, tokenOf(preview))).status).toBe(303);
  expect(userFields(await exportJson(bob)).map((task) => task.title)).toEqual(["Fine task", "=escaped by us"]);
});

test.each([
  ["an empty file", "", "The file is empty."],
  ["a file of 5 MB", "title\r\n" + "x,\r\n".repeat(1_300_000), "files must be under 4.5 MB"],
  ["a binary file", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), "This is a binary file"],
  [
    "text that is not UTF-8",
    new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x43, 0x61, 0x66, 0xe9]),
    "not UTF-8 text",
  ],
  ["wrong columns", "name,when\r\nSomething,today\r\n", "The CSV's columns are not ones we know."],
  ["broken CSV quoting", 'title,description\r\n"never closed,x\r\n', "a quoted field is never closed"],
  ["JSON that is not our export", '{"items":[]}', "This JSON is not a Task Tracker export"],
  ["more than 10,000 tasks", "title\r\n" + "t\r\n".repeat(10_001), "The file has 10,001 tasks; import at most 10,000"],
])("%s is refused with a clear message and nothing is created", async (_name, content, message) => {
  const bob = await newSignedInUser();

  const response = await upload(bob, content);

  expect(response.status).toBe(400);
  expect(response.text).toContain(message);
  expect(response.body).not.toContain('name="token"');
  expect(await exportJson(bob)).toEqual([]);
});

test("importing the same file twice asks first; only an explicit 'import again' creates the tasks again", async () => {
  const bob = await newSignedInUser();
  const csv = `title,description,status,dueDate,priority\r\nOnce ${crypto.randomUUID()},,todo,,none\r\n`;
  expect((await confirm(bob, tokenOf(await upload(bob, csv)))).status).toBe(303);

  const second = await upload(bob, csv);
  expect(second.text).toMatch(
    /You imported this file on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?, \d{2}:\d{2} \S+\. Import it again\?/,
  );
  // A confirm without "again" (e.g. the first file's form in another tab) is asked again.
  const asked = await confirm(bob, tokenOf(second));
  expect(asked.status).toBe(409);
  expect(asked.text).toMatch(
    /You imported this file on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?, \d{2}:\d{2} \S+; importing it again/,
  );
  expect(await exportJson(bob)).toHaveLength(1);

  expect((await confirm(bob, tokenOf(asked), true)).status).toBe(303);
  expect(await exportJson(bob)).toHaveLength(2);
});

test("the same file uploaded in two tabs and confirmed in both at once is imported once; the other tab is asked", async () => {
  const bob = await newSignedInUser();
  const csv = `title\r\nTwo tabs ${crypto.randomUUID()}\r\nAnd a second task\r\n`;
  const [first, second] = await Promise.all([upload(bob, csv), upload(bob, csv)]);
  const answers = await Promise.all([confirm(bob, tokenOf(first)), confirm(bob, tokenOf(second))]);

  expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
  const asked = answers.find((answer) => answer.status === 409);
  expect(asked?.text).toMatch(
    /You imported this file on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?, \d{2}:\d{2} \S+; importing it again/,
  );
  expect(await exportJson(bob)).toHaveLength(2);
});

test("a forged, foreign or used confirm token is refused and creates nothing", async () => {
  const bob = await newSignedInUser();
  const mallory = await newSignedInUser();
  const preview = await upload(bob, "title\r\nOnly once\r\n");
  const token = tokenOf(preview);

  const forged = await confirm(bob, `${token.slice(0, -3)}abc`);
  const foreign = await confirm(mallory, token);
  expect(forged.status).toBe(400);
  expect(forged.text).toContain("This import has expired or was already done.");
  expect(foreign.status).toBe(400);
  expect(await exportJson(mallory)).toEqual([]);

  expect((await confirm(bob, token)).status).toBe(303);
  const reused = await confirm(bob, token);
  expect(reused.status).toBe(400);
  expect(await exportJson(bob)).toHaveLength(1);
});

test("a confirm cut off part-way (Lambda timeout) can be confirmed again later without duplicating a task", async () => {
  const bob = await newSignedInUser();
  const owner = await subOf(bob);
  const preview = await upload(bob, "title\r\nFirst\r\nSecond\r\nThird\r\n");
  const token = tokenOf(preview);
  const stage = token.slice(0, token.lastIndexOf("."));
  // What a cut-off confirm leaves: the upload claimed three minutes ago, one task written.
  const threeMinutesAgo = Math.floor(Date.now() / 1000) - 180;
  expect(await claimStagedImport(owner, stage, threeMinutesAgo, threeMinutesAgo)).toEqual({
    takeover: false,
    listId: owner,
  });
  const [firstPart] = await queryStagedImportParts(owner, stage);
  const [first] = JSON.parse(firstPart ?? "[]") as (TaskInput & { id: string })[];
  if (!first) throw new Error("nothing staged");
  const now = new Date().toISOString();
  // ...and since edited by its owner: finishing the import must not overwrite it.
  await putTask(
    { ...first, title: "First, edited", listId: owner, createdAt: now, updatedAt: now, version: 2 },
    undefined,
  );

  // A second click at once is refused while the first may still run...
  expect(await claimStagedImport(owner, stage, Math.floor(Date.now() / 1000), threeMinutesAgo - 60)).toBeNull();
  // ...but once the claim is older than any run can last, confirming finishes the import.
  const confirmed = await confirm(bob, token);

  expect(confirmed.status).toBe(303);
  expect(userFields(await exportJson(bob)).map((task) => task.title)).toEqual(["First, edited", "Second", "Third"]);
});

test("a large upload of multi-byte text is kept in parts small enough for DynamoDB, and all of it imports", async () => {
  const bob = await newSignedInUser();
  // 600 tasks of 1,500 CJK characters: about 2.7 MB of UTF-8, 900,000 characters.
  const rows = Array.from({ length: 600 }, (_, index) => `Task ${index},${"漢字".repeat(750)}`);
  const preview = await upload(bob, ["title,description", ...rows].join("\r\n"));
  expect(preview.text).toContain("600 tasks will be created");
  // DynamoDB refuses items over 400 KB (the local emulator does not check, so this test does).
  const token = tokenOf(preview);
  const parts = await queryStagedImportParts(await subOf(bob), token.slice(0, token.lastIndexOf(".")));
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThan(350_000);

  expect((await confirm(bob, tokenOf(preview))).status).toBe(303);
  const tasks = await exportJson(bob);
  expect(tasks).toHaveLength(600);
  expect(tasks[599]?.description).toBe("漢字".repeat(750));
});

test("labels survive our export and import (JSON and CSV), and Todoist's “@label” words become labels", async () => {
  const carol = await newSignedInUser();
  const carolSub = await subOf(carol);
  await createTask(inboxAccess(carolSub), { title: "Stamps", labels: "Errand, post-office" });
  await createTask(inboxAccess(carolSub), { title: "Plain" });
  const labelsOf = (tasks: ExportedTask[]) =>
    tasks.map((task) => ({ title: task.title, labels: (task as { labels?: string[] }).labels }));
  expect(labelsOf(await exportJson(carol))).toEqual([
    { title: "Stamps", labels: ["Errand", "post-office"] },
    { title: "Plain", labels: undefined },
  ]);

  for (const format of ["csv", "json"] as const) {
    const bob = await newSignedInUser();
    const bobSub = await subOf(bob);
    // Bob's Inbox spells one of them already: his spelling stays.
    await createTask(inboxAccess(bobSub), { title: "Mine", labels: "ERRAND" });
    const file = await carol.invoke(`/tasks/export.${format}`);
    if (format === "csv") expect(file.body).toContain(`,"Errand, post-office"\r\n`);
    const preview = await upload(bob, file.body, `carol.${format}`);
    expect(preview.text).toContain("2 tasks will be created");
    expect((await confirm(bob, tokenOf(preview))).status).toBe(303);

    expect(labelsOf(await exportJson(bob))).toEqual([
      { title: "Mine", labels: ["ERRAND"] },
      { title: "Stamps", labels: ["ERRAND", "post-office"] },
      { title: "Plain", labels: undefined },
    ]);
    const inbox = inboxAccess(bobSub);
    const page = await listTasks(listScope(inbox), { label: "post-office" });
    expect(page.tasks.map((task) => task.title)).toEqual(["Stamps"]);
    expect((await listLabelsOf(inbox)).map((label) => label.name)).toEqual(["ERRAND", "post-office"]);
  }

  const dave = await newSignedInUser();
  const todoist = [
    "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE",
    "task,Buy stamps @errand @Post-Office,,4,1,Ann (1),,,en,Europe/London",
    "task,Mail bob@example.com about @ the rota,,4,1,Ann (1),,,en,Europe/London",
    "",
  ].join("\n");
  const preview = await upload(dave, todoist, "todoist.csv");
  expect(preview.text).toContain("2 tasks will be created");
  expect((await confirm(dave, tokenOf(preview))).status).toBe(303);
  expect(labelsOf(await exportJson(dave))).toEqual([
    { title: "Buy stamps", labels: ["errand", "Post-Office"] },
    { title: "Mail bob@example.com about @ the rota", labels: undefined },
  ]);
});
