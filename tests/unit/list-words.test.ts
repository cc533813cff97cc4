import { expect, test } from "vitest";
import { listWords } from "#app/.server/list-words.ts";

// The lines above a view's rows that say what narrows it, each with its way out.

const page = { found: 2, laterPage: false, nextPage: false, moreToSearch: false, today: "2026-12-07" };

test("a label view says so and clears only its label, keeping status, search and the list", () => {
  const words = listWords(
    { base: "/lists/l_1", status: "todo", sort: "due", q: "milk", label: "errand" },
    page,
    "Home",
    "Errand",
  );
  expect(words.filterNotes).toEqual([
    {
      message: "2 tasks match “milk”.",
      clear: { to: "/lists/l_1?status=todo&sort=due&label=errand", text: "Clear search" },
    },
    {
      message: "Only tasks labelled @Errand.",
      clear: { to: "/lists/l_1?status=todo&sort=due&q=milk", text: "Clear label" },
    },
  ]);
});

test("Today and Assigned to me keep their view when the label is cleared", () => {
  expect(listWords({ sort: "newest", due: "today", label: "errand" }, page).filterNotes).toEqual([
    { message: "Only tasks labelled @errand.", clear: { to: "/tasks?due=today", text: "Clear label" } },
  ]);
  expect(listWords({ sort: "newest", assignee: "me", label: "x" }, page).filterNotes[0]?.clear.to).toBe(
    "/tasks?assignee=me",
  );
});

test("a view with no search and no label has nothing to clear", () => {
  expect(listWords({ sort: "newest", status: "done" }, page).filterNotes).toEqual([]);
});

test("the search form keeps the view's parameters, the label among them, but not the search itself", () => {
  expect(
    listWords({ base: "/lists/l_1", status: "todo", sort: "due", q: "milk", label: "errand" }, page).searchKeeps,
  ).toEqual([
    ["status", "todo"],
    ["sort", "due"],
    ["label", "errand"],
  ]);
  expect(listWords({ sort: "priority", due: "today", assignee: "me" }, page).searchKeeps).toEqual([
    ["assignee", "me"],
    ["due", "today"],
  ]);
  expect(listWords({ sort: "newest" }, page).searchKeeps).toEqual([]);
});
