import { expect, test } from "vitest";
import {
  addDays,
  clockIn,
  dueState,
  formatDueLabel,
  isCalendarDate,
  isTimeZone,
  todayIn,
} from "#src/tasks/task-dates.ts";
import { formatTimestamp } from "#src/tasks/task-timestamps.ts";

test("today is the date on the user's calendar, not the server's", () => {
  // 01:00 UTC on 4 December: still the 3rd in New York, already the 4th in Tokyo.
  const now = new Date("2026-12-04T01:00:00Z");
  expect(todayIn("UTC", now)).toBe("2026-12-04");
  expect(todayIn("America/New_York", now)).toBe("2026-12-03");
  expect(todayIn("Asia/Tokyo", now)).toBe("2026-12-04");
  expect(todayIn("Pacific/Kiritimati", new Date("2026-12-03T10:30:00Z"))).toBe("2026-12-04");
  expect(todayIn("Pacific/Pago_Pago", new Date("2026-12-03T10:30:00Z"))).toBe("2026-12-02");
});

test("the hour New York and Tokyo are on different dates changes what is overdue", () => {
  const now = new Date("2026-12-04T01:00:00Z");
  const dueDec3 = "2026-12-03";
  expect(dueState(dueDec3, todayIn("America/New_York", now), "todo")).toBe("today");
  expect(dueState(dueDec3, todayIn("Asia/Tokyo", now), "todo")).toBe("overdue");
});

test("on a DST change day, today changes at local midnight, not at UTC midnight", () => {
  // Berlin leaves summer time on 25 October 2026 (03:00 CEST -> 02:00 CET): a 25-hour day.
  expect(todayIn("Europe/Berlin", new Date("2026-10-24T21:59:00Z"))).toBe("2026-10-24");
  expect(todayIn("Europe/Berlin", new Date("2026-10-24T22:00:00Z"))).toBe("2026-10-25");
  expect(todayIn("Europe/Berlin", new Date("2026-10-25T22:59:00Z"))).toBe("2026-10-25");
  expect(todayIn("Europe/Berlin", new Date("2026-10-25T23:00:00Z"))).toBe("2026-10-26");
  // New York springs forward on 8 March 2026: a 23-hour day.
  expect(todayIn("America/New_York", new Date("2026-03-08T04:59:00Z"))).toBe("2026-03-07");
  expect(todayIn("America/New_York", new Date("2026-03-08T05:00:00Z"))).toBe("2026-03-08");
  expect(todayIn("America/New_York", new Date("2026-03-09T03:59:00Z"))).toBe("2026-03-08");
  expect(todayIn("America/New_York", new Date("2026-03-09T04:00:00Z"))).toBe("2026-03-09");
  // Adding days is calendar arithmetic: a DST day is still one day.
  expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
  expect(addDays("2026-03-07", 2)).toBe("2026-03-09");
});

test("calendar arithmetic crosses months, years and leap days", () => {
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
});

test("due states: overdue only when not done; tomorrow; within seven days; later", () => {
  const today = "2026-12-03";
  expect(dueState(null, today, "todo")).toBe("none");
  expect(dueState("2026-12-02", today, "todo")).toBe("overdue");
  expect(dueState("2026-12-02", today, "in_progress")).toBe("overdue");
  expect(dueState("2026-12-02", today, "done")).toBe("later");
  expect(dueState("2026-12-03", today, "todo")).toBe("today");
  expect(dueState("2026-12-04", today, "todo")).toBe("tomorrow");
  expect(dueState("2026-12-10", today, "todo")).toBe("soon");
  expect(dueState("2026-12-11", today, "todo")).toBe("later");
});

test("due labels read as text, with the year only when it differs", () => {
  const today = "2026-12-03";
  expect(formatDueLabel("2026-11-30", today, "todo")).toBe("Overdue · Mon 30 Nov");
  expect(formatDueLabel("2026-11-30", today, "done")).toBe("Mon 30 Nov");
  expect(formatDueLabel("2026-12-03", today, "todo")).toBe("Today");
  expect(formatDueLabel("2026-12-04", today, "todo")).toBe("Tomorrow");
  expect(formatDueLabel("2026-12-04", today, "done")).toBe("Tomorrow");
  expect(formatDueLabel("2026-12-04", "2026-12-02", "todo")).toBe("Fri 4 Dec");
  expect(formatDueLabel("2027-01-08", today, "todo")).toBe("Fri 8 Jan 2027");
  expect(formatDueLabel("2025-12-24", today, "todo")).toBe("Overdue · Wed 24 Dec 2025");
});

test("timestamps are shown on the user's calendar and clock, dated like due dates, with the zone", () => {
  const iso = "2026-12-03T08:05:00.000Z";
  const now = new Date("2026-12-07T12:00:00Z");
  expect(formatTimestamp(iso, "UTC", now)).toBe("Thu 3 Dec, 08:05 UTC");
  expect(formatTimestamp(iso, "Europe/Berlin", now)).toBe("Thu 3 Dec, 09:05 CET");
  expect(formatTimestamp(iso, "Asia/Tokyo", now)).toBe("Thu 3 Dec, 17:05 GMT+9");
  expect(formatTimestamp("2026-12-04T01:00:00Z", "America/New_York", now)).toBe("Thu 3 Dec, 20:00 GMT-5");
  // Another year where the user is: the year is said, as for due dates.
  expect(formatTimestamp("2025-12-03T08:05:00Z", "UTC", now)).toBe("Wed 3 Dec 2025, 08:05 UTC");
  expect(formatTimestamp("2026-12-31T23:30:00Z", "Asia/Tokyo", now)).toBe("Fri 1 Jan 2027, 08:30 GMT+9");
});

test("calendar dates and time zones are validated", () => {
  expect(isCalendarDate("2026-02-28")).toBe(true);
  expect(isCalendarDate("2026-02-29")).toBe(false);
  expect(isCalendarDate("0001-01-01")).toBe(true);
  expect(isCalendarDate("2026-2-2")).toBe(false);
  expect(isTimeZone("Europe/Berlin")).toBe(true);
  expect(isTimeZone("UTC")).toBe(true);
  expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  expect(isTimeZone("")).toBe(false);
});

test("a task due today at a time is overdue once that time has passed on the user's clock, not before", () => {
  expect(dueState("2026-12-07", "2026-12-07", "todo", "09:00", "08:59")).toBe("today");
  expect(dueState("2026-12-07", "2026-12-07", "todo", "09:00", "09:00")).toBe("today");
  expect(dueState("2026-12-07", "2026-12-07", "todo", "09:00", "09:01")).toBe("overdue");
  expect(formatDueLabel("2026-12-07", "2026-12-07", "todo", "09:00", "09:01")).toBe("Overdue · Today");
  // Done is never overdue; no time (or no clock) is due any time that day.
  expect(dueState("2026-12-07", "2026-12-07", "done", "09:00", "10:00")).toBe("today");
  expect(dueState("2026-12-07", "2026-12-07", "todo", null, "23:59")).toBe("today");
  expect(dueState("2026-12-07", "2026-12-07", "todo", "09:00", null)).toBe("today");
  expect(dueState("2026-12-08", "2026-12-07", "todo", "09:00", "23:59")).toBe("tomorrow");
  expect(clockIn("Europe/Berlin", new Date("2026-12-07T23:30:00Z"))).toBe("00:30");
  expect(clockIn("America/Los_Angeles", new Date("2026-12-07T23:30:00Z"))).toBe("15:30");
});
