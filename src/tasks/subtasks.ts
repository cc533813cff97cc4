import { randomBytes } from "node:crypto";
import { ValidationError } from "#src/errors.ts";
import { SUBTASKS_MAX, type Subtask } from "#src/tasks/task-constants.ts";

/** Sub-task ids and whole checklists as a client sends them (the JSON API, an import). */

export const SUBTASKS_FULL = `A task can have at most ${SUBTASKS_MAX} sub-tasks.`;

/** A new sub-task id: 8 random URL-safe characters, none the task already uses. */
export function newSubtaskId(taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const id = randomBytes(6).toString("base64url");
    if (!taken.has(id)) return id;
  }
}

/**
 * A whole checklist as a client sends it: each entry keeps its id if it has one, new ones get
 * one; ids must be unique. Titles arrive validated.
 */
export function completeSubtasks(entries: readonly { id?: string; title: string; done?: boolean }[]): Subtask[] {
  const taken = new Set(entries.flatMap((entry) => (entry.id ? [entry.id] : [])));
  const given = entries.filter((entry) => entry.id).length;
  if (taken.size !== given) throw new ValidationError({ subtasks: ["Each sub-task's id must be different."] });
  if (entries.length > SUBTASKS_MAX) throw new ValidationError({ subtasks: [SUBTASKS_FULL] });
  return entries.map((entry) => {
    const id = entry.id ?? newSubtaskId(taken);
    taken.add(id);
    return { id, title: entry.title, done: entry.done ?? false };
  });
}
