import { expect, test } from "vitest";
import {
  markWords,
  marksForTasks,
  matchesSearch,
  searchSnippet,
  searchTextFor,
  searchWords,
  type TextPart,
} from "#src/tasks/task-search.ts";

const marked = (text: string, q: string) =>
  markWords(text, searchWords(q))
    .map((part) => (part.mark ? `[${part.text}]` : part.text))
    .join("");

test("search text is each distinct word once, folded: lower case, no accents, ß as ss", () => {
  expect(searchTextFor("Café CAFÉ, Straße!", "Ærøskøbing   naïve\nΟΔΟΣ café")).toBe(
    " cafe strasse aeroskobing naive οδοσ",
  );
});

test("query words are folded, deduplicated and drop those another word starts with", () => {
  expect(searchWords("  Plan PLANNING café  ")).toEqual(["cafe", "planning"]);
  expect(searchWords("?! …")).toEqual([]);
});

test("every query word must start some word of the text", () => {
  const text = searchTextFor("Planning the café move", "");

  expect(matchesSearch(text, searchWords("plan cafe"))).toBe(true);
  expect(matchesSearch(text, searchWords("CAFÉ mov"))).toBe(true);
  expect(matchesSearch(text, searchWords("anning"))).toBe(false);
  expect(matchesSearch(text, searchWords("plan tea"))).toBe(false);
});

test("marks cover as much of the original word as the query word folds to", () => {
  expect(marked("Café au lait", "cafe")).toBe("[Café] au lait");
  expect(marked("Café au lait", "caf")).toBe("[Caf]é au lait");
  expect(marked("Straße fegen", "strass")).toBe("[Straß]e fegen");
  // A decomposed accent stays with its letter.
  expect(marked("Cafe\u0301 noir", "cafe")).toBe("[Cafe\u0301] noir");
  expect(marked("plan, planning and replan", "plan")).toBe("[plan], [plan]ning and replan");
  expect(marked("nothing here", "zebra")).toBe("nothing here");
});

test("a snippet starts near the first match, at a word, with an ellipsis", () => {
  const text = `${"word ".repeat(30)}then the café and more`;
  const parts = searchSnippet(text, searchWords("cafe"), 20);

  expect(parts?.map((part) => (part.mark ? `[${part.text}]` : part.text)).join("")).toBe(
    "…word word then the [café] and more",
  );
  expect(searchSnippet("short café text", searchWords("cafe"))?.[0]).toEqual({ text: "short ", mark: false });
  expect(searchSnippet("no match here", searchWords("cafe"))).toBeNull();
});

test("a search's page gets each task's marked title and snippet from the server, by id", () => {
  const tasks = [
    { id: "a", title: "Plan the café", description: "" },
    { id: "b", title: "Nothing", description: `${"word ".repeat(30)}then the planning` },
  ];
  const marks = marksForTasks(tasks, "plan");
  const text = (parts: TextPart[] | null | undefined) =>
    parts?.map((part) => (part.mark ? `[${part.text}]` : part.text)).join("");

  expect(text(marks.a?.title)).toBe("[Plan] the café");
  expect(marks.a?.description).toBeNull();
  expect(text(marks.b?.title)).toBe("Nothing");
  expect(text(marks.b?.description)).toBe("…word word word word word word then the [plan]ning");
  expect(marksForTasks(tasks, undefined)).toEqual({});
  expect(marksForTasks(tasks, "  ")).toEqual({});
});
