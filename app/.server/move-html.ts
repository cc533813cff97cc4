import spriteUrl from "#app/icons.svg?url";
import { MENU_NAME } from "#app/components/use-closing-menus.ts";
import { listRef } from "#app/task-urls.ts";
import type { Task } from "#src/tasks/task-constants.ts";

/**
 * The moves' controls on a list page as HTML, for the page to show as it is (like quick add's
 * More options): a row's "Move to…" menu and the bulk form's list field need no code in the
 * browser, so /tasks's JavaScript carries none of them. The markup is the rows' own menu's
 * (task-row.tsx ChangeMenu): a <details> of submit buttons inside the row's one-click form.
 */

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function option(name: string, value: string, label: string): string {
  return `<button type="submit" name="${name}" value="${escapeHtml(value)}" class="menu-item">${escapeHtml(label)}</button>`;
}

/** A row's "Move to…" menu: every list it can go to but its own; empty when there is none. */
export function moveMenuHtml(task: Task, targets: readonly { id: string; name: string }[]): string {
  const others = targets.filter((target) => target.id !== listRef(task.listId));
  if (others.length === 0) return "";
  return (
    `<details name="${MENU_NAME}" class="group relative z-10 open:z-30">` +
    `<summary aria-label="${escapeHtml(`Move “${task.title}” to another list`)}" class="menu-summary"><span class="text-xs font-medium text-slate-700 dark:text-slate-300">Move to…</span>` +
    `<svg aria-hidden="true" fill="currentColor" class="size-3 text-slate-500"><use href="${spriteUrl}#chevron"></use></svg>` +
    `</summary><div class="menu-panel">${others.map((target) => option("listId", target.id, target.name)).join("")}</div></details>`
  );
}

/** Who added and changed a task (shared lists), on a line of its own under the row's controls. */
export function bylineHtml(byline: string | undefined): string {
  return byline ? `<p class="muted w-full text-xs">${escapeHtml(byline)}</p>` : "";
}

/** The bulk form's list field, shown when "Move to list" is chosen (tailwind.css's .bulk-value rules). */
export function bulkMoveFieldHtml(targets: readonly { id: string; name: string }[]): string {
  if (targets.length === 0) return "";
  const options = targets
    .map((target) => `<option value="${escapeHtml(target.id)}">${escapeHtml(target.name)}</option>`)
    .join("");
  return (
    `<div class="bulk-label bulk-control bulk-value" data-for="move">` +
    `<label for="bulk-list">List</label><select id="bulk-list" name="listId" class="control">${options}</select></div>`
  );
}
