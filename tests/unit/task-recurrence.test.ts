import { expect, test } from "vitest";
import { describeRecurrence, isRecurrenceRule, nextOccurrence, parseRepeat } from "#src/tasks/quick-add.ts";
import { recurrenceWords } from "#src/tasks/recurrence-text.ts";
import { completedOccurrence, dueInstant } from "#src/tasks/task-recurrence.ts";
import type { Task } from "#src/tasks/task.ts";

function recurring(rule: string, dueDate: string, dueTime: string | null, timeZone = "Europe/Berlin"): Task {
  return {
    id: "01KCPZ0000000000000000000A",
    listId: "owner",
    title: "Stand-up",
    description: "",
    status: "todo",
    dueDate,
    dueTime,
    recurrence: { rule, timeZone },
    priority: "none",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 3,
  };
}

/** The wall clock in `timeZone` at `instant`, as "YYYY-MM-DD HH:MM". */
function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" }).format(instant);
}

test("'every day at 9am' in Berlin stays at 9:00 across the change to summer time and back", () => {
  const now = new Date("2027-03-27T10:00:00Z");
  // Saturday 27 March 2027: the clocks go forward in the night to Sunday the 28th.
  const spring = completedOccurrence(recurring("FREQ=DAILY", "2027-03-27", "09:00"), now);
  expect(spring).toMatchObject({ dueDate: "2027-03-28", dueTime: "09:00", status: "todo" });
  const before = dueInstant("2027-03-27", "09:00", "Europe/Berlin");
  const after = dueInstant(spring?.dueDate ?? "", spring?.dueTime ?? "", "Europe/Berlin");
  expect(before.toISOString()).toBe("2027-03-27T08:00:00.000Z");
  expect(after.toISOString()).toBe("2027-03-28T07:00:00.000Z");
  expect(wallClock(after, "Europe/Berlin")).toBe("2027-03-28 09:00");

  // Saturday 30 October 2027: back to winter time in the night to the 31st.
  const autumn = completedOccurrence(recurring("FREQ=DAILY", "2027-10-30", "09:00"), now);
  expect(autumn).toMatchObject({ dueDate: "2027-10-31", dueTime: "09:00" });
  const winter = dueInstant("2027-10-31", "09:00", "Europe/Berlin");
  expect(winter.toISOString()).toBe("2027-10-31T08:00:00.000Z");
  expect(wallClock(winter, "Europe/Berlin")).toBe("2027-10-31 09:00");
});

test("completing moves the task to the next date after its due date and counts the completion", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  const weekly = recurring("FREQ=WEEKLY;BYDAY=MO", "2026-12-07", null);
  const first = completedOccurrence(weekly, now);
  expect(first).toMatchObject({
    dueDate: "2026-12-14",
    status: "todo",
    completions: { count: 1, lastAt: "2026-12-07T10:00:00.000Z" },
  });
  const second = completedOccurrence({ ...weekly, dueDate: "2026-12-14", completions: { count: 1, lastAt: "x" } }, now);
  expect(second?.completions?.count).toBe(2);
  // Overdue by weeks: the next date after its due date, as Todoist does for "every".
  expect(completedOccurrence({ ...weekly, dueDate: "2026-11-02" }, now)?.dueDate).toBe("2026-11-09");
  expect(completedOccurrence(recurring("FREQ=MONTHLY;BYMONTHDAY=31", "2027-01-31", null), now)?.dueDate).toBe(
    "2027-03-31",
  );
  expect(completedOccurrence(recurring("FREQ=WEEKLY;INTERVAL=2", "2026-12-07", null), now)?.dueDate).toBe("2026-12-21");
  // A repeat that has ended: simply done.
  expect(completedOccurrence(recurring("FREQ=DAILY;COUNT=1", "2026-12-07", null), now)).toBeNull();
  expect(completedOccurrence({ ...weekly, recurrence: null }, now)).toBeNull();
});

test("a repeat field's text is read whole, or not at all", () => {
  expect(parseRepeat("every Monday")).toBe("FREQ=WEEKLY;BYDAY=MO");
  expect(parseRepeat(" every 2 weeks ")).toBe("FREQ=WEEKLY;INTERVAL=2");
  expect(parseRepeat("every month on the 1st")).toBe("FREQ=MONTHLY;BYMONTHDAY=1");
  expect(parseRepeat("every weekday")).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
  expect(parseRepeat("every monday buy milk")).toBeNull();
  expect(parseRepeat("mondays")).toBeNull();
  expect(parseRepeat("")).toBeNull();
});

test("the rows' wording of a repeat reads it back as the same rule", () => {
  for (const rule of [
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;BYDAY=SA,SU",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=1",
    "FREQ=MONTHLY;BYMONTHDAY=22",
    "FREQ=YEARLY",
  ]) {
    const words = recurrenceWords(rule);
    expect(words, rule).not.toBeNull();
    expect(parseRepeat(words ?? ""), `${rule} → ${words}`).toBe(rule);
    expect(describeRecurrence(rule)).toBe(words);
  }
  expect(recurrenceWords("FREQ=MONTHLY;BYMONTHDAY=22")).toBe("every month on the 22nd");
  // Rules we do not write are worded by rrule.
  expect(recurrenceWords("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")).toBeNull();
  expect(describeRecurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")).toBe("every 2 weeks on Tuesday");
});

test("only rules rrule can read are rules", () => {
  expect(isRecurrenceRule("FREQ=WEEKLY;BYDAY=MO")).toBe(true);
  expect(isRecurrenceRule("FREQ=SOMETIMES")).toBe(false);
  expect(isRecurrenceRule("every monday")).toBe(false);
  expect(isRecurrenceRule("FREQ=DAILY;BYDAY=XX")).toBe(false);
  expect(nextOccurrence("FREQ=WEEKLY;BYDAY=MO", "2026-12-07", true)).toBe("2026-12-07");
  expect(nextOccurrence("FREQ=WEEKLY;BYDAY=MO", "2026-12-07")).toBe("2026-12-14");
});

test("the OpenAPI document describes a task's time and repeat, and what a create or PATCH may send", async () => {
  const { openApiDocument } = await import("#src/api/openapi.ts");
  const schemas = (openApiDocument() as { components: { schemas: Record<string, { properties: object }> } }).components
    .schemas;

  expect(Object.keys(schemas.Task?.properties ?? {})).toEqual(
    expect.arrayContaining(["dueTime", "recurrence", "recurrenceText", "completedCount", "lastCompletedAt"]),
  );
  expect(Object.keys(schemas.TaskCreate?.properties ?? {})).toEqual(expect.arrayContaining(["dueTime", "recurrence"]));
  expect(Object.keys(schemas.TaskPatch?.properties ?? {})).toEqual(expect.arrayContaining(["dueTime", "recurrence"]));
});
