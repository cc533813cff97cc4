import { ValidationError } from "#src/errors.ts";
import { describeRecurrence, nextOccurrence, parseRepeat } from "#src/tasks/quick-add.ts";
import type { TaskFields } from "#src/tasks/task-repository.ts";
import { fieldsOf } from "#src/tasks/task-undo-service.ts";
import type { Task, TaskRecurrence } from "#src/tasks/task.ts";

/**
 * Recurring tasks, Todoist's way: one task that moves to its next date when completed. Loaded
 * on first use (it brings the quick-add parser and rrule): by a form or API call that sets a
 * repeat, and by completing a task that has one; never with a page.
 */

export const REPEAT_MESSAGE =
  "Write a repeat such as “every Monday”, “every weekday”, “every 2 weeks” or “every month on the 1st”.";

/**
 * The repeat a form's text asks for, on the user's calendar (`timeZone`). Text that still reads
 * as the task's own repeat keeps it as it is (a rule from an import may say more than we write).
 */
export function recurrenceFromText(
  text: string,
  current: TaskRecurrence | null | undefined,
  timeZone: string,
): TaskRecurrence {
  const same = (words: string) => words.toLowerCase() === text.trim().toLowerCase();
  if (current && (same(describeRecurrence(current.rule)) || same(current.rule))) return current;
  const rule = parseRepeat(text);
  if (!rule) throw new ValidationError({ repeat: [REPEAT_MESSAGE] });
  return { rule, timeZone };
}

/** A recurring task's first date, on or after `today`; null when the rule has none. */
export function firstDate(rule: string, today: string): string | null {
  return nextOccurrence(rule, today, true);
}

/**
 * Completing a recurring task: it moves to its next date after its current due date (same time
 * of day, on the repeat's own clock), back to "to do" with its sub-tasks unticked, and counts
 * the completion. Null when the
 * task does not repeat or its repeat has no date left: then it is simply done.
 */
export function completedOccurrence(current: Task, now: Date): TaskFields | null {
  if (!current.recurrence || !current.dueDate) return null;
  const next = nextOccurrence(current.recurrence.rule, current.dueDate);
  if (!next) return null;
  return {
    ...fieldsOf(current),
    status: "todo",
    dueDate: next,
    subtasks: (current.subtasks ?? []).map((subtask) => ({ ...subtask, done: false })),
    completions: { count: (current.completions?.count ?? 0) + 1, lastAt: now.toISOString() },
  };
}

/** The instant a date and wall-clock time in `timeZone` stand for (for the DST tests and reminders). */
export function dueInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (instant: number) => {
    const parts = new Map(
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, Number(part.value)]),
    );
    const local = Date.UTC(
      parts.get("year") ?? 0,
      (parts.get("month") ?? 1) - 1,
      parts.get("day") ?? 1,
      parts.get("hour") ?? 0,
      parts.get("minute") ?? 0,
    );
    return local - instant;
  };
  // Two rounds settle the offset on either side of a change.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}
