import { describe, expect, test } from "vitest";
import {
  applyQuickAdd,
  describeRecurrence,
  parseQuickAdd,
  parseTaskText,
  parseRepeat,
  readKeep,
  summarizeQuickAdd,
  type QuickAddResult,
} from "#src/tasks/quick-add.ts";

// "Now" is Monday 7 December 2026, 11:00 in Berlin (10:00 UTC). Every expectation below is a
// date on the Berlin calendar unless the row names another zone.
const NOW = new Date("2026-12-07T10:00:00Z");
const ZONE = "Europe/Berlin";
const LISTS = ["Groceries", "Home Office", "Work"];

type Expected = Partial<Omit<QuickAddResult, "parts">> & { parts?: string[] };

// [typed, what it must parse to]. Fields left out must be empty: title is always checked,
// dueDate/dueTime/priority/list/recurrence default to null and labels to [].
const TABLE: [string, Expected][] = [
  // Dates
  ["Buy milk today", { title: "Buy milk", dueDate: "2026-12-07" }],
  ["Buy milk tomorrow", { title: "Buy milk", dueDate: "2026-12-08" }],
  ["Buy milk tmr", { title: "Buy milk", dueDate: "2026-12-08" }],
  ["Pay rent fri", { title: "Pay rent", dueDate: "2026-12-11" }],
  ["Pay rent friday", { title: "Pay rent", dueDate: "2026-12-11" }],
  ["Pay rent on friday", { title: "Pay rent", dueDate: "2026-12-11" }],
  ["Submit report by fri", { title: "Submit report", dueDate: "2026-12-11" }],
  ["Call mom sat", { title: "Call mom", dueDate: "2026-12-12" }],
  ["Plan sprint next week", { title: "Plan sprint", dueDate: "2026-12-14" }],
  ["Party 24 dec", { title: "Party", dueDate: "2026-12-24" }],
  ["Party dec 24", { title: "Party", dueDate: "2026-12-24" }],
  ["dec 24 party", { title: "party", dueDate: "2026-12-24" }],
  ["Party December 24th", { title: "Party", dueDate: "2026-12-24" }],
  ["Renew passport 3 jan", { title: "Renew passport", dueDate: "2027-01-03" }],
  ["Gym in 3 days", { title: "Gym", dueDate: "2026-12-10" }],
  ["Gym in 2 weeks", { title: "Gym", dueDate: "2026-12-21" }],
  ["File taxes 2027-04-15", { title: "File taxes", dueDate: "2027-04-15" }],
  // Times
  ["Call Ana at 5pm", { title: "Call Ana", dueDate: "2026-12-07", dueTime: "17:00" }],
  ["Call Ana 17:30", { title: "Call Ana", dueDate: "2026-12-07", dueTime: "17:30" }],
  ["Call Ana tomorrow at 5pm", { title: "Call Ana", dueDate: "2026-12-08", dueTime: "17:00" }],
  ["Dentist 24 dec 17:30", { title: "Dentist", dueDate: "2026-12-24", dueTime: "17:30" }],
  ["Dentist fri 9am", { title: "Dentist", dueDate: "2026-12-11", dueTime: "09:00" }],
  // A time already past today is tomorrow's.
  ["Breakfast at 8am", { title: "Breakfast", dueDate: "2026-12-08", dueTime: "08:00" }],
  // Priority
  ["Fix the leak p1", { title: "Fix the leak", priority: "urgent" }],
  ["Fix the leak p2", { title: "Fix the leak", priority: "high" }],
  ["Fix the leak p3", { title: "Fix the leak", priority: "medium" }],
  ["Fix the leak P4", { title: "Fix the leak", priority: "low" }],
  ["p1 Fix the leak", { title: "Fix the leak", priority: "urgent" }],
  ["Fix the leak p1 p3", { title: "Fix the leak p3", priority: "urgent" }],
  // Labels
  ["Buy stamps @errand", { title: "Buy stamps", labels: ["errand"] }],
  ["Buy stamps @errand @post-office", { title: "Buy stamps", labels: ["errand", "post-office"] }],
  ["Buy stamps @errand @Errand", { title: "Buy stamps", labels: ["errand"] }],
  ["@home Clean the oven", { title: "Clean the oven", labels: ["home"] }],
  ["Éplucher @cuisine", { title: "Éplucher", labels: ["cuisine"] }],
  ["Mail a@b.com about it", { title: "Mail a@b.com about it" }],
  ["Pay @ the desk", { title: "Pay @ the desk" }],
  // "#" is no label character (it separates a key's parts): the label stops before it.
  ["Note @a#b", { title: "Note #b", labels: ["a"] }],
  ['Say "@errand" aloud', { title: 'Say "@errand" aloud' }],
  ["Ring @नमस्ते", { title: "Ring", labels: ["नमस्ते"] }],
  [`Too long @${"x".repeat(41)}`, { title: `Too long @${"x".repeat(41)}` }],
  [
    "Buy milk @errand #Groceries tomorrow",
    { title: "Buy milk", labels: ["errand"], list: "Groceries", dueDate: "2026-12-08" },
  ],
  ["#work Write report", { title: "Write report", list: "Work" }],
  ["Buy milk #Groceries #Work", { title: "Buy milk #Work", list: "Groceries" }],
  ["Call #Workers union", { title: "Call #Workers union" }],
  // Lists (only lists that exist)
  ["Buy milk #Groceries", { title: "Buy milk", list: "Groceries" }],
  ["Buy milk #groceries", { title: "Buy milk", list: "Groceries" }],
  ["Order desk #Home Office", { title: "Order desk", list: "Home Office" }],
  ["Ship it #Work p2", { title: "Ship it", list: "Work", priority: "high" }],
  ["Fix bug #123", { title: "Fix bug #123" }],
  ["Buy milk #Garden", { title: "Buy milk #Garden" }],
  ["Read #Workshop notes", { title: "Read #Workshop notes" }],
  // Repeats
  ["Water plants every day", { title: "Water plants", dueDate: "2026-12-07", recurrence: "FREQ=DAILY" }],
  [
    "Stand-up every weekday",
    { title: "Stand-up", dueDate: "2026-12-07", recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
  ],
  ["Bins every tuesday", { title: "Bins", dueDate: "2026-12-08", recurrence: "FREQ=WEEKLY;BYDAY=TU" }],
  ["Review every monday", { title: "Review", dueDate: "2026-12-07", recurrence: "FREQ=WEEKLY;BYDAY=MO" }],
  [
    "Team lunch every mon, wed and fri",
    { title: "Team lunch", dueDate: "2026-12-07", recurrence: "FREQ=WEEKLY;BYDAY=MO,WE,FR" },
  ],
  ["Mow every 2 weeks", { title: "Mow", dueDate: "2026-12-07", recurrence: "FREQ=WEEKLY;INTERVAL=2" }],
  ["Mow every other week", { title: "Mow", dueDate: "2026-12-07", recurrence: "FREQ=WEEKLY;INTERVAL=2" }],
  [
    "Pay rent every month on the 1st",
    { title: "Pay rent", dueDate: "2027-01-01", recurrence: "FREQ=MONTHLY;BYMONTHDAY=1" },
  ],
  ["Invoice every 15th", { title: "Invoice", dueDate: "2026-12-15", recurrence: "FREQ=MONTHLY;BYMONTHDAY=15" }],
  ["Check smoke alarm every year", { title: "Check smoke alarm", dueDate: "2026-12-07", recurrence: "FREQ=YEARLY" }],
  ["Stretch every 3 days", { title: "Stretch", dueDate: "2026-12-07", recurrence: "FREQ=DAILY;INTERVAL=3" }],
  ["Relax every weekend", { title: "Relax", dueDate: "2026-12-12", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" }],
  [
    "Gym every monday at 9am",
    // 9:00 on this Monday has passed, so the first is next Monday.
    { title: "Gym", dueDate: "2026-12-14", dueTime: "09:00", recurrence: "FREQ=WEEKLY;BYDAY=MO" },
  ],
  [
    "Gym every monday at 6pm",
    { title: "Gym", dueDate: "2026-12-07", dueTime: "18:00", recurrence: "FREQ=WEEKLY;BYDAY=MO" },
  ],
  ["every monday buy milk", { title: "buy milk", dueDate: "2026-12-07", recurrence: "FREQ=WEEKLY;BYDAY=MO" }],
  // Everything at once
  [
    "Buy milk tomorrow p1 @errand #Groceries",
    { title: "Buy milk", dueDate: "2026-12-08", priority: "urgent", labels: ["errand"], list: "Groceries" },
  ],
  [
    "Pay rent every month on the 1st p2 @home",
    {
      title: "Pay rent",
      dueDate: "2027-01-01",
      priority: "high",
      labels: ["home"],
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
    },
  ],
  // Words that must stay text
  ["Call May about the March report", { title: "Call May about the March report" }],
  ["Meet in March", { title: "Meet in March" }],
  ["Write weekly report", { title: "Write weekly report" }],
  ["Email bob@example.com", { title: "Email bob@example.com" }],
  ["Every little thing", { title: "Every little thing" }],
  ["Read about everyday design", { title: "Read about everyday design" }],
  ["Upgrade to MP3 player", { title: "Upgrade to MP3 player" }],
  ["Price is p10 here", { title: "Price is p10 here" }],
  ['Read "next week" magazine', { title: 'Read "next week" magazine' }],
  ["Watch “Friday Night Lights”", { title: "Watch “Friday Night Lights”" }],
  ['Buy "@home" sign tomorrow', { title: 'Buy "@home" sign', dueDate: "2026-12-08" }],
  // Only recognised words: kept as the title rather than lost
  ["tomorrow", { title: "tomorrow" }],
  ["p1", { title: "p1" }],
];

describe("quick add parses what people type", () => {
  test.each(TABLE)("%s", (text, expected) => {
    const result = parseQuickAdd(text, { now: NOW, timeZone: ZONE, lists: LISTS });
    const { parts, ...fields } = result;
    expect(fields).toEqual({
      title: expected.title,
      dueDate: expected.dueDate ?? null,
      dueTime: expected.dueTime ?? null,
      priority: expected.priority ?? null,
      labels: expected.labels ?? [],
      list: expected.list ?? null,
      recurrence: expected.recurrence ?? null,
      recurrenceText: expected.recurrence ? describeRecurrence(expected.recurrence) : null,
    });
    // Every part stands where it says, and nothing the title kept is also a part.
    for (const part of parts) expect(text.slice(part.start, part.end)).toBe(part.text);
    if (expected.parts) expect(parts.map((part) => part.text)).toEqual(expected.parts);
  });

  test("the table covers at least 60 inputs", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });
});

test("parts say what each recognised word is, in order", () => {
  const { parts } = parseQuickAdd("Buy milk tomorrow p1 @errand", { now: NOW, timeZone: ZONE });
  expect(parts).toEqual([
    { kind: "date", start: 9, end: 17, text: "tomorrow" },
    { kind: "priority", start: 18, end: 20, text: "p1" },
    { kind: "label", start: 21, end: 28, text: "@errand" },
  ]);
});

test("a dismissed part stays text and the rest is still understood", () => {
  const text = "Sat on the report p2";
  const first = parseQuickAdd(text, { now: NOW, timeZone: ZONE });
  expect(first.dueDate).toBe("2026-12-12");
  const kept = parseQuickAdd(text, { now: NOW, timeZone: ZONE, keep: [0] });
  expect(kept).toMatchObject({ title: "Sat on the report", dueDate: null, priority: "high" });
});

test("#list stays text when the user has no lists", () => {
  expect(parseQuickAdd("Buy milk #Groceries", { now: NOW, timeZone: ZONE }).title).toBe("Buy milk #Groceries");
});

test("today and tomorrow are the user's, not the server's", () => {
  // 23:30 UTC on 7 December: already the 8th in Berlin, still the 7th in Los Angeles.
  const now = new Date("2026-12-07T23:30:00Z");
  expect(parseQuickAdd("Run today", { now, timeZone: "Europe/Berlin" }).dueDate).toBe("2026-12-08");
  expect(parseQuickAdd("Run today", { now, timeZone: "America/Los_Angeles" }).dueDate).toBe("2026-12-07");
  expect(parseQuickAdd("Run tomorrow", { now, timeZone: "Asia/Tokyo" }).dueDate).toBe("2026-12-09");
  expect(parseQuickAdd("Run at 5pm", { now, timeZone: "America/Los_Angeles" })).toMatchObject({
    dueDate: "2026-12-07",
    dueTime: "17:00",
  });
});

test("more than 20 labels: the rest stay text", () => {
  const text = `Pack ${Array.from({ length: 22 }, (_, i) => `@l${i}`).join(" ")}`;
  const result = parseQuickAdd(text, { now: NOW, timeZone: ZONE });
  expect(result.labels).toHaveLength(20);
  expect(result.title).toBe("Pack @l20 @l21");
});

test("repeats read as people say them", () => {
  expect(describeRecurrence("FREQ=WEEKLY;BYDAY=MO")).toBe("every Monday");
  expect(describeRecurrence("FREQ=WEEKLY;BYDAY=MO,WE,FR")).toBe("every Monday, Wednesday and Friday");
  expect(describeRecurrence("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")).toBe("every weekday");
  expect(describeRecurrence("FREQ=DAILY")).toBe("every day");
  expect(describeRecurrence("FREQ=WEEKLY;INTERVAL=2")).toBe("every 2 weeks");
  expect(describeRecurrence("FREQ=MONTHLY;BYMONTHDAY=1")).toBe("every month on the 1st");
  expect(describeRecurrence("RRULE:FREQ=YEARLY")).toBe("every year");
});

describe("quick add for a new task", () => {
  const parse = (text: string, keep?: number[]) => parseTaskText(text, { now: NOW, timeZone: ZONE, keep });

  test("a date and a priority are taken out of the title", () => {
    expect(parse("Buy milk tomorrow p1")).toMatchObject({
      title: "Buy milk",
      dueDate: "2026-12-08",
      priority: "urgent",
    });
  });

  test("labels, a list the user may add to, times and repeats are all taken", () => {
    expect(parse("Buy stamps @errand p2")).toMatchObject({ title: "Buy stamps", priority: "high", labels: ["errand"] });
    expect(parseTaskText("Buy milk #groceries", { now: NOW, timeZone: ZONE, lists: ["Groceries"] })).toMatchObject({
      title: "Buy milk",
      list: "Groceries",
    });
    // A list the user cannot add to is not offered to the parser: its name stays text.
    expect(parseTaskText("Buy milk #Groceries", { now: NOW, timeZone: ZONE, lists: ["Work"] })).toMatchObject({
      title: "Buy milk #Groceries",
      list: null,
    });
    expect(parse("Call Ana tomorrow at 5pm")).toMatchObject({
      title: "Call Ana",
      dueDate: "2026-12-08",
      dueTime: "17:00",
    });
    expect(parse("Review every monday")).toMatchObject({
      title: "Review",
      dueDate: "2026-12-07",
      recurrence: "FREQ=WEEKLY;BYDAY=MO",
    });
  });

  test("the form gets the time and the repeat as typed, which the service reads with parseRepeat", () => {
    expect(applyQuickAdd({ title: "Gym every mon, wed and fri at 6pm p3" }, { now: NOW, timeZone: ZONE })).toEqual({
      values: {
        title: "Gym",
        dueDate: "2026-12-07",
        dueTime: "18:00",
        repeat: "every mon, wed and fri",
        priority: "medium",
      },
      understood: "Today 18:00 · Medium · every Monday, Wednesday and Friday",
      list: null,
    });
    expect(parseRepeat("every mon, wed and fri")).toBe("FREQ=WEEKLY;BYDAY=MO,WE,FR");
  });

  test("a dismissed word stays text", () => {
    expect(parse("Sat on the report p2", [0])).toMatchObject({ title: "Sat on the report", dueDate: null });
  });

  test("the summary names what was understood, as the list shows it", () => {
    expect(summarizeQuickAdd(parse("Buy milk tomorrow p1"), "2026-12-07")).toBe("Tomorrow · Urgent");
    expect(summarizeQuickAdd(parse("Party 24 dec"), "2026-12-07")).toBe("Thu 24 Dec");
    expect(summarizeQuickAdd(parse("Just a title"), "2026-12-07")).toBe("");
    const full = parseQuickAdd("Gym every monday at 6pm p3", { now: NOW, timeZone: ZONE });
    expect(summarizeQuickAdd(full, "2026-12-07")).toBe("Today 18:00 · Medium · every Monday");
    const labelled = parseQuickAdd("Stamps @errand #Home", { now: NOW, timeZone: ZONE, lists: ["Home"] });
    expect(summarizeQuickAdd(labelled, "2026-12-07")).toBe("@errand · in Home");
  });

  test("the form's fields: the text's date and priority win over the fields; the summary comes along", () => {
    const form = { title: "Pay rent fri p2", dueDate: "2026-12-07", priority: "low", description: "Kept" };
    expect(applyQuickAdd(form, { now: NOW, timeZone: ZONE })).toEqual({
      values: { title: "Pay rent", dueDate: "2026-12-11", dueTime: "", priority: "high", description: "Kept" },
      understood: "Fri 11 Dec · High",
      list: null,
    });
  });

  test("the form's fields stand when the text names nothing, and a dismissed part travels as offsets", () => {
    const form = { title: "Sat on the report", dueDate: "2026-12-09", priority: "low" };
    expect(applyQuickAdd(form, { now: NOW, timeZone: ZONE, keep: "0" })).toEqual({
      values: form,
      understood: "",
      list: null,
    });
    expect(applyQuickAdd({ title: "" }, { now: NOW, timeZone: ZONE })).toEqual({
      values: { title: "" },
      understood: "",
      list: null,
    });
  });

  test("labels typed join the form's own; a #list comes back by its name", () => {
    const form = { title: "Stamps @errand @Post #home", labels: "urgent-ish" };
    expect(applyQuickAdd(form, { now: NOW, timeZone: ZONE, lists: ["Inbox", "Home"] })).toEqual({
      values: { title: "Stamps", labels: "urgent-ish,errand,Post" },
      understood: "@errand · @Post · in Home",
      list: "Home",
    });
  });

  test("the form's keep field: offsets only, anything else ignored", () => {
    expect(readKeep("3,17")).toEqual([3, 17]);
    expect(readKeep("x,-1,12345,4")).toEqual([4]);
    expect(readKeep(undefined)).toEqual([]);
  });

  test("the user's calendar decides today", () => {
    // 23:30 UTC: already the 8th in Berlin.
    const late = new Date("2026-12-07T23:30:00Z");
    expect(applyQuickAdd({ title: "Run tomorrow" }, { now: late, timeZone: ZONE }).values.dueDate).toBe("2026-12-09");
    expect(
      applyQuickAdd({ title: "Run tomorrow" }, { now: late, timeZone: "America/Los_Angeles" }).values.dueDate,
    ).toBe("2026-12-08");
  });
});

test("a number that would put the date past the years a task can hold stays text", () => {
  for (const title of ["Task 8701323d", "Task 5467472d", "Task 1096159d"]) {
    const result = parseQuickAdd(title, { timeZone: "UTC", now: new Date("2026-12-07T12:00:00Z") });
    expect(result.dueDate, title).toBeNull();
    expect(result.title, title).toBe(title);
  }
});

test("a date inside a code or an id, or a bare count with a unit letter, stays text", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  for (const title of [
    "Alice only afae2d06-6f24-402d-8061-8ca8d8d53e2f",
    "Alice only 85aabd08-4bd7-4076-9d4d-928854be5ce7",
    "Ship build 402d",
    "Check ticket ABC-3d",
    "Task 02502d6d",
    "Task 8996d52d",
  ]) {
    const result = parseQuickAdd(title, { timeZone: "UTC", now });
    expect(result.dueDate, title).toBeNull();
    expect(result.title, title).toBe(title);
  }
  expect(parseQuickAdd("Pay rent tomorrow", { timeZone: "UTC", now }).dueDate).toBe("2026-12-08");
  expect(parseQuickAdd("Call Ana (fri)", { timeZone: "UTC", now }).dueDate).toBe("2026-12-11");
});
