import { Link } from "@remix-run/react";
import type { ListColor } from "#src/lists/list.ts";

/** A link the navigation shows, worked out on the server (app/.server/lists.ts). */
export interface NavLink {
  href: string;
  label: string;
  /** A list's link carries its colour; the open list's own pages (board, sharing, settings) do not. */
  color?: ListColor;
  current?: boolean;
}

/**
 * The user's lists (the Inbox first, shared ones marked, archived ones only when open), "New
 * list", then the open list's own pages.
 */
export function ListNav({ links }: { links: NavLink[] }) {
  return (
    <nav aria-label="Lists">
      <ul className="-mx-1 flex gap-1 overflow-x-auto px-1 py-0.5 text-sm">
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
    </nav>
  );
}
