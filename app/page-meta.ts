import type { MetaDescriptor } from "@remix-run/node";

const DEFAULT_DESCRIPTION = "Keep track of what you need to do, what you are doing and what is done.";

/**
 * A page's <title> and description. Remix replaces (never merges) the parent's meta, so every
 * route states both; search engines and link previews want a description on each page.
 */
export function pageMeta(title: string, description = DEFAULT_DESCRIPTION): MetaDescriptor[] {
  return [{ title }, { name: "description", content: description }];
}
