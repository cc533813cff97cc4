import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SORT_LABELS, SORT_OPTIONS } from "#app/task-display.ts";
import type { TaskSort } from "#src/tasks/task-constants.ts";
import { Icon } from "#app/components/icons.tsx";
import { MENU_NAME } from "#app/components/use-closing-menus.ts";

export const linkClass = "link";

/** A row of links where one is the current place (aria-current), styled as a segmented control. */
export function SegmentedNav({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: string; current: boolean }[];
}) {
  return (
    <nav aria-label={label} className="min-w-0">
      <ul className="segments">
        {items.map((item) => (
          <li key={item.label}>
            <Link to={item.href} aria-current={item.current ? "page" : undefined} className="segment">
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "Sort: Due date" as a disclosure of links: one click each, bookmarkable, no script needed. */
export function SortMenu({ sort, hrefFor }: { sort: TaskSort; hrefFor: (sort: TaskSort) => string }) {
  return (
    <details name={MENU_NAME} className="relative">
      <summary className="btn-compact whitespace-nowrap">
        <span className="muted max-sm:sr-only">Sort:</span> {SORT_LABELS[sort]}
        <Icon name="chevron" className="size-3.5 text-slate-500" />
      </summary>
      <nav aria-label="Sort by" className="menu-panel right-0 z-30 w-44">
        <ul>
          {SORT_OPTIONS.map((option) => (
            <li key={option.value}>
              <Link
                to={hrefFor(option.value)}
                aria-current={option.value === sort ? "page" : undefined}
                className="menu-item"
              >
                {option.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}

/** Without a chosen time zone, dates are UTC's: say so, and where to change it. */
export function TimeZoneNote({ timeZone }: { timeZone: string | null | undefined }) {
  if (timeZone) return null;
  return (
    <p className="muted text-sm">
      Dates are shown in UTC.{" "}
      <Link to="/account" className={linkClass}>
        Set your time zone
      </Link>
    </p>
  );
}

export function Pager({
  firstHref,
  nextHref,
  nextLabel = "Next page",
  label = "Pages",
}: {
  firstHref?: string;
  nextHref?: string;
  nextLabel?: string;
  label?: string;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4 text-sm">
      {firstHref ? (
        <Link to={firstHref} className={linkClass}>
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {nextHref && (
        <Link to={nextHref} className={linkClass}>
          {nextLabel} →
        </Link>
      )}
    </nav>
  );
}

export function PlusIcon(): ReactNode {
  return <Icon name="plus" className="size-4" />;
}
