import type { UIMatch } from "@remix-run/react";

/**
 * What a route tells the document around it (Remix's `handle` export).
 * - `wide`: the page needs the full width (the board's three columns).
 * - `hydrate: false`: the page works entirely as server-rendered HTML (plain forms and links),
 *   so the browser gets no JavaScript at all for it: the sign-in and sign-up pages, password
 *   reset, the landing page. A page reached by a client-side navigation still renders normally.
 * - `liveLists`: the lists the page shows, from its loader data (ids, or "inbox"): with
 *   JavaScript the page follows them over the live-updates socket and reloads its data when one
 *   changes (components/live-updates.tsx).
 */
export interface PageHandle {
  wide?: boolean;
  hydrate?: boolean;
  liveLists?: (data: unknown) => string[];
}

/** The lists a view of tasks shows: its loader data's `live` (the one list, or every list across lists). */
export const VIEW_LIVE = (data: unknown) => (data as { live?: string[] } | null)?.live ?? [];

/** The lists the matched routes show (the live-updates client follows each once). */
export function liveListsOf(matches: UIMatch[]): string[] {
  return matches.flatMap((match) => pageHandle(match).liveLists?.(match.data) ?? []);
}

function pageHandle(match: UIMatch): PageHandle {
  return (match.handle ?? {}) as PageHandle;
}

export const STATIC_PAGE: PageHandle = { hydrate: false };

export function pageHandles(matches: UIMatch[]): PageHandle[] {
  return matches.map(pageHandle);
}
