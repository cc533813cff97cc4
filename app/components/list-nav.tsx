import { Link } from "@remix-run/react";
import { ListDot } from "#app/components/list-chip.tsx";
import { listPath } from "#app/task-urls.ts";
import type { ListColor } from "#src/lists/list.ts";

export interface NavList {
  id: string;
  name: string;
  color: ListColor;
  shared: boolean;
  archived: boolean;
  inbox: boolean;
}

/**
 * The user's lists: the Inbox, then each list (shared ones marked), then "New list". Archived
 * lists are left out here (the list's own page still opens, to restore it).
 */
export function ListNav({ lists, current }: { lists: NavList[]; current: string | null }) {
  const shown = lists.filter((list) => !list.archived || list.id === current);
  return (
    <nav aria-label="Lists" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1 py-0.5 text-sm">
        {shown.map((list) => (
          <li key={list.id} className="shrink-0">
            <Link
              to={listPath(list.inbox ? "inbox" : list.id)}
              aria-current={current === list.id ? "page" : undefined}
              className="nav-link inline-flex items-center gap-1.5"
            >
              <ListDot color={list.color} />
              {list.name}
              {list.shared && (
                <span className="muted text-xs" title="Shared">
                  · shared
                </span>
              )}
            </Link>
          </li>
        ))}
        <li className="shrink-0">
          <Link to="/lists/new" className="nav-link inline-flex items-center gap-1">
            <span aria-hidden="true">+</span> New list
          </Link>
        </li>
      </ul>
    </nav>
  );
}
