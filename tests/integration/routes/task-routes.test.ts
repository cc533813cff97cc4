import { inboxAccess } from "#src/lists/list-access.ts";
import { expect, test } from "vitest";
import { consumeFlash } from "#app/.server/flash.ts";
import { toFlashView } from "#app/.server/flash-text.ts";
import { commitSessionCookie } from "#app/.server/session.ts";
import * as taskPage from "#app/routes/tasks_.$taskId.tsx";
import * as tasksRoute from "#app/routes/tasks.tsx";
import * as boardRoute from "#app/routes/board.tsx";
import * as bulkRoute from "#app/routes/tasks_.bulk.ts";
import { updateAccountSettings } from "#src/accounts/settings-service.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { addDays, formatCalendarDate, todayIn } from "#src/tasks/task-dates.ts";
import { getTask, listTasks, listScope } from "#src/tasks/task-service.ts";
import { decodeJwt } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { seedTask } from "#tests/support/users.ts";

// Route modules called directly with a real Request, against the local stack but not the
// build: a loader or action change is tested without `npm run build`. The built handler's own
// tests (tests/integration/*-http.test.ts and the rest) cover what the Lambda adds around them.

const ORIGIN = "https://tasks.example.test";

/** A confirmed account with an open session, and the Cookie header a browser would send. */
/** A user signed in with a fresh session; `timeZone` is set on the account first, so the session carries it. */
async function signedInUser(timeZone?: string) {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const sub = String(decodeJwt((await tokensFor(email, TEST_PASSWORD)).accessToken).payload.sub);
  if (timeZone) await updateAccountSettings(sub, { timeZone });
  const { sessionId } = await signIn({ email, password: TEST_PASSWORD });
  const cookie = (await commitSessionCookie(sessionId)).split(";", 1)[0] ?? "";
  return { sub, cookie };
}

function get(path: string, cookie?: string): Request {
  return new Request(new URL(path, ORIGIN), { headers: cookie ? { cookie } : {} });
}

function post(path: string, form: Record<string, string>, cookie?: string): Request {
  return new Request(new URL(path, ORIGIN), {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  });
}

/** What a loader or action threw (Remix turns a thrown Response into the answer). */
async function thrown(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the route to throw a Response");
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

test("GET /tasks signed out: the loader sends the browser to sign in, and back here afterwards", async () => {
  const response = await thrown(() => tasksRoute.loader(args(get("/tasks?status=done"))));

  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/login?redirectTo=%2Ftasks%3Fstatus%3Ddone");
});

test("GET /tasks?status=done: the loader lists the user's done tasks and not the others", async () => {
  const user = await signedInUser();
  const done = await seedTask(user, { title: "Filed the report", status: "done" });
  await seedTask(user, { title: "Still to do" });

  const page = await tasksRoute.loader(args(get("/tasks?status=done", user.cookie)));

  expect("tasks" in page && page.tasks.map((task) => task.id)).toEqual([done.id]);
  expect("view" in page && page.view.status).toBe("done");
});

test("GET /tasks, /tasks?due=upcoming and /board: the rows' due dates and Upcoming's day headings come worded from the loader", async () => {
  const user = await signedInUser();
  const today = todayIn("UTC");
  const overdue = await seedTask(user, { title: "Late", dueDate: addDays(today, -2) });
  const soon = await seedTask(user, { title: "Soon", dueDate: addDays(today, 3) });
  const undated = await seedTask(user, { title: "Whenever" });
  const lateDate = formatCalendarDate(addDays(today, -2), today);

  const page = await tasksRoute.loader(args(get("/tasks", user.cookie)));
  if (!("dues" in page)) throw new Error("expected the list's data");
  // Overdue while open; ticked done (shown at once, before the server answers) just a date.
  expect(page.dues[overdue.id]).toEqual({
    state: "overdue",
    text: `Overdue · ${lateDate}`,
    done: { state: "later", text: lateDate },
  });
  expect(page.dues[soon.id]).toEqual({ state: "soon", text: formatCalendarDate(addDays(today, 3), today) });
  expect(page.dues[undated.id]).toBeUndefined();
  expect(page.days).toEqual({});

  const upcoming = await tasksRoute.loader(args(get("/tasks?due=upcoming", user.cookie)));
  expect("days" in upcoming && upcoming.days).toEqual({
    [addDays(today, 3)]: formatCalendarDate(addDays(today, 3), today),
  });

  const board = await boardRoute.loader(args(get("/board", user.cookie)));
  expect("dues" in board && board.dues[overdue.id]?.text).toBe(`Overdue · ${lateDate}`);
  expect("dues" in board && Object.keys(board.dues).sort()).toEqual([overdue.id, soon.id].sort());
});

test("POST /tasks: the action creates the task and answers 303 back to the list with a flash", async () => {
  const user = await signedInUser();

  const response = await tasksRoute.action(args(post("/tasks", { title: "Water the plants" }, user.cookie)));

  expect(response).toBeInstanceOf(Response);
  const answer = response as Response;
  expect(answer.status).toBe(303);
  expect(answer.headers.get("location")).toBe("/tasks");
  expect(answer.headers.get("set-cookie")).toMatch(/^flash=/);
  const { tasks } = await listTasks(listScope(inboxAccess(user.sub)), {});
  expect(tasks.map((task) => task.title)).toEqual(["Water the plants"]);
});

test("POST /tasks understands the title in the user's zone: the date and priority are set, the flash says so", async () => {
  // 14 hours ahead of UTC: its tomorrow is often UTC's day after tomorrow. The session caches
  // the account's settings at sign-in, so the zone is set before it (a session's own settings
  // change goes through saveAccountSettings, which updates every session).
  const zone = "Pacific/Kiritimati";
  const user = await signedInUser(zone);

  const response = (await tasksRoute.action(
    args(post("/tasks", { title: "Buy milk tomorrow p1", priority: "low" }, user.cookie)),
  )) as Response;

  expect(response.status).toBe(303);
  const { tasks } = await listTasks(listScope(inboxAccess(user.sub)), {});
  expect(tasks).toMatchObject([{ title: "Buy milk", dueDate: addDays(todayIn(zone), 1), priority: "urgent" }]);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";", 1)[0] ?? "";
  const { flash } = await consumeFlash(get("/tasks", cookie));
  expect(flash && toFlashView(flash).text).toBe("Added “Buy milk” · Tomorrow · Urgent.");
});

test("POST /tasks keeps quoted and dismissed words as text, and a refused text comes back as typed", async () => {
  const user = await signedInUser();

  await tasksRoute.action(args(post("/tasks", { title: 'Read "next week" magazine sat', keep: "26" }, user.cookie)));
  const refused = await tasksRoute.action(args(post("/tasks", { title: `${"x".repeat(201)} tomorrow` }, user.cookie)));

  const { tasks } = await listTasks(listScope(inboxAccess(user.sub)), {});
  expect(tasks).toMatchObject([{ title: 'Read "next week" magazine sat', dueDate: null }]);
  const { data, init } = refused as unknown as { data: { values: { title: string } }; init: ResponseInit };
  expect(init.status).toBe(400);
  expect(data.values.title).toBe(`${"x".repeat(201)} tomorrow`);
});

test("POST /tasks with a time and a repeat, then ticking it on the list: it moves to its next date with an Undo", async () => {
  const user = await signedInUser("Europe/Berlin");
  const today = todayIn("Europe/Berlin");

  await tasksRoute.action(args(post("/tasks", { title: "Stretch tomorrow at 9am every day" }, user.cookie)));
  const [task] = (await listTasks(listScope(inboxAccess(user.sub)), {})).tasks;
  expect(task).toMatchObject({ title: "Stretch", dueDate: addDays(today, 1), dueTime: "09:00" });

  const ticked = (await taskPage.action(
    args(
      post(`/tasks/${task!.id}`, { intent: "quick", status: "done", version: "1", returnTo: "/tasks" }, user.cookie),
      { taskId: task!.id },
    ),
  )) as Response;

  expect(ticked.status).toBe(303);
  expect(await getTask(inboxAccess(user.sub), task!.id)).toMatchObject({ status: "todo", dueDate: addDays(today, 2) });
  const cookie = (ticked.headers.get("set-cookie") ?? "").split(";", 1)[0] ?? "";
  const { flash } = await consumeFlash(get("/tasks", cookie));
  expect(flash && toFlashView(flash)).toMatchObject({
    kind: "repeated",
    text: `Completed “Stretch”; it repeats, next on ${formatCalendarDate(addDays(today, 2), today)}.`,
    undo: expect.any(String),
  });

  // With JavaScript (respond=data) the row's answer says it repeated, and to when in words, for
  // the page to announce (the browser carries no calendar wording).
  const again = await taskPage.action(
    args(
      post(
        `/tasks/${task!.id}`,
        { intent: "quick", status: "done", version: "2", returnTo: "/tasks", respond: "data" },
        user.cookie,
      ),
      { taskId: task!.id },
    ),
  );
  const { data: answer } = again as unknown as { data: { ok: boolean; repeated?: string; task: { dueDate: string } } };
  const next = addDays(today, 3);
  expect(answer).toMatchObject({ ok: true, repeated: formatCalendarDate(next, next), task: { dueDate: next } });
  expect(answer.repeated).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}$/);
});

test("POST /tasks with no title: 400 with the field's message and the input kept; nothing is created", async () => {
  const user = await signedInUser();

  const result = await tasksRoute.action(args(post("/tasks", { title: "  ", description: "Kept words" }, user.cookie)));

  expect(result).not.toBeInstanceOf(Response);
  const { data, init } = result as unknown as { data: Record<string, unknown>; init: ResponseInit };
  expect(init.status).toBe(400);
  expect(data).toMatchObject({ ok: false, values: { description: "Kept words" } });
  expect(JSON.stringify(data)).toMatch(/title/i);
  expect((await listTasks(listScope(inboxAccess(user.sub)), {})).tasks).toEqual([]);
});

test("POST /tasks/:id with a version another tab moved on: 409 with the other change; the task keeps it", async () => {
  const user = await signedInUser();
  const task = await seedTask(user, { title: "Before" });
  const edit = (title: string) => ({
    intent: "update",
    title,
    description: "",
    status: "todo",
    dueDate: "",
    priority: "none",
    version: String(task.version),
  });
  await taskPage.action(args(post(`/tasks/${task.id}`, edit("First tab"), user.cookie), { taskId: task.id }));

  const result = await taskPage.action(
    args(post(`/tasks/${task.id}`, edit("Second tab"), user.cookie), { taskId: task.id }),
  );

  const { data, init } = result as unknown as { data: Record<string, unknown>; init: ResponseInit };
  expect(init.status).toBe(409);
  expect(data).toMatchObject({ ok: false, current: { title: "First tab" } });
  expect((await getTask(inboxAccess(user.sub), task.id)).title).toBe("First tab");
});

test("GET /tasks/bulk: nothing to show, the loader sends the browser to the list", async () => {
  const response = bulkRoute.loader();

  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/tasks");
});

test("GET /tasks and a refused POST /tasks: quick add's More options come as HTML, closed with the form's defaults, open with what was typed and why", async () => {
  const user = await signedInUser();
  const today = todayIn("UTC");

  const page = await tasksRoute.loader(args(get("/tasks", user.cookie)));
  if (!("moreOptions" in page)) throw new Error("expected the list's data");
  expect(page.moreOptions).toMatch(/^<details class="group">/);
  expect(page.moreOptions).toContain('<textarea id="new-description" name="description" rows="3"');
  expect(page.moreOptions).not.toContain("\u0000");
  // On Today the date starts as today's, and the options stay closed for it.
  const onToday = await tasksRoute.loader(args(get("/tasks?due=today", user.cookie)));
  expect("moreOptions" in onToday && onToday.moreOptions).toMatch(/^<details class="group">/);
  expect("moreOptions" in onToday && onToday.moreOptions).toContain(`value="${today}"`);

  const refused = await tasksRoute.action(
    args(
      post(
        "/tasks",
        { title: "Stretch", description: "Ten <minutes>", dueTime: "09:00", returnTo: "/tasks?due=today" },
        user.cookie,
      ),
    ),
  );
  const { data: answer, init } = refused as unknown as {
    data: { moreOptions: string; fieldErrors: Record<string, string[]> };
    init: ResponseInit;
  };
  expect(init.status).toBe(400);
  expect(answer.fieldErrors.dueTime).toEqual(["Give the task a due date for its time."]);
  expect(answer.moreOptions).toMatch(/^<details open="" class="group">/);
  expect(answer.moreOptions).toContain("Give the task a due date for its time.");
  expect(answer.moreOptions).toMatch(/id="new-dueTime"[^>]*aria-invalid="true"/);
  // What was typed, escaped.
  expect(answer.moreOptions).toContain(">Ten &lt;minutes&gt;</textarea>");
  expect(answer.moreOptions).toContain('value="09:00"');
});
