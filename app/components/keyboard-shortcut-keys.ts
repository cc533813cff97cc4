import { rowBoxes } from "#app/components/bulk-toolbar.tsx";
import { TASK_PRIORITIES, TASK_STATUSES } from "#src/tasks/task-constants.ts";

/**
 * What each key of the task list's shortcuts does (keyboard-shortcuts.tsx loads this on the
 * first key press and hands it that key). Keys act on the selected tasks, or on the current one
 * (moved with j/k, marked and focused: Enter then opens it, as the link it is); changes go
 * through the same bulk and undo forms as the buttons, so each has an Undo.
 */

const TWO_KEY_TIMEOUT_MS = 2000;

export interface ShortcutState {
  /** The id of the current task (j/k), or null. */
  current: { current: string | null };
  /** The first key of a two-key shortcut (s 1–3, p 0–4) while the second is awaited. */
  pending: { current: { key: "s" | "p"; timer: ReturnType<typeof setTimeout> } | null };
  announce: (text: string) => void;
  /** Posts the bulk form's fields for these tasks (the page's own returnTo is added). */
  submitBulk: (fields: Record<string, string>, ids: string[]) => void;
  showHelp: () => void;
}

function rows(): HTMLLIElement[] {
  return [...document.querySelectorAll<HTMLLIElement>("li[data-task-id]")];
}

function titleOf(row: HTMLElement): string {
  return row.querySelector("h3")?.textContent?.trim() ?? "task";
}

function checkedIds(): string[] {
  return rowBoxes()
    .filter((box) => box.checked)
    .map((box) => box.value);
}

/** Acts on one key press (one not typed into a field, with no modifier key). */
export function runShortcut(event: KeyboardEvent, state: ShortcutState): void {
  const { current, pending, announce } = state;
  const key = event.key;
  const currentRow = () => rows().find((row) => row.dataset.taskId === current.current);
  const moveTo = (row: HTMLLIElement | undefined) => {
    if (!row) return;
    for (const other of rows()) delete other.dataset.current;
    row.dataset.current = "true";
    current.current = row.dataset.taskId ?? null;
    row.querySelector<HTMLAnchorElement>("h3 a")?.focus();
  };
  const bulk = (fields: Record<string, string>) => {
    const selected = checkedIds();
    const ids = selected.length > 0 ? selected : current.current ? [current.current] : [];
    if (ids.length === 0) announce("Select a task first: j and k move between tasks, x selects.");
    else state.submitBulk(fields, ids);
  };

  if (pending.current) {
    const { key: prefix, timer } = pending.current;
    clearTimeout(timer);
    pending.current = null;
    const index = Number(key);
    if (prefix === "s" && TASK_STATUSES[index - 1]) {
      event.preventDefault();
      bulk({ action: "status", status: TASK_STATUSES[index - 1]! });
      return;
    }
    if (prefix === "p" && /^[0-4]$/.test(key)) {
      event.preventDefault();
      bulk({ action: "priority", priority: TASK_PRIORITIES[index]! });
      return;
    }
    announce("Cancelled.");
    return;
  }

  const list = rows();
  const at = list.findIndex((row) => row.dataset.taskId === current.current);
  switch (key) {
    case "n":
      event.preventDefault();
      document.querySelector<HTMLInputElement>("#new-title")?.focus();
      announce("New task: type its title.");
      return;
    case "/": {
      const search = document.querySelector<HTMLInputElement>('input[name="q"]');
      if (!search) return;
      event.preventDefault();
      search.focus();
      search.select();
      return;
    }
    case "j":
    case "k": {
      event.preventDefault();
      if (list.length === 0) return announce("No tasks on this page.");
      const next = at < 0 ? 0 : Math.min(Math.max(at + (key === "j" ? 1 : -1), 0), list.length - 1);
      moveTo(list[next]);
      return;
    }
    case "x": {
      const row = currentRow();
      if (!row) return announce("Move to a task first with j or k.");
      event.preventDefault();
      row.querySelector<HTMLInputElement>('input[name="ids"]')?.click();
      const count = checkedIds().length;
      announce(
        `${row.querySelector<HTMLInputElement>('input[name="ids"]')?.checked ? "Selected" : "Unselected"} “${titleOf(row)}”. ${count} selected.`,
      );
      return;
    }
    case "s":
    case "p":
      event.preventDefault();
      pending.current = {
        key,
        timer: setTimeout(() => {
          pending.current = null;
        }, TWO_KEY_TIMEOUT_MS),
      };
      announce(
        key === "s"
          ? "Set status: 1 To do, 2 In progress, 3 Done."
          : "Set priority: 0 None, 1 Low, 2 Medium, 3 High, 4 Urgent.",
      );
      return;
    case "Delete":
    case "#":
      event.preventDefault();
      bulk({ action: "delete" });
      return;
    case "z": {
      const undo = document.querySelector<HTMLButtonElement>("[data-undo]");
      event.preventDefault();
      if (undo) undo.click();
      else announce("Nothing to undo.");
      return;
    }
    case "?":
      event.preventDefault();
      state.showHelp();
      return;
  }
}
