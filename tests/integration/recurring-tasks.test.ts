import { inboxAccess } from "#src/lists/list-access.ts";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { expect, test } from "vitest";
import { toTaskResource } from "#src/api/task-resource.ts";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ValidationError } from "#src/errors.ts";
import { createTaskFromApi, patchTask } from "#src/tasks/task-api-service.ts";
import { applyBulk } from "#src/tasks/task-bulk-service.ts";
import { addDays, todayIn } from "#src/tasks/task-dates.ts";
import { exportTasks } from "#src/tasks/task-export-service.ts";
import { parseImportFile } from "#src/tasks/task-import.ts";
import { getTask as getStoredTask } from "#src/tasks/task-repository.ts";
import {
  createTask,
  getTask,
  listTasks,
  setTaskStatusWithUndo,
  updateTask,
  listScope,
} from "#src/tasks/task-service.ts";
import { undoChange } from "#src/tasks/task-undo-service.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId } from "#tests/support/factories.ts";

// Due times and recurring tasks (issue 24) against the local DynamoDB: stored, sorted, completed
// to their next date, undone, edited, exported and imported, and tasks from before all of it.

const ZONE = "Europe/Berlin";
const clock = { timeZone: ZONE };
const today = () => todayIn(ZONE);
const titles = (tasks: { title: string }[]) => tasks.map((task) => task.title);

test("a task stored before times and repeats (as today's repository writes it) reads back exactly as it did", async () => {
  const owner = newOwnerId();
  const id = "01KCQ0000000000000000000AB";
  // The item exactly as the repository wrote it before this change: toItem of a dated task.
  const item = {
    owner,
    id,
    title: "Renew passport",
    description: "Photo first",
    status: "todo",
    dueDate: today(),
    priority: "high",
    createdAt: "2026-11-01T10:00:00.000Z",
    updatedAt: "2026-11-02T10:00:00.000Z",
    version: 4,
    ownerStatus: `${owner}#todo`,
    dueSort: `${today()}#${id}`,
    prioritySort: `1#${today()}#${id}`,
    searchText: " renew passport photo first",
  };
  await (await getDocumentClient()).send(new PutCommand({ TableName: getTableNames().tasks, Item: item }));

  const read = await getStoredTask(owner, id);

  // Not a field more: no dueTime, recurrence or completions appear on an old task.
  expect(read).toEqual({
    id,
    listId: owner,
    title: "Renew passport",
    description: "Photo first",
    status: "todo",
    dueDate: today(),
    priority: "high",
    createdAt: "2026-11-01T10:00:00.000Z",
    updatedAt: "2026-11-02T10:00:00.000Z",
    version: 4,
  });
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { due: "today" }, clock)).tasks)).toEqual([
    "Renew passport",
  ]);
  expect(toTaskResource(read!)).toMatchObject({ dueTime: null, recurrence: null, recurrenceText: null });
  // A one-click change of an old task keeps it without a time or repeat.
  const edited = await updateTask(inboxAccess(owner), id, {
    title: "Renew passport",
    description: "Photo first",
    status: "in_progress",
    dueDate: today(),
    priority: "high",
    version: "4",
  });
  expect(edited).not.toHaveProperty("dueTime");
  expect(edited).not.toHaveProperty("recurrence");
});

test("Today lists a day's timed tasks by time, then the rest; an overdue task first", async () => {
  const owner = newOwnerId();
  const add = (title: string, dueDate: string, dueTime = "") =>
    createTask(inboxAccess(owner), { title, dueDate, dueTime }, undefined, clock);
  await add("Untimed", today());
  await add("Evening call", today(), "17:30");
  await add("Morning run", today(), "07:15");
  await add("Yesterday's", addDays(today(), -1), "23:00");
  await add("Tomorrow at nine", addDays(today(), 1), "09:00");

  const page = await listTasks(listScope(inboxAccess(owner)), { due: "today" }, clock);
  const upcoming = await listTasks(listScope(inboxAccess(owner)), { due: "upcoming" }, clock);

  expect(titles(page.tasks)).toEqual(["Yesterday's", "Morning run", "Evening call", "Untimed"]);
  expect(page.tasks[1]).toMatchObject({ dueTime: "07:15" });
  expect(titles(upcoming.tasks)).toEqual(["Tomorrow at nine"]);
  expect(titles((await listTasks(listScope(inboxAccess(owner)), { sort: "due" }, clock)).tasks).slice(0, 2)).toEqual([
    "Yesterday's",
    "Morning run",
  ]);
});

test("a time needs a date, a repeat must be one we can read; nothing is stored", async () => {
  const owner = newOwnerId();

  await expect(
    createTask(inboxAccess(owner), { title: "At nine", dueTime: "09:00" }, undefined, clock),
  ).rejects.toMatchObject({
    fieldErrors: { dueTime: ["Give the task a due date for its time."] },
  });
  const refused = createTask(inboxAccess(owner), { title: "Sometimes", repeat: "now and then" }, undefined, clock);
  await expect(refused).rejects.toBeInstanceOf(ValidationError);
  await expect(refused).rejects.toMatchObject({ fieldErrors: { repeat: [expect.stringContaining("every Monday")] } });
  expect((await listTasks(listScope(inboxAccess(owner)), {})).tasks).toEqual([]);
});

test("completing a recurring task moves it to its next date and counts it; Undo puts the date back", async () => {
  const owner = newOwnerId();
  const monday = "2026-12-07";
  const task = await createTask(
    inboxAccess(owner),
    { title: "Stand-up", dueDate: monday, dueTime: "09:00", repeat: "every weekday" },
    undefined,
    clock,
  );
  expect(task).toMatchObject({
    dueTime: "09:00",
    recurrence: { rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", timeZone: ZONE },
  });

  const { task: moved, repeated } = await setTaskStatusWithUndo(inboxAccess(owner), task.id, {
    status: "done",
    version: "1",
  });

  expect(moved).toMatchObject({ status: "todo", dueDate: "2026-12-08", dueTime: "09:00", version: 2 });
  expect(moved.completions?.count).toBe(1);
  expect(toTaskResource(moved)).toMatchObject({
    recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    recurrenceText: "every weekday",
    completedCount: 1,
  });
  expect(repeated?.undoToken).toEqual(expect.any(String));

  const undone = await undoChange(owner, repeated?.undoToken);

  expect(undone.restored).toHaveLength(1);
  const back = await getTask(inboxAccess(owner), task.id);
  expect(back).toMatchObject({ status: "todo", dueDate: monday, dueTime: "09:00", version: 3 });
  expect(back.completions).toBeUndefined();
});

test("the edit form sets, keeps and clears a repeat; marking it done there moves it on too", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), { title: "Water plants", dueDate: "2026-12-10" }, undefined, clock);
  const form = (version: number, fields: Record<string, string>) => ({
    title: "Water plants",
    description: "",
    status: "todo",
    dueDate: "2026-12-10",
    dueTime: "",
    repeat: "",
    priority: "none",
    version: String(version),
    ...fields,
  });

  const set = await updateTask(
    inboxAccess(owner),
    task.id,
    form(1, { repeat: "Every 2 weeks", dueTime: "18:00" }),
    clock,
  );
  expect(set).toMatchObject({ dueTime: "18:00", recurrence: { rule: "FREQ=WEEKLY;INTERVAL=2", timeZone: ZONE } });

  // A form from before times and repeats (no such fields) leaves them as they are.
  const { dueTime: _time, repeat: _repeat, ...legacyForm } = form(2, { title: "Water the plants" });
  const kept = await updateTask(inboxAccess(owner), task.id, legacyForm, clock);
  expect(kept).toMatchObject({ title: "Water the plants", dueTime: "18:00", recurrence: set.recurrence });

  // The repeat as the form shows it ("every 2 weeks") saves as the same rule.
  const done = await updateTask(
    inboxAccess(owner),
    task.id,
    form(3, { title: "Water the plants", status: "done", dueTime: "18:00", repeat: "every 2 weeks" }),
    clock,
  );
  expect(done).toMatchObject({ status: "todo", dueDate: "2026-12-24", dueTime: "18:00", completions: { count: 1 } });

  const cleared = await updateTask(inboxAccess(owner), task.id, form(4, { title: "Water the plants" }), clock);
  expect(cleared).not.toHaveProperty("recurrence");
  expect(cleared).not.toHaveProperty("dueTime");
  expect(cleared.dueDate).toBe("2026-12-10");
});

test("an edit that touches no time, repeat or completion writes at once, as before (no read first)", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), { title: "Plain" }, undefined, clock);
  const form = {
    title: "Plainer",
    description: "",
    status: "todo",
    dueDate: "",
    dueTime: "",
    repeat: "",
    priority: "none",
  };

  const calls = await recordCallsDuring(() =>
    updateTask(inboxAccess(owner), task.id, { ...form, version: "1" }, clock),
  );

  // No read first (live updates' own notice may Query its sockets after the write).
  expect(calls.calls).not.toContain("GetItemCommand");
  expect(calls.calls.filter((call) => call === "UpdateItemCommand")).toHaveLength(1);
});

test("the JSON API: recurrence as an RRULE on the caller's zone, and PATCH to done answers with the next date", async () => {
  const owner = newOwnerId();
  const { task } = await createTaskFromApi(
    owner,
    { title: "Pay rent", recurrence: "RRULE:FREQ=MONTHLY;BYMONTHDAY=1", dueTime: "08:00" },
    undefined,
    clock,
  );
  // No date given: the first 1st of a month from today.
  const firstOfMonth = (() => {
    const [year, month, day] = today().split("-").map(Number) as [number, number, number];
    if (day === 1) return today();
    const next = new Date(Date.UTC(year, month, 1));
    return next.toISOString().slice(0, 10);
  })();
  expect(toTaskResource(task)).toMatchObject({
    dueDate: firstOfMonth,
    dueTime: "08:00",
    recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
    recurrenceTimeZone: ZONE,
    recurrenceText: "every month on the 1st",
    completedCount: 0,
    lastCompletedAt: null,
  });

  const patched = await patchTask(inboxAccess(owner), task.id, { status: "done" }, 1, clock);

  expect(toTaskResource(patched)).toMatchObject({ status: "todo", completedCount: 1 });
  expect(patched.dueDate).toMatch(/-01$/);
  expect(patched.dueDate! > firstOfMonth).toBe(true);
  await expect(
    createTaskFromApi(owner, { title: "Bad", recurrence: "FREQ=SOMETIMES" }, undefined, clock),
  ).rejects.toBeInstanceOf(ValidationError);
  const stopped = await patchTask(inboxAccess(owner), task.id, { recurrence: null }, 2, clock);
  expect(toTaskResource(stopped)).toMatchObject({ recurrence: null, dueTime: "08:00" });
});

test("our export and import round-trip a time and a repeat (JSON and CSV); Todoist's 'every …' dates become repeats", async () => {
  const owner = newOwnerId();
  await createTask(
    inboxAccess(owner),
    { title: "Gym", dueDate: "2026-12-07", dueTime: "18:00", repeat: "every mon, wed and fri" },
    undefined,
    { timeZone: "America/New_York" },
  );
  await createTask(inboxAccess(owner), { title: "Plain" }, undefined, clock);
  const importer = { timeZone: ZONE, now: new Date("2026-12-09T12:00:00Z") };

  for (const format of ["json", "csv"] as const) {
    const file = await exportTasks([owner], format);
    const parsed = parseImportFile(new TextEncoder().encode(file.body), importer);
    expect(parsed.refused).toEqual([]);
    const gym = parsed.tasks.find((task) => task.title === "Gym");
    expect(gym, format).toMatchObject({
      dueDate: "2026-12-07",
      dueTime: "18:00",
      // The zone the repeat was set on travels with it.
      recurrence: { rule: "FREQ=WEEKLY;BYDAY=MO,WE,FR", timeZone: "America/New_York" },
    });
    expect(
      parsed.tasks.find((task) => task.title === "Plain"),
      format,
    ).toMatchObject({
      dueTime: null,
      recurrence: null,
    });
  }

  const todoist = [
    "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE",
    "task,Take out the bins,,4,1,,,every tuesday,en,",
    "task,Pay rent,,1,1,,,every month on the 1st,en,",
    "task,Dentist,,4,1,,,2026-12-20,en,",
  ].join("\n");
  const fromTodoist = parseImportFile(new TextEncoder().encode(todoist), importer);
  expect(fromTodoist.notes).toEqual([]);
  expect(fromTodoist.tasks).toMatchObject([
    { title: "Take out the bins", dueDate: "2026-12-15", recurrence: { rule: "FREQ=WEEKLY;BYDAY=TU", timeZone: ZONE } },
    { title: "Pay rent", dueDate: "2027-01-01", priority: "urgent", recurrence: { rule: "FREQ=MONTHLY;BYMONTHDAY=1" } },
    { title: "Dentist", dueDate: "2026-12-20", recurrence: null },
  ]);
});

test("a bulk change moves a recurring task's date and keeps its repeat; clearing the date ends the repeat", async () => {
  const owner = newOwnerId();
  const task = await createTask(
    inboxAccess(owner),
    { title: "Bins", dueDate: "2026-12-08", dueTime: "07:00", repeat: "every tuesday" },
    undefined,
    clock,
  );

  await applyBulk(owner, { action: "due", ids: [task.id], dueDate: "2026-12-15" });
  expect(await getTask(inboxAccess(owner), task.id)).toMatchObject({
    dueDate: "2026-12-15",
    dueTime: "07:00",
    recurrence: { rule: "FREQ=WEEKLY;BYDAY=TU" },
  });

  await applyBulk(owner, { action: "due", ids: [task.id], dueDate: "" });
  const cleared = await getTask(inboxAccess(owner), task.id);
  expect(cleared.dueDate).toBeNull();
  expect(cleared).not.toHaveProperty("dueTime");
  expect(cleared).not.toHaveProperty("recurrence");

  // Done in bulk, a recurring task moves on like a one-click done.
  const daily = await createTask(
    inboxAccess(owner),
    { title: "Stretch", dueDate: "2026-12-08", repeat: "every day" },
    undefined,
    clock,
  );
  await applyBulk(owner, { action: "status", ids: [daily.id], status: "done" });
  expect(await getTask(inboxAccess(owner), daily.id)).toMatchObject({ status: "todo", dueDate: "2026-12-09" });
});
