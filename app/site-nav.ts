/** The site's primary places, and which one a URL belongs to (browser-safe, no React). */
export const NAV_ITEMS = [
  { key: "today", label: "Today", to: "/tasks?due=today" },
  { key: "all", label: "All tasks", to: "/tasks" },
  { key: "board", label: "Board", to: "/board" },
] as const;

export type NavKey = (typeof NAV_ITEMS)[number]["key"];

/** The place to mark aria-current="page" for this URL, or null (e.g. account settings). */
export function currentNavKey(pathname: string, search: string): NavKey | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === "/board" || path.startsWith("/board/")) return "board";
  if (path === "/tasks") return new URLSearchParams(search).get("due") === "today" ? "today" : "all";
  // Export and import live under /tasks but are reached from the account menu, like settings.
  if (path === "/tasks/import" || path.startsWith("/tasks/export")) return null;
  if (path.startsWith("/tasks/")) return "all";
  return null;
}
