/**
 * A repeat in the words a person would use ("every weekday", "every Monday and Friday", "every 2
 * weeks", "every month on the 1st"), for the rules quick add writes. Pure and without rrule, so
 * the list rows can word a repeat in the browser and on the server at no cost; null for a rule
 * it does not know (quick-add.ts's describeRecurrence then asks rrule).
 */

import type { Task } from "#src/tasks/task-constants.ts";

const DAY_NAMES: Record<string, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};
const UNITS: Record<string, string> = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" };

function ordinal(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][day % 10] ?? "th");
  return `${day}${day % 10 > 3 ? "th" : suffix}`;
}

function joinWords(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export function recurrenceWords(rule: string): string | null {
  const fields = new Map(
    rule
      .replace(/^RRULE:/, "")
      .split(";")
      .map((field) => field.split("=") as [string, string]),
  );
  const unit = UNITS[fields.get("FREQ") ?? ""];
  const interval = Number(fields.get("INTERVAL") ?? "1");
  const days = fields.get("BYDAY")?.split(",");
  const monthDay = fields.get("BYMONTHDAY");
  const known = [...fields.keys()].every((key) => ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY"].includes(key));
  if (!unit || !known || !Number.isInteger(interval) || interval < 1) return null;
  const every = interval === 1 ? `every ${unit}` : `every ${interval} ${unit}s`;
  if (days) {
    if (unit !== "week" || interval !== 1 || monthDay) return null;
    if (days.join() === "MO,TU,WE,TH,FR") return "every weekday";
    if (days.join() === "SA,SU") return "every weekend";
    const names = days.map((day) => DAY_NAMES[day]);
    return names.every((name) => name !== undefined) ? `every ${joinWords(names)}` : null;
  }
  if (monthDay) {
    const day = Number(monthDay);
    if (unit !== "month" || !/^\d{1,2}$/.test(monthDay) || day < 1 || day > 31) return null;
    return `${every} on the ${ordinal(day)}`;
  }
  return every;
}

/** A task's repeat as the rows and the edit form show it: in words, or the rule itself when we have none for it. */
export function repeatText(task: Pick<Task, "recurrence">): string {
  return task.recurrence ? (recurrenceWords(task.recurrence.rule) ?? task.recurrence.rule) : "";
}
