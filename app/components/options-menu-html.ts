import spriteUrl from "#app/icons.svg?url";
import { PRIORITY_LABELS, PRIORITY_OPTIONS, STATUS_LABELS, STATUS_OPTIONS } from "#app/task-display.ts";
import { serverHtml } from "#app/components/server-html.ts";
import type { TaskPriority, TaskStatus } from "#src/tasks/task-constants.ts";

/**
 * A row's status or priority menu as the server writes it: one string instead of some thirty
 * React elements a row (25 rows were about a quarter of a list page's server rendering). The
 * browser hydrates it with the JSX in task-row.tsx (OptionsMenu), which renders the same DOM;
 * tests/unit/options-menu-html.test.ts holds them equal, byte for byte as React writes them.
 * The list pages' loader imports it (app/.server/task-views.ts), which registers it in server-html.ts.
 */

/** Text and attribute values escaped as React escapes them. */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const sprite = escapeHtml(spriteUrl);

/** icons.tsx's Icon. */
const icon = (name: string, className: string) =>
  `<svg aria-hidden="true" fill="currentColor" class="${className}"><use href="${sprite}#${name}"></use></svg>`;

/** status-badge.tsx's StatusBadge and task-badges.tsx's PriorityBadge. */
function badge(field: "status" | "priority", value: string): string {
  return field === "status"
    ? `<span data-status="${value}" class="badge"><span aria-hidden="true" class="badge-dot"></span>${escapeHtml(STATUS_LABELS[value as TaskStatus])}</span>`
    : `<span data-priority="${value}" class="badge">${icon("flag", "size-3")}${escapeHtml(PRIORITY_LABELS[value as TaskPriority])}</span>`;
}

/** What goes inside the menu's <details>: its summary (the badge, the chevron) and a button per value, the current one pressed. */
export function optionsMenuInnerHtml(field: "status" | "priority", current: string, label: string): string {
  const options: readonly { value: string; label: string }[] = field === "status" ? STATUS_OPTIONS : PRIORITY_OPTIONS;
  let buttons = "";
  for (const option of options) {
    const pressed = option.value === current;
    buttons +=
      `<button type="submit" name="${field}" value="${option.value}" aria-pressed="${pressed}" class="menu-item">` +
      `${escapeHtml(option.label)}${pressed ? icon("check", "size-4 text-indigo-600") : ""}</button>`;
  }
  return (
    `<summary aria-label="${escapeHtml(label)}" class="menu-summary">${badge(field, current)}${icon("chevron", "size-3 text-slate-500")}</summary>` +
    `<div class="menu-panel">${buttons}</div>`
  );
}

serverHtml.optionsMenu = optionsMenuInnerHtml;
