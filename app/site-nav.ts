/** The site's primary places, and which one a URL belongs to (browser-safe, no React). */
export const NAV_ITEMS = [
  { key: "today", label: "Today", to: "/tasks?due=today" },
  { key: "upcoming", label: "Upcoming", to: "/tasks?due=upcoming" },
  { key: "all", label: "All tasks", to: "/tasks" },
  { key: "assigned", label: "Assigned to me", to: "/tasks?assignee=me" },
  { key: "board", label: "Board", to: "/board" },
] as const;

export type NavKey = (typeof NAV_ITEMS)[number]["key"];

/** The place a list URL ("/tasks?due=upcoming&q=x", "/board") belongs to. */
function listNavKey(path: string, search: string): NavKey | null {
  if (path === "/board" || path.startsWith("/board/")) return "board";
  if (path !== "/tasks") return null;
  const params = new URLSearchParams(search);
  if (params.has("assignee")) return "assigned";
  const due = params.get("due");
  return due === "today" || due === "upcoming" ? due : "all";
}

/**
 * The place to mark aria-current="page" for this URL, or null (e.g. account settings). A task's
 * own page belongs to the view it was opened from (its `back` parameter), else to All tasks.
 */
export function currentNavKey(pathname: string, search: string): NavKey | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  // Export and import live under /tasks but are reached from the account menu, like settings.
  if (path === "/tasks/import" || path.startsWith("/tasks/export")) return null;
  if (path.startsWith("/tasks/")) {
    const back = new URLSearchParams(search).get("back") ?? "";
    const [backPath = "", backSearch = ""] = back.split("?", 2);
    return (back.startsWith("/") && listNavKey(backPath, backSearch)) || "all";
  }
  return listNavKey(path, search);
}
