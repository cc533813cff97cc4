import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SORT_LABELS, SORT_OPTIONS } from "#app/task-display.ts";
import type { TaskSort } from "#src/tasks/task-constants.ts";
import { Icon } from "#app/components/icons.tsx";

export const linkClass = "font-semibold text-indigo-700 hover:underline dark:text-indigo-300";

/** A row of links where one is the current place (aria-current), styled as a segmented control. */
export function SegmentedNav({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: string; current: boolean }[];
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1 rounded-xl bg-slate-200/70 p-1 text-sm dark:bg-slate-800">
        {items.map((item) => (
          <li key={item.label}>
            <Link
              to={item.href}
              aria-current={item.current ? "page" : undefined}
              className={`block rounded-lg px-3 py-1.5 font-medium ${
                item.current
                  ? "bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-white"
                  : "text-slate-700 hover:bg-white/60 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-700 dark:hover:text-white"
              }`}
            >
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
    <details className="relative">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        <span className="text-slate-600 dark:text-slate-400">Sort:</span> {SORT_LABELS[sort]}
        <Icon name="chevron" className="size-3.5 text-slate-500" />
      </summary>
      <nav
        aria-label="Sort by"
        className="absolute right-0 z-30 mt-1 w-44 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <ul>
          {SORT_OPTIONS.map((option) => (
            <li key={option.value}>
              <Link
                to={hrefFor(option.value)}
                aria-current={option.value === sort ? "page" : undefined}
                className="block rounded-md px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-700 dark:text-slate-100 dark:hover:bg-slate-800 dark:aria-[current=page]:text-indigo-300"
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
    <p className="text-sm text-slate-600 dark:text-slate-300">
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
