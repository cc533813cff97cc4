/**
 * Labels: names a list gives its tasks ("errand", "Home"), up to MAX_LABELS a task. A label is
 * matched without regard to case (its key, labelKey) and shown as the list first spelled it.
 * Plain data and functions only, so browser code and the parser use them for nothing.
 *
 * A label is 1 to LABEL_MAX letters, digits, marks, "_" or "-": what quick add reads after "@",
 * and nothing that could break a page, a URL or a DynamoDB key ("#" separates a key's parts).
 */
export const MAX_LABELS = 20;
export const LABEL_MAX = 40;
/** Labels one list may have (its Labels page, the suggestions: one Query reads them all). */
export const MAX_LIST_LABELS = 200;

/** The characters of a label, as a regular-expression class (the parser's "@label" uses it too). */
export const LABEL_CHARS = "\\p{L}\\p{N}\\p{M}_\\-";
const LABEL_PATTERN = new RegExp(`^[${LABEL_CHARS}]{1,${LABEL_MAX}}$`, "u");

/** A label's identity: case folded and in one Unicode form, so "Errand" and "errand" are one label. */
export function labelKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

export function isLabelName(name: string): boolean {
  return LABEL_PATTERN.test(name.normalize("NFC"));
}

/** Labels as a form field carries them: "errand, @home  work" (commas or spaces, an "@" allowed). */
export function splitLabelText(text: string): string[] {
  return text
    .split(/[,\s]+/u)
    .map((word) => word.replace(/^@/u, ""))
    .filter((word) => word !== "");
}

/**
 * The problem with these names as one task's labels, or null: each must be a label, and at
 * most MAX_LABELS different ones. Repeats (in any case) count once.
 */
export function labelsProblem(names: readonly string[]): string | null {
  // The name itself is not repeated back: it may be anything at all.
  if (names.some((name) => !isLabelName(name)))
    return `A label is 1 to ${LABEL_MAX} letters, digits, "-" or "_", with no spaces.`;
  if (new Set(names.map(labelKey)).size > MAX_LABELS) return `A task can have at most ${MAX_LABELS} labels.`;
  return null;
}

/** The names without repeats (the first spelling of each), in NFC. */
export function distinctLabels(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const normal = name.normalize("NFC");
    if (!seen.has(labelKey(normal))) seen.set(labelKey(normal), normal);
  }
  return [...seen.values()];
}

/** Whether the task's labels include this one (by key). */
export function hasLabel(labels: readonly string[] | undefined, key: string): boolean {
  return (labels ?? []).some((label) => labelKey(label) === key);
}

const INLINE_LABEL = new RegExp(`(^|\\s)@([${LABEL_CHARS}]{1,${LABEL_MAX}})(?=\\s|$)`, "gu");

/**
 * The "@label" words of a text taken out as labels ("Buy milk @errand" is "Buy milk" and
 * ["errand"]), as Todoist writes labels into a task's content: only whole words after a space
 * (an email address stays), up to MAX_LABELS different ones (the rest stay text), and none when
 * nothing else would be left of the title.
 */
export function takeLabels(text: string): { title: string; labels: string[] } {
  const labels: string[] = [];
  const title = text
    .replace(INLINE_LABEL, (word, space: string, name: string) => {
      if (labels.length >= MAX_LABELS && !hasLabel(labels, labelKey(name))) return word;
      if (!hasLabel(labels, labelKey(name))) labels.push(name);
      return space;
    })
    .replace(/\s{2,}/gu, " ")
    .trim();
  return title === "" || labels.length === 0 ? { title: text, labels: [] } : { title, labels };
}
