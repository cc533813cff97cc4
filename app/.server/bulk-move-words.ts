import { namedTitles } from "#app/.server/flash-text.ts";
import { MAX_LIST_LABELS } from "#src/tasks/task-labels.ts";

/**
 * The words for a bulk move's tasks left where they are, the target having no room for their
 * labels: which tasks, which labels, and what to do. Loaded only when that happens.
 */
export function refusedMoveNote(
  refused: readonly { title: string; labels: readonly string[] }[],
  listName: string,
  moved: number,
): string {
  const one = refused.length === 1;
  const list = `“${listName}”`;
  const distinct = [...new Set(refused.flatMap((task) => task.labels))];
  const named = distinct.slice(0, 6).map((label) => `@${label}`);
  const labels = distinct.length > named.length ? `${named.join(", ")}, …` : named.join(", ");
  const more = refused.length > 3 ? ` and ${refused.length - 3} more` : "";
  return (
    (moved === 0 ? `No tasks were moved to ${list}. ` : "") +
    `${one ? "1 task stays where it is" : `${refused.length} tasks stay where they are`}, labels and all: ` +
    `“${namedTitles(refused.map((task) => task.title))}”${more}. ` +
    `${list} has no room for ${one ? "its" : "their"} labels ${labels} (a list holds at most ${MAX_LIST_LABELS}): ` +
    `remove labels on its Labels page, or take them off ${one ? "the task" : "the tasks"}, then move ${one ? "it" : "them"} again.`
  );
}
