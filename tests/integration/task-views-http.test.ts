import { inboxAccess } from "#src/lists/list-access.ts";
import { beforeAll, expect, test } from "vitest";
import { addDays, todayIn } from "#src/tasks/task-dates.ts";
import { createTask } from "#src/tasks/task-service.ts";
import { taskFields } from "#tests/support/factories.ts";
import { newUser, type User } from "#tests/support/users.ts";

// The list views, the board and one-click changes through the bundle that ships, with API
// Gateway events, as a browser without JavaScript (or a script) uses them.

let user: User;
beforeAll(async () => {
  user = await newUser();
});

/** Arranged through the service: what these tests check is the pages, not creating. */
async function create(fields: Record<string, string>): Promise<string> {
  return (await createTask(inboxAccess(user.sub), taskFields(fields))).id;
}

function order(html: string, titles: string[]): string[] {
  return titles
    .map((title) => ({ title, at: html.indexOf(`>${title}<`) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ title }) => title);
}

test("GET /tasks?sort=due lists the soonest first, and each view is a link with aria-current", async () => {
  const tag = `due-${Date.now()}`;
  const today = todayIn("UTC");
  await create({ title: `${tag} later`, dueDate: addDays(today, 5) });
  await create({ title: `${tag} none` });
  await create({ title: `${tag} overdue`, dueDate: addDays(today, -2) });

  const response = await user.invoke("/tasks?sort=due");

  expect(response.status).toBe(200);
  expect(order(response.text, [`${tag} later`, `${tag} none`, `${tag} overdue`])).toEqual([
    `${tag} overdue`,
    `${tag} later`,
    `${tag} none`,
  ]);
  expect(response.text).toMatch(/Overdue · \w{3} \d{1,2} \w{3}/);
  expect(response.text).toMatch(
    /href="\/tasks\?sort=due"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/tasks\?sort=due"/,
  );
  expect(response.text).toContain("Dates are shown in UTC.");
});

test("GET /tasks?due=today shows overdue and today's open tasks only", async () => {
  const tag = `today-${Date.now()}`;
  const today = todayIn("UTC");
  await create({ title: `${tag} today`, dueDate: today });
  await create({ title: `${tag} tomorrow`, dueDate: addDays(today, 1) });
  await create({ title: `${tag} done`, dueDate: today, status: "done" });

  const response = await user.invoke("/tasks?due=today");

  expect(response.status).toBe(200);
  expect(response.text).toContain(`${tag} today`);
  expect(response.text).not.toContain(`${tag} tomorrow`);
  expect(response.text).not.toContain(`${tag} done`);
});

test("bad view parameters are a 400 page with the message", async () => {
  for (const [query, message] of [
    ["sort=random", "Unknown sort order."],
    ["due=someday", "Unknown due-date view."],
    ["due=today&status=done", "Today and Upcoming only list tasks not done."],
    ["cursor=forged.cursor", "This page link is invalid or has expired."],
  ] as const) {
    const response = await user.invoke(`/tasks?${query}`);
    expect(response.status, query).toBe(400);
    expect(response.text, query).toContain(message);
  }
});

test("POST /tasks with an impossible due date is a 400 that keeps the input and stores nothing", async () => {
  const title = `bad-date-${Date.now()}`;

  const response = await user.invoke("/tasks", {
    form: taskFields({ title, dueDate: "2026-02-30", priority: "high" }),
  });
  const list = await user.invoke("/tasks");

  expect(response.status).toBe(400);
  expect(response.text).toContain("Enter a real date as YYYY-MM-DD.");
  expect(response.text).toContain('value="2026-02-30"');
  expect(list.text).not.toContain(`>${title}<`);
});

test("a one-click status change answers 303 back to the page it came from, filters and all", async () => {
  const title = `click-${Date.now()}`;
  const id = await create({ title });
  const returnTo = "/tasks?status=todo&sort=due";

  const response = await user.invoke(`/tasks/${id}`, {
    form: { intent: "status", status: "done", version: "1", returnTo },
  });
  const after = await user.invoke("/tasks?status=done");

  expect(response.status).toBe(303);
  // Back at the task's own row (without JavaScript the browser scrolls to it).
  expect(response.headers.location).toBe(`${returnTo}#task-${id}`);
  expect(after.text).toContain(`>${title}<`);
  const next = await user.invoke(returnTo, { cookies: response.cookies.map((cookie) => cookie.split(";")[0]!) });
  expect(next.text).toContain(`Moved “${title}” to Done.`);
});

test("a one-click priority change on a stale version is a 409 that shows the task as it is, and changes nothing", async () => {
  const title = `stale-${Date.now()}`;
  const id = await create({ title });
  expect(
    (await user.invoke(`/tasks/${id}`, { form: { intent: "status", status: "in_progress", version: "1" } })).status,
  ).toBe(303);

  const response = await user.invoke(`/tasks/${id}`, {
    form: { intent: "priority", priority: "urgent", version: "1", returnTo: "/board?sort=due" },
  });
  const task = await user.invoke(`/tasks/${id}`);

  expect(response.status).toBe(409);
  expect(response.text).toContain("This task was changed since your list was loaded");
  expect(response.text).toContain("status In progress, priority no priority");
  expect(response.text).toContain('href="/board?sort=due"');
  expect(task.text).toContain('data-priority="none"');
});

test("the row form with the values it showed: a change to another field elsewhere is no conflict, the same field's is a 409", async () => {
  const id = await create({ title: `merge-${Date.now()}` });
  // Another tab set the priority; this page still shows "To do, no priority" at version 1.
  expect(
    (await user.invoke(`/tasks/${id}`, { form: { intent: "priority", priority: "high", version: "1" } })).status,
  ).toBe(303);
  const shown = { "base.status": "todo", "base.priority": "none", version: "1", returnTo: "/tasks" };

  const done = await user.invoke(`/tasks/${id}`, { form: { intent: "quick", status: "done", ...shown } });
  const clash = await user.invoke(`/tasks/${id}`, { form: { intent: "quick", priority: "low", ...shown } });
  const task = await user.invoke(`/tasks/${id}`);

  expect(done.status).toBe(303);
  expect(clash.status).toBe(409);
  expect(clash.text).toContain("This task was changed since your list was loaded");
  expect(clash.text).toContain("status Done, priority high");
  // Its "anyway" form is based on the priority stored now.
  expect(clash.text).toContain('name="base.priority" value="high"');
  expect(task.text).toContain('data-status="done"');
  expect(task.text).toContain('data-priority="high"');
});

test("the lists' row form (intent=quick, the button names the field) changes that field, and a stale one offers to repeat that change", async () => {
  const id = await create({ title: `quick-${Date.now()}` });

  const done = await user.invoke(`/tasks/${id}`, {
    form: { intent: "quick", status: "done", version: "1", returnTo: "/tasks" },
  });
  const stale = await user.invoke(`/tasks/${id}`, {
    form: { intent: "quick", priority: "high", version: "1", returnTo: "/tasks" },
  });
  const task = await user.invoke(`/tasks/${id}`);

  expect(done.status).toBe(303);
  expect(stale.status).toBe(409);
  expect(stale.text).toContain("This task was changed since your list was loaded");
  // The retry is the priority change itself, at the version now stored.
  expect(stale.text).toContain('name="intent" value="priority"');
  expect(stale.text).toContain('name="priority" value="high"');
  expect(stale.text).toContain('name="version" value="2"');
  expect(task.text).toContain('data-status="done"');
  expect(task.text).toContain('data-priority="none"');
});

test("one-click changes to a missing or foreign task are 404; a bad value is 400; and nothing changes", async () => {
  const title = `mine-${Date.now()}`;
  const id = await create({ title });
  const stranger = await newUser();

  const foreign = await stranger.invoke(`/tasks/${id}`, { form: { intent: "status", status: "done", version: "1" } });
  const missing = await user.invoke("/tasks/01JAAAAAAAAAAAAAAAAAAAAAAA", {
    form: { intent: "priority", priority: "high", version: "1" },
  });
  const bad = await user.invoke(`/tasks/${id}`, { form: { intent: "status", status: "archived", version: "1" } });
  const task = await user.invoke(`/tasks/${id}`);

  expect(foreign.status).toBe(404);
  expect(missing.status).toBe(404);
  expect(bad.status).toBe(400);
  expect(bad.text).toContain("Choose a valid status.");
  expect(task.text).toContain('data-status="todo"');
});

test("returnTo can only lead back to our own list or board", async () => {
  const id = await create({ title: `redirect-${Date.now()}` });
  let version = 1;
  for (const returnTo of [
    "https://evil.example/tasks",
    "//evil.example/tasks",
    "/tasksevil",
    "/login",
    "/\\evil.example",
  ]) {
    const status = version % 2 === 1 ? "in_progress" : "todo";
    const response = await user.invoke(`/tasks/${id}`, {
      form: { intent: "status", status, version: String(version), returnTo },
    });
    expect(response.status, returnTo).toBe(303);
    expect(response.headers.location, returnTo).toBe(`/tasks#task-${id}`);
    version += 1;
  }
});

test("GET /board shows three columns with Move to buttons, and a forged column cursor is a 400", async () => {
  const title = `board-${Date.now()}`;
  await create({ title, status: "in_progress" });

  const board = await user.invoke("/board?sort=priority");
  const forged = await user.invoke("/board?cursor_done=abc.def");

  expect(board.status).toBe(200);
  for (const heading of ["To do", "In progress", "Done"]) expect(board.text).toContain(`>${heading}`);
  expect(board.text).toContain(`Move “${title}” to To do`);
  expect(board.text).toContain(`Move “${title}” to Done`);
  expect(board.text).not.toContain(`Move “${title}” to In progress`);
  expect(forged.status).toBe(400);
});
