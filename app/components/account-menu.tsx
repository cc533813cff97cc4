import { Form, Link } from "@remix-run/react";
import { useRef } from "react";
import { useAfterNavigation } from "#app/components/use-after-navigation.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { MENU_NAME, useClosingMenus } from "#app/components/use-closing-menus.ts";
import { Icon } from "#app/components/icons.tsx";

const itemClass = "menu-item rounded-lg font-medium";

/**
 * The signed-in user's menu: a <details> disclosure, so it opens and closes without
 * JavaScript. With it, Escape, a click outside (use-closing-menus.ts) and a navigation also close it.
 */
export function AccountMenu({ email }: { email: string }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const signingOut = usePendingForm("/logout");
  // A navigation closes it (one opened before the page hydrated stays open).
  useAfterNavigation(() => {
    if (detailsRef.current) detailsRef.current.open = false;
  });

  // Every signed-in page has this menu: here the page's menus learn to close (Escape, outside).
  useClosingMenus();

  return (
    <details ref={detailsRef} name={MENU_NAME} className="group relative">
      <summary className="btn-compact">
        <Icon name="user" className="size-4 shrink-0" />
        {/* Icon-only below sm, so the logo and the menu share one row at 320 px. */}
        <span className="sr-only sm:not-sr-only">Account</span>
        <Icon name="chevron-down" className="size-4 shrink-0 transition-transform group-open:rotate-180" />
      </summary>
      <div className="menu-panel right-0 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-xl p-2">
        <p className="border-b border-slate-200 px-3 pt-1 pb-2.5 text-sm dark:border-slate-700">
          <span className="muted block">Signed in as</span>
          <span className="block font-medium break-all text-slate-900 dark:text-slate-100">{email}</span>
        </p>
        <ul className="mt-1.5 space-y-0.5">
          <li>
            <Link to="/account" className={itemClass}>
              Account settings
            </Link>
          </li>
          <li>
            <Link to="/invitations" className={itemClass}>
              Invitations
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
