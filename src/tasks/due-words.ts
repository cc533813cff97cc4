import type { Task } from "#src/tasks/task-constants.ts";
import { repeatText } from "#src/tasks/recurrence-text.ts";
import { dueState, formatDueLabel, type DueState } from "#src/tasks/task-dates.ts";

/**
 * A task's due date in words, as its row, card or page shows it ("Overdue · Mon 30 Nov",
 * "Today", "Fri 4 Dec" and "every Monday"): worked out by the page's loader for the user's
 * today and time, so the browser carries neither the calendar's wording nor the repeat's.
 */
export interface DueWords {
  /** How the date stands, for its colour (tailwind.css, by data-due), while not done. */
  state: DueState;
  text: string;
  /** Once done (shown at once when it is ticked), if that differs: a done task is never overdue. */
  done?: { state: DueState; text: string };
  /** The repeat in words. */
  repeat?: string;
}

type Dated = Pick<Task, "dueDate" | "dueTime" | "recurrence">;

/** The words for one task, or undefined without a due date. `time` is the user's "HH:MM" now. */
export function dueWords(task: Dated, today: string, time: string | null): DueWords | undefined {
  const { dueDate, dueTime } = task;
  if (!dueDate) return undefined;
  const words = (status: "todo" | "done") => ({
    state: dueState(dueDate, today, status, dueTime, time),
    text: formatDueLabel(dueDate, today, status, dueTime, time),
  });
  const open = words("todo");
  const done = words("done");
  return {
    ...open,
    ...(done.text !== open.text || done.state !== open.state ? { done } : {}),
    ...(task.recurrence ? { repeat: repeatText(task) } : {}),
  };
}

/** The words for each dated task of a page, by task id. */
export function dueWordsOf(tasks: Iterable<Task>, today: string, time: string | null): Record<string, DueWords> {
  const words: Record<string, DueWords> = {};
  for (const task of tasks) {
    const due = dueWords(task, today, time);
    if (due) words[task.id] = due;
  }
  return words;
}
