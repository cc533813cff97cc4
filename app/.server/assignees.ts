import spriteUrl from "#app/icons.svg?url";
import { MENU_NAME } from "#app/components/use-closing-menus.ts";
import { escapeHtml } from "#app/.server/move-html.ts";
import type { ListAccess } from "#src/lists/list-access.ts";
import { canBeAssigned, hasRole } from "#src/lists/list.ts";
import type { Task } from "#src/tasks/task-constants.ts";

/**
 * Who a task can be assigned to, as the pages show it; loaded on first use (a page with a list
 * other than the Inbox, a task page), so a cold start does not carry it. The choices come from
 * the list items the page already read: no DynamoDB call of their own.
 */

/** A list's assignee choices: "Nobody" first, then the members; `canAssign` when the reader may change it. */
export interface AssignChoices {
  options: { value: string; label: string }[];
  canAssign: boolean;
}

/**
 * A list's members who can hold its work (editors and the owner) as a task's assignee choices,
 * by email, the reader marked "(you)". The reader may change them as an editor or the owner of
 * a list not archived. None for the Inbox.
 */
export function assignChoices(access: ListAccess): AssignChoices | null {
  if (!access.list) return null;
  const { list } = access;
  const members = Object.entries(list.members)
    .filter(([id]) => canBeAssigned(list, id))
    .map(([id, member]) => ({ value: id, label: id === access.userId ? `${member.email} (you)` : member.email }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    options: [{ value: "", label: "Nobody" }, ...members],
    canAssign: hasRole(access.role, "editor") && !list.archivedAt,
  };
}

/** Each list's choices by its stored id (lists other than the Inbox). */
export function choicesByList(accesses: readonly ListAccess[]): Record<string, AssignChoices> {
  const byList: Record<string, AssignChoices> = {};
  for (const access of accesses) {
    const choices = assignChoices(access);
    if (choices) byList[access.listId] = choices;
  }
  return byList;
}

/**
 * A row's assignee as HTML, like its "Move to…" (move-html.ts): the browser carries no code for
 * it. An editor gets a menu of the list's members inside the row's one-click form (each a submit
 * button `assigneeId=<id>`, the current one pressed); a reader sees who is assigned, as text.
 * Nothing where the reader is the list's only member and nobody is assigned.
 */
export function assigneeHtml(task: Task, choices: AssignChoices | undefined, readOnly: boolean): string {
  if (!choices) return "";
  const current = task.assigneeId ?? "";
  const assignee = current ? choices.options.find((option) => option.value === current) : undefined;
  if (choices.options.length <= 2 && !assignee) return "";
  if (!choices.canAssign || readOnly)
    return assignee ? `<span class="assignee">Assigned to ${escapeHtml(assignee.label)}</span>` : "";
  const items = choices.options
    .map((option) => {
      const pressed = option.value === current;
      return (
        `<button type="submit" name="assigneeId" value="${escapeHtml(option.value)}" aria-pressed="${pressed}" class="menu-item">` +
        escapeHtml(option.label) +
        (pressed
          ? `<svg aria-hidden="true" fill="currentColor" class="size-4 text-indigo-600"><use href="${spriteUrl}#check"></use></svg>`
          : "") +
        `</button>`
      );
    })
    .join("");
  const label = `“${task.title}” is assigned to ${assignee?.label ?? "nobody"}. Change who`;
  // Who the row shows as assigned: a choice applies unless someone changed the assignee since.
  return (
    `<input type="hidden" name="base.assigneeId" value="${escapeHtml(current)}">` +
    `<details name="${MENU_NAME}" class="group relative z-10 open:z-30">` +
    `<summary aria-label="${escapeHtml(label)}" class="menu-summary"><span class="assignee">${escapeHtml(assignee?.label ?? "Assign")}</span>` +
    `<svg aria-hidden="true" fill="currentColor" class="size-3 text-slate-500"><use href="${spriteUrl}#chevron"></use></svg>` +
    `</summary><div class="menu-panel">${items}</div></details>`
  );
}
