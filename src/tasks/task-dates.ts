/**
 * Calendar rules for due dates, in the user's time zone. Pure and dependency-free, so the
 * server, the browser and the tests all use the same code (Node 22 and browsers have full ICU).
 *
 * A due date is a calendar date ("2026-12-04"), not an instant: "today" is the date on the
 * user's wall calendar right now, and a task is overdue from the user's next midnight on.
 */
import { UPCOMING_DAYS, type TaskStatus } from "#src/tasks/task-constants.ts";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MIN_DUE_YEAR = 1900;
export const MAX_DUE_YEAR = 2999;

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps the year as written.
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function dueYear(value: string): number {
  return Number(value.slice(0, 4));
}

const todayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar-date format of `timeZone`, made once per zone (a list page asks on every request,
 * and making one costs about 60 µs); throws a RangeError for a zone this runtime does not know.
 */
function todayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = todayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    todayFormats.set(timeZone, format);
  }
  return format;
}

/** True for an IANA time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    todayFormat(value);
    return true;
  } catch {
    return false;
  }
}

/** The date on the calendar of someone in `timeZone` at `now`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = Object.fromEntries(
    todayFormat(timeZone)
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar date `days` after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10);
}

export type DueState = "overdue" | "today" | "tomorrow" | "soon" | "later" | "none";

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The user's clock: `today` (YYYY-MM-DD) and, where a page knows it, the time there ("HH:MM"),
 * so a task due today at 09:00 is overdue from 09:01. Null when the page has no time.
 */
export function clockIn(timeZone: string, now: Date = new Date()): string {
  // Made once per zone, as todayFormat's: making one costs more than formatting with it.
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormats.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * Where a due date stands from the user's today (and, with both, the due time from the time
 * now). A done task is never overdue: its date is just a date. "soon" is within the next
 * UPCOMING_DAYS days (after tomorrow).
 */
export function dueState(
  dueDate: string | null,
  today: string,
  status: TaskStatus,
  dueTime?: string | null,
  time?: string | null,
): DueState {
  if (!dueDate) return "none";
  if (dueDate < today) return status === "done" ? "later" : "overdue";
  if (dueDate === today && dueTime && time && dueTime < time && status !== "done") return "overdue";
  if (dueDate === today) return "today";
  if (dueDate === addDays(today, 1)) return "tomorrow";
  if (dueDate <= addDays(today, UPCOMING_DAYS)) return "soon";
  return "later";
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mon 30 Nov", with the year only when it is not this year's ("Fri 1 Jan 2027"). */
export function formatCalendarDate(date: string, today: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const text = `${weekday} ${day} ${MONTHS[month - 1]}`;
  return date.slice(0, 4) === today.slice(0, 4) ? text : `${text} ${year}`;
}

/** The due date as a person reads it: "Overdue · Mon 30 Nov", "Today", "Tomorrow", "Fri 4 Dec". */
export function formatDueLabel(
  dueDate: string,
  today: string,
  status: TaskStatus,
  dueTime?: string | null,
  time?: string | null,
): string {
  const state = dueState(dueDate, today, status, dueTime, time);
  if (state === "overdue" && dueDate === today) return "Overdue · Today";
  if (state === "today") return "Today";
  if (state === "tomorrow") return "Tomorrow";
  const date = formatCalendarDate(dueDate, today);
  return state === "overdue" ? `Overdue · ${date}` : date;
}

/** The inclusive range of due dates a due view covers; `from` absent means "and everything before". */
export function dueViewRange(view: "today" | "upcoming", today: string): { from?: string; to: string } {
  return view === "today" ? { to: today } : { from: addDays(today, 1), to: addDays(today, UPCOMING_DAYS) };
}
