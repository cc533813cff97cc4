import { Link } from "@remix-run/react";
import { AccountMenu } from "#app/components/account-menu.tsx";
import { NAV_ITEMS, type NavKey } from "#app/site-nav.ts";

/** `current`: the place the page belongs to (root.tsx works it out from the URL). */
export function SiteHeader({ user, current }: { user: { email: string } | null; current: NavKey | null }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6 md:max-w-5xl">
        <Link to={user ? "/tasks" : "/"} className="flex items-center gap-2 text-lg font-bold tracking-tight">
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-lg bg-indigo-600 text-sm text-white"
          >
            ✓
          </span>
          Task Tracker
        </Link>
        {user ? (
          <>
            {/* Below sm the links get a row of their own under the logo and the menu (two lines on a
                phone); from md the header is wider than a reading page so that they fit on one. */}
            <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
              <ul className="flex flex-wrap gap-1 text-sm">
                {NAV_ITEMS.map((item) => {
                  return (
                    <li key={item.key}>
                      <Link to={item.to} aria-current={current === item.key ? "page" : undefined} className="nav-link">
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <nav aria-label="Account">
              <AccountMenu email={user.email} />
            </nav>
          </>
        ) : (
          <nav aria-label="Account" className="flex items-center gap-2 text-sm">
            <Link to="/login" className="nav-link">
              Sign in
            </Link>
            <Link to="/signup" className="btn btn-primary px-3 py-1.5 font-medium">
              Sign up
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
