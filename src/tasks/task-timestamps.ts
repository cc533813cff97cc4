/**
 * Instants (created, updated, imported) as a person reads them. Apart from task-dates.ts, whose
 * calendar rules every list page ships to the browser: only the pages that show a time load this.
 */
import { formatCalendarDate, todayIn } from "#src/tasks/task-dates.ts";

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant (ISO 8601) on the user's calendar and clock, dated as due dates are: "Thu 3 Dec,
 * 09:15 CET" ("Wed 3 Dec 2025, 09:15 CET" when it is not this year where the user is).
 */
export function formatTimestamp(iso: string, timeZone: string, now: Date = new Date()): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    clockFormats.set(timeZone, format);
  }
  const instant = new Date(iso);
  return `${formatCalendarDate(todayIn(timeZone, instant), todayIn(timeZone, now))}, ${format.format(instant)}`;
}
