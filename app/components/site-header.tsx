import { Form, Link } from "@remix-run/react";
import { usePendingForm } from "#app/components/use-pending-form.ts";

export function SiteHeader({ user }: { user: { email: string } | null }) {
  const signingOut = usePendingForm("/logout");
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
        <nav aria-label="Account" className="flex min-w-0 items-center gap-2 text-sm">
          {user ? (
            <>
              <span className="min-w-0 truncate text-slate-600 dark:text-slate-300">
                <span className="sr-only">Signed in as </span>
                {user.email}
              </span>
              <Form method="post" action="/logout" className="shrink-0">
                <button
                  type="submit"
                  disabled={signingOut}
                  className="whitespace-nowrap rounded-lg border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-70 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
                >
                  {signingOut ? "Signing out…" : "Sign out"}
                </button>
              </Form>
            </>
          ) : (
            <>
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
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
