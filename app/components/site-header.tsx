import { Link, useLocation } from "@remix-run/react";
import { AccountMenu } from "#app/components/account-menu.tsx";
import { NAV_ITEMS, currentNavKey } from "#app/site-nav.ts";

export function SiteHeader({ user }: { user: { email: string } | null }) {
  const location = useLocation();
  const current = currentNavKey(location.pathname, location.search);
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
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
            {/* Below sm the links get a row of their own under the logo and the menu. */}
            <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
              <ul className="flex gap-1 text-sm">
                {NAV_ITEMS.map((item) => {
                  const isCurrent = current === item.key;
                  return (
                    <li key={item.key}>
                      <Link
                        to={item.to}
                        aria-current={isCurrent ? "page" : undefined}
                        className={`block rounded-lg px-3 py-1.5 font-medium whitespace-nowrap ${
                          isCurrent
                            ? "bg-indigo-50 text-indigo-800 ring-1 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-800"
                            : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                        }`}
                      >
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
            <Link
              to="/login"
              className="rounded-lg px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              Sign in
            </Link>
            <Link
              to="/signup"
              className="rounded-lg bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
            >
              Sign up
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
