import { expect, test } from "vitest";
import { dueWords, dueWordsOf } from "#src/tasks/due-words.ts";
import type { Task } from "#src/tasks/task-constants.ts";

// The rows' due dates are worded on the server (the browser carries no calendar wording): the
// words for a task not done, and, where ticking it changes them, the words once done.

const today = "2026-12-03";

test("a task without a due date has no words", () => {
  expect(dueWords({ dueDate: null }, today, null)).toBeUndefined();
});

test("a date ahead reads the same done or not", () => {
  expect(dueWords({ dueDate: "2026-12-04" }, today, null)).toEqual({ state: "tomorrow", text: "Tomorrow" });
  expect(dueWords({ dueDate: "2026-12-08" }, today, null)).toEqual({ state: "soon", text: "Tue 8 Dec" });
  expect(dueWords({ dueDate: "2027-01-05" }, today, null)).toEqual({ state: "later", text: "Tue 5 Jan 2027" });
});

test("an overdue date says so, and once ticked done it is just a date", () => {
  expect(dueWords({ dueDate: "2026-11-30" }, today, null)).toEqual({
    state: "overdue",
    text: "Overdue · Mon 30 Nov",
    done: { state: "later", text: "Mon 30 Nov" },
  });
});

test("due today at a time already past is overdue by the clock, and plain Today once done", () => {
  expect(dueWords({ dueDate: today, dueTime: "09:00" }, today, "10:30")).toEqual({
    state: "overdue",
    text: "Overdue · Today",
    done: { state: "today", text: "Today" },
  });
  expect(dueWords({ dueDate: today, dueTime: "17:00" }, today, "10:30")).toEqual({ state: "today", text: "Today" });
  // Without the time now (a page for another day), the time does not make it overdue.
  expect(dueWords({ dueDate: today, dueTime: "09:00" }, today, null)).toEqual({ state: "today", text: "Today" });
});

test("a repeat is worded as the form takes it, and an unusual rule shows as itself", () => {
  const weekly = { dueDate: "2026-12-07", recurrence: { rule: "FREQ=WEEKLY;BYDAY=MO" } } as Pick<
    Task,
    "dueDate" | "recurrence"
  >;
  expect(dueWords(weekly, today, null)).toMatchObject({ text: "Mon 7 Dec", repeat: "every Monday" });
  const odd = { dueDate: "2026-12-07", recurrence: { rule: "FREQ=WEEKLY;BYSETPOS=1" } } as Pick<
    Task,
    "dueDate" | "recurrence"
  >;
  expect(dueWords(odd, today, null)?.repeat).toBe("FREQ=WEEKLY;BYSETPOS=1");
});

test("a page's words are by task id, for dated tasks only", () => {
  const tasks = [
    { id: "a", dueDate: "2026-12-04" },
    { id: "b", dueDate: null },
  ] as Task[];
  expect(dueWordsOf(tasks, today, null)).toEqual({ a: { state: "tomorrow", text: "Tomorrow" } });
});
