import { expect, test } from "vitest";
import { describeChanges } from "#app/live-client.ts";

const row = (title: string, status: string, priority = "", by = "") => ({ title, status, priority, by });

test("what someone else did to the rows still shown is said briefly, by name", () => {
  const before = new Map([
    ["a", row("Pay rent", "To do")],
    ["b", row("Water the fern", "To do", "No priority")],
    ["c", row("Call mum", "To do")],
    ["d", row("Draft", "To do")],
  ]);
  const after = new Map([
    ["a", row("Pay rent", "Done", "", "ana")],
    ["b", row("Water the fern", "To do", "Urgent", "ben")],
    ["c", row("Call dad", "To do", "", "ana")],
    ["d", row("Draft", "In progress", "", "ana")],
  ]);

  expect(describeChanges(before, after)).toEqual([
    "ana completed Pay rent",
    "ben set the priority of Water the fern to Urgent",
    "ana renamed Call mum to Call dad",
    "ana moved Draft to In progress",
  ]);
});

test("the reader's own changes, rows without a byline and rows new to the page are not said", () => {
  const before = new Map([
    ["a", row("Pay rent", "To do")],
    ["b", row("Water the fern", "To do")],
  ]);
  const after = new Map([
    ["a", row("Pay rent", "Done", "", "you")],
    ["b", row("Water the fern", "Done")],
    ["c", row("New one", "To do", "", "ana")],
  ]);

  expect(describeChanges(before, after)).toEqual([]);
});
