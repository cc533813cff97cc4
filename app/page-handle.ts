import type { UIMatch } from "@remix-run/react";

/**
 * What a route tells the document around it (Remix's `handle` export).
 * - `wide`: the page needs the full width (the board's three columns).
 * - `hydrate: false`: the page works entirely as server-rendered HTML (plain forms and links),
 *   so the browser gets no JavaScript at all for it: the sign-in and sign-up pages, password
 *   reset, the landing page. A page reached by a client-side navigation still renders normally.
 */
export interface PageHandle {
  wide?: boolean;
  hydrate?: boolean;
}

export const STATIC_PAGE: PageHandle = { hydrate: false };

export function pageHandles(matches: UIMatch[]): PageHandle[] {
  return matches.map((match) => (match.handle ?? {}) as PageHandle);
}
