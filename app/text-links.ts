/**
 * Finds web links in plain text (a task's description), so a page can make them clickable and
 * leave the rest as text. Only http and https: anything else (javascript:, data:, mailto:) stays
 * text. Pure and browser-safe; the text itself is never parsed as HTML.
 */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

// Up to the next whitespace or a character that cannot be part of a bare URL in prose.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"`{}|\\^]+/gi;
// Punctuation that ends a sentence or encloses a link, rather than belonging to it.
const TRAILING = /[.,;:!?'"*_~”’»›]+$/;

/** The link as written, without the punctuation of the sentence around it ("(see https://a.b/x).") */
function trimEnd(candidate: string): string {
  let link = candidate;
  for (;;) {
    const before = link;
    link = link.replace(TRAILING, "");
    // A closing bracket belongs to the link only if the link opened one (Wikipedia's "Foo_(bar)").
    for (const [open, close] of [
      ["(", ")"],
      ["[", "]"],
    ] as const) {
      if (link.endsWith(close) && link.split(open).length < link.split(close).length) link = link.slice(0, -1);
    }
    if (link === before) return link;
  }
}

/** The web address a link's text points to, or null if it is not a usable http(s) URL. */
function hrefFor(link: string): string | null {
  try {
    const url = new URL(link);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The text in order, cut into plain parts and link parts (whose `href` is a normalized http(s) URL). */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const link = trimEnd(match[0]);
    const href = hrefFor(link);
    if (!href) continue;
    if (match.index > plainFrom) parts.push({ text: text.slice(plainFrom, match.index) });
    parts.push({ text: link, href });
    plainFrom = match.index + link.length;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom) });
  return parts;
}
