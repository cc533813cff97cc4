import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { Icon } from "#app/components/icons.tsx";

const itemClass =
  "flex w-full items-center rounded-lg px-3 py-2 text-left text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-70 dark:text-slate-200 dark:hover:bg-slate-800";

/**
 * The signed-in user's menu: a <details> disclosure, so it opens and closes without
 * JavaScript. With it, Escape, a click outside and a navigation also close it.
 */
export function AccountMenu({ email }: { email: string }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const signingOut = usePendingForm("/logout");
  const location = useLocation();

  useEffect(() => {
    if (detailsRef.current) detailsRef.current.open = false;
  }, [location.key]);

  // Listening all the time (not only once open) leaves no gap between opening and listening.
  useEffect(() => {
    const details = detailsRef.current;
    if (!details) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, []);

  return (
    <details ref={detailsRef} className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        <Icon name="user" className="size-4 shrink-0" />
        {/* Icon-only below sm, so the logo and the menu share one row at 320 px. */}
        <span className="sr-only sm:not-sr-only">Account</span>
        <Icon name="chevron-down" className="size-4 shrink-0 transition-transform group-open:rotate-180" />
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <p className="border-b border-slate-200 px-3 pt-1 pb-2.5 text-sm dark:border-slate-700">
          <span className="block text-slate-600 dark:text-slate-400">Signed in as</span>
          <span className="block font-medium break-all text-slate-900 dark:text-slate-100">{email}</span>
        </p>
        <ul className="mt-1.5 space-y-0.5">
          <li>
            <Link to="/account" className={itemClass}>
              Account settings
            </Link>
          </li>
          <li>
            <Link to="/tasks/import" className={itemClass}>
              Export / Import
            </Link>
          </li>
          <li>
            <Form method="post" action="/logout">
              <button type="submit" disabled={signingOut} className={itemClass}>
                {signingOut ? "Signing out…" : "Sign out"}
              </button>
            </Form>
          </li>
        </ul>
      </div>
    </details>
  );
}
