import { Link } from "@remix-run/react";
import type { ListColor } from "#src/lists/list.ts";

export interface NavList {
  id: string;
  name: string;
  color: ListColor;
  shared: boolean;
  archived: boolean;
  inbox: boolean;
}

/** A link the navigation shows, worked out on the server (app/.server/lists.ts). */
export interface NavLink {
  href: string;
  label: string;
  color?: ListColor;
  current?: boolean;
}

/**
 * The user's lists (the Inbox first, shared ones marked, archived ones only when open), "New
 * list", and the open list's own pages (its board, sharing, settings).
 */
export function ListNav({ links, pages = [] }: { links: NavLink[]; pages?: NavLink[] }) {
  return (
    <nav aria-label="Lists" className="space-y-1 text-sm">
      <ul className="-mx-1 flex gap-1 overflow-x-auto px-1 py-0.5">
        {links.map((link) => (
          <li key={link.href} className="shrink-0">
            <Link
              to={link.href}
              aria-current={link.current ? "page" : undefined}
              className="nav-link inline-flex items-center gap-1.5"
            >
              {link.color && <span aria-hidden="true" data-color={link.color} className="list-dot" />}
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
      {pages.length > 0 && (
        <p className="flex gap-4">
          {pages.map((page) => (
            <Link key={page.href} to={page.href} className="link">
              {page.label}
            </Link>
          ))}
        </p>
      )}
    </nav>
  );
}
