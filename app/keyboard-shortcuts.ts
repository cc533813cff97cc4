/** The pages with single-key shortcuts: a list of tasks (/tasks, /lists/<id>) and a board. */
export type ShortcutPage = "list" | "board";

export interface Shortcut {
  /** The keys that start it, as `KeyboardEvent.key` names them. */
  keys: string[];
  /** The second key of a two-key shortcut, as shown ("1–3"). */
  then?: string;
  action: string;
  on: ShortcutPage[];
}

const BOTH: ShortcutPage[] = ["list", "board"];

/**
 * The single-key shortcuts and where each works: the help dialog and the account page list
 * them, and the keys' code (keyboard-shortcut-keys.ts) acts on a key only where this says it works.
 */
export const SHORTCUTS: Shortcut[] = [
  { keys: ["j", "k", "ArrowDown", "ArrowUp"], action: "Next / previous task (on the board, in its column)", on: BOTH },
  { keys: ["Enter", "o"], action: "Open the current task", on: BOTH },
  { keys: ["s"], then: "1–3", action: "Set status: 1 To do, 2 In progress, 3 Done", on: BOTH },
  { keys: ["p"], then: "0–4", action: "Set priority: 0 None … 4 Urgent", on: BOTH },
  { keys: ["Delete", "#"], action: "Delete the selected (or current) tasks, with undo", on: BOTH },
  { keys: ["z"], action: "Undo the last change", on: BOTH },
  { keys: ["?"], action: "Show these shortcuts", on: BOTH },
  { keys: ["n"], action: "New task (moves to the title field)", on: ["list"] },
  { keys: ["/"], action: "Search", on: ["list"] },
  { keys: ["x"], action: "Select or unselect the current task", on: ["list"] },
  { keys: ["h", "l", "ArrowLeft", "ArrowRight"], action: "Previous / next column", on: ["board"] },
  { keys: ["x"], action: "Mark the current card done, or not done", on: ["board"] },
];

/** Whether `key` starts a shortcut on this page. */
export function worksOn(page: ShortcutPage, key: string): boolean {
  return SHORTCUTS.some((shortcut) => shortcut.on.includes(page) && shortcut.keys.includes(key));
}
