import { expect, test } from "vitest";
import { isShortcutKey } from "#app/components/keyboard-shortcuts.tsx";
import { SHORTCUTS, worksOn } from "#app/keyboard-shortcuts.ts";

// One table (app/keyboard-shortcuts.ts) says which keys work where: the help dialog lists it,
// the keys' code acts only where it says, and the page's listener loads that code on its keys.

test("every key that starts a shortcut loads the keys' code, Enter aside (until a task is current it is the focused control's)", () => {
  const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys).filter((key) => key !== "Enter");
  expect(keys.length).toBeGreaterThan(10);
  for (const key of keys) expect(isShortcutKey(key), key).toBe(true);
});

test("keys that start no shortcut leave the page alone", () => {
  for (const key of ["a", "e", "t", "D", "Del", " ", "Tab", "Enter", "Escape", "1", "Shift", "Arrow"])
    expect(isShortcutKey(key), key).toBe(false);
});

test("the list and the board each have their own keys, and share the rest", () => {
  expect(worksOn("list", "n")).toBe(true);
  expect(worksOn("board", "n")).toBe(false);
  expect(worksOn("list", "/")).toBe(true);
  expect(worksOn("board", "/")).toBe(false);
  expect(worksOn("board", "h")).toBe(true);
  expect(worksOn("board", "ArrowRight")).toBe(true);
  expect(worksOn("list", "l")).toBe(false);
  for (const key of ["j", "k", "ArrowDown", "s", "p", "x", "z", "#", "?", "o"]) {
    expect(worksOn("list", key), key).toBe(true);
    expect(worksOn("board", key), key).toBe(true);
  }
});
