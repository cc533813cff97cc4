import { rowBoxes } from "#app/components/bulk-toolbar.tsx";
import { worksOn, type ShortcutPage } from "#app/keyboard-shortcuts.ts";
import { TASK_PRIORITIES, TASK_STATUSES } from "#src/tasks/task-constants.ts";

/**
 * What each key of the shortcuts does on the task list and the board (keyboard-shortcuts.tsx
 * loads this on the first key press and hands it that key); a key acts only where
 * app/keyboard-shortcuts.ts says it works, so the help dialog and the keys agree. Keys act on
 * the selected tasks (the list), or on the current one: moved with j/k (and h/l between the
 * board's columns), marked and focused, so Enter then opens it, as the link it is. Changes go
 * through the same bulk and undo forms as the list's buttons, so each has an Undo; on the board
 * a card whose status changes moves column in the reload, and stays current there.
 */

const TWO_KEY_TIMEOUT_MS = 2000;

export interface ShortcutState {
  page: ShortcutPage;
  /** The id of the current task (j/k), or null. */
  current: { current: string | null };
  /** The first key of a two-key shortcut (s 1–3, p 0–4) while the second is awaited. */
  pending: { current: { key: "s" | "p"; timer: ReturnType<typeof setTimeout> } | null };
  announce: (text: string) => void;
  /** Posts the bulk form's fields for these tasks (the page's own returnTo is added). */
  submitBulk: (fields: Record<string, string>, ids: string[]) => void;
  showHelp: () => void;
}

/** Every task's row or card, in page order (on the board: column by column). */
function rows(within: ParentNode = document): HTMLLIElement[] {
  return [...within.querySelectorAll<HTMLLIElement>("li[data-task-id]")];
}

function titleOf(row: HTMLElement): string {
  return row.querySelector("h3")?.textContent?.trim() ?? "task";
}

/** What the bulk form names a task by: the row's checkbox says it on the list, the card itself on the board. */
function refOf(row: HTMLElement): string | undefined {
  return row.querySelector<HTMLInputElement>("input[name=ids]")?.value ?? row.dataset.ref;
}

function checkedIds(): string[] {
  return rowBoxes()
    .filter((box) => box.checked)
    .map((box) => box.value);
}

/** Marks the current task's row or card (visibly, and as current for screen readers). */
export function markCurrent(taskId: string | null): HTMLLIElement | undefined {
  const row = rows().find((each) => each.dataset.taskId === taskId);
  if (!row || row.dataset.current) return row;
  for (const other of rows()) {
    delete other.dataset.current;
    other.querySelector("h3 a")?.removeAttribute("aria-current");
  }
  row.dataset.current = "true";
  row.querySelector("h3 a")?.setAttribute("aria-current", "true");
  // A card that moved column may be out of sight (a phone shows one column at a time).
  row.scrollIntoView({ block: "nearest", inline: "nearest" });
  return row;
}

/** The board's column holding this card, and the columns with cards in them. */
function columnsAround(row: HTMLElement) {
  const columns = [...document.querySelectorAll<HTMLElement>("[data-column]")].filter((column) => rows(column).length);
  return { columns, at: columns.findIndex((column) => column.contains(row)) };
}

/** The card in `column` nearest in height to `row`, so moving sideways keeps one's place. */
function nearestIn(column: HTMLElement, row: HTMLElement): HTMLLIElement | undefined {
  const top = row.getBoundingClientRect().top;
  const distance = (card: HTMLElement) => Math.abs(card.getBoundingClientRect().top - top);
  return rows(column).reduce<HTMLLIElement | undefined>(
    (best, card) => (!best || distance(card) < distance(best) ? card : best),
    undefined,
  );
}

const KEY_ALIASES: Record<string, string> = { ArrowDown: "j", ArrowUp: "k", ArrowLeft: "h", ArrowRight: "l" };

/** Acts on one key press (one not typed into a field, with no modifier key). */
export function runShortcut(event: KeyboardEvent, state: ShortcutState): void {
  const { current, pending, announce, page } = state;
  const key = KEY_ALIASES[event.key] ?? event.key;
  const currentRow = () => rows().find((row) => row.dataset.taskId === current.current);
  const moveTo = (row: HTMLLIElement | undefined) => {
    if (!row) return;
    current.current = row.dataset.taskId ?? null;
    markCurrent(current.current)?.querySelector<HTMLAnchorElement>("h3 a")?.focus();
  };
  const bulk = (fields: Record<string, string>) => {
    const selected = checkedIds();
    const row = currentRow();
    if (selected.length > 0) return state.submitBulk(fields, selected);
    const ref = row && refOf(row);
    if (!row || !ref) announce("Select a task first: j and k move between tasks, x selects.");
    else if (row.dataset.readOnly !== undefined) announce(`You can read “${titleOf(row)}” but not change it.`);
    else state.submitBulk(fields, [ref]);
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

  if (!worksOn(page, event.key)) return;
  const row = currentRow();
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
      if (!row) return rows()[0] ? moveTo(rows()[0]) : announce("No tasks on this page.");
      // Within the row's own list: the task list, or the card's column.
      const list = rows(row.parentElement ?? document);
      const at = list.indexOf(row);
      moveTo(list[Math.min(Math.max(at + (key === "j" ? 1 : -1), 0), list.length - 1)]);
      return;
    }
    case "h":
    case "l": {
      event.preventDefault();
      if (!row) return rows()[0] ? moveTo(rows()[0]) : announce("No tasks on this page.");
      const { columns, at } = columnsAround(row);
      const column = columns[at + (key === "l" ? 1 : -1)];
      if (column) moveTo(nearestIn(column, row));
      else announce(`No more cards to the ${key === "l" ? "right" : "left"}.`);
      return;
    }
    case "Enter":
    case "o": {
      // Enter on a control is that control's; o, or Enter elsewhere, opens the current task.
      if (!row || (key === "Enter" && document.activeElement?.closest("a,button,summary,[role=dialog]"))) return;
      event.preventDefault();
      row.querySelector<HTMLAnchorElement>("h3 a")?.click();
      return;
    }
    case "x": {
      if (!row) return announce("Move to a task first with j or k.");
      event.preventDefault();
      const box = row.querySelector<HTMLInputElement>("input[name=ids]");
      // The board has no selection: there x marks the card done, or back to do.
      if (!box) return bulk({ action: "status", status: row.closest("[data-column=done]") ? "todo" : "done" });
      box.click();
      announce(`${box.checked ? "Selected" : "Unselected"} “${titleOf(row)}”. ${checkedIds().length} selected.`);
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
