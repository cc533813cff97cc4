/**
 * What "the words typed" means for search, shared by the repository (the stored `searchText`
 * and the query's filter), the service (query words, cursor binding) and the list page (the
 * `<mark>`s). No dependencies, so the browser can use it too.
 *
 * A word is a run of letters and digits, folded: lower case, accents and other marks removed,
 * a few letters that have no decomposition spelled out ("ß" -> "ss"). A query matches a task
 * when every query word starts one of the task's words (word-prefix matching, as most
 * trackers do: "plan" finds "planning", "ann" does not find "planning").
 */

/**
 * Tasks one search page may examine (over all its Queries): the bound on what a search page
 * reads (task-repository.ts says what that costs).
 */
export const SEARCH_EXAMINE_LIMIT = 1000;

/** Queries longer than this (in characters as a person counts them) are refused. */
export const SEARCH_MAX = 200;

// Letters with no Unicode decomposition to a base letter, and the final sigma (lower-casing a
// whole string gives "ς" at the end of a word, one letter at a time gives "σ": make them one).
const SPECIAL_FOLDS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  ı: "i",
  þ: "th",
  ς: "σ",
};
// The keys above, as a literal: a `new RegExp(…)` at the top of a module stays in every browser
// file that imports anything from it (the minifier cannot tell it has no side effects).
const SPECIAL = /[ßæœøđðłıþς]/gu;
const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]/gu;
/** A word as it stands in the original text: marks included, so "e" + U+0301 stays one word. */
const RAW_WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The folded form of a piece of text, keeping only letters and digits. */
function foldWord(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(MARKS, "")
    .replace(SPECIAL, (letter) => SPECIAL_FOLDS[letter] ?? letter)
    .replace(NOT_WORD, "");
}

/** The distinct folded words of a text, in order of first appearance. */
export function foldedWords(text: string): string[] {
  const words = new Set<string>();
  for (const [raw] of text.matchAll(RAW_WORD)) {
    const word = foldWord(raw);
    if (word) words.add(word);
  }
  return [...words];
}

/**
 * The words a query asks for: distinct, and without those that another query word starts
 * with ("plan planning" needs only "planning"), so the filter has no redundant terms.
 */
export function searchWords(query: string): string[] {
  const words = foldedWords(query);
  return words.filter((word) => !words.some((other) => other !== word && other.startsWith(word))).sort();
}

/**
 * What a task stores for search: its distinct words, each preceded by a space, so the filter
 * `contains(searchText, " " + word)` is "some word starts with this".
 */
export function searchTextFor(title: string, description: string): string {
  return ` ${foldedWords(`${title}\n${description}`).join(" ")}`;
}

export function matchesSearch(searchText: string, words: readonly string[]): boolean {
  return words.every((word) => searchText.includes(` ${word}`));
}

export interface TextPart {
  text: string;
  mark: boolean;
}

/**
 * Splits text into marked and unmarked parts: the start of each word that a query word
 * begins, as long in the original text as the query word is once folded ("Caf" of "Café…"
 * for "caf", "Café" for "cafe").
 */
export function markWords(text: string, words: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  let shown = 0;
  if (words.length > 0) {
    for (const match of text.matchAll(RAW_WORD)) {
      const raw = match[0];
      const folded = foldWord(raw);
      const longest = Math.max(0, ...words.filter((word) => folded.startsWith(word)).map((word) => word.length));
      if (longest === 0) continue;
      // Walk the original word one code point at a time until its folded form covers the match.
      let length = 0;
      let covered = 0;
      for (const char of raw) {
        if (covered >= longest) break;
        covered += foldWord(char).length;
        length += char.length;
      }
      // Marks that follow the last matched letter belong to it.
      while (length < raw.length && /\p{M}/u.test(raw[length] ?? "")) length += 1;
      const start = match.index;
      if (start > shown) parts.push({ text: text.slice(shown, start), mark: false });
      parts.push({ text: text.slice(start, start + length), mark: true });
      shown = start + length;
    }
  }
  if (shown < text.length) parts.push({ text: text.slice(shown), mark: false });
  return parts;
}

/**
 * A short part of a description around its first match, for a result row, with "…" where
 * text was left out; null when no word of the description matches.
 */
export function searchSnippet(text: string, words: readonly string[], context = 40): TextPart[] | null {
  const parts = markWords(text, words);
  const firstMark = parts.findIndex((part) => part.mark);
  if (firstMark === -1) return null;
  const before = parts
    .slice(0, firstMark)
    .map((part) => part.text)
    .join("");
  if (before.length <= context) return parts;
  // Start at a word boundary within the last `context` characters before the match.
  const cut = before.length - context;
  const space = before.indexOf(" ", cut);
  const start = space === -1 || space >= before.length - 1 ? cut : space + 1;
  return [{ text: `…${before.slice(start)}`, mark: false }, ...parts.slice(firstMark)];
}

/** A result row's title with its matches marked, and its description's snippet (null: none). */
export interface TaskMarks {
  title: TextPart[];
  description: TextPart[] | null;
}

/**
 * The marks of each task on a search's page, by task id (none without a search). Worked out
 * where the search runs, so the browser's bundle carries no word folding of its own.
 */
export function marksForTasks(
  tasks: readonly { id: string; title: string; description: string }[],
  query: string | undefined,
): Record<string, TaskMarks> {
  const words = query ? searchWords(query) : [];
  const marks: Record<string, TaskMarks> = {};
  if (words.length === 0) return marks;
  for (const task of tasks)
    marks[task.id] = {
      title: markWords(task.title, words),
      description: task.description ? searchSnippet(task.description, words) : null,
    };
  return marks;
}
