import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { linkClass } from "#app/components/view-controls.tsx";
import { SHORTCUTS } from "#app/keyboard-shortcuts.ts";

/** The shortcuts as a definition list (the help dialog and the account page). */
export function ShortcutList() {
  return (
    <dl className="mt-4 divide-y divide-slate-200 text-sm dark:divide-slate-800">
      {SHORTCUTS.map(({ keys, action }) => (
        <div key={action} className="flex items-center justify-between gap-4 py-2">
          <dt className="flex shrink-0 gap-1">
            {keys.map((key) => (
              <kbd
                key={key}
                className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
              >
                {key}
              </kbd>
            ))}
          </dt>
          <dd className="text-right text-slate-700 dark:text-slate-300">{action}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The task list's help dialog ("?"): modal from the moment it mounts, `onClose` when closed. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcuts-heading"
      className="m-auto w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="shortcuts-heading" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <ShortcutList />
      <p className="muted mt-4 text-sm">
        They never act while you type in a field.{" "}
        <Link to="/account#shortcuts" className={linkClass}>
          Switch them off
        </Link>
      </p>
      <form method="dialog" className="mt-5 text-right">
        <button
          type="submit"
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
        >
          Close
        </button>
      </form>
    </dialog>
  );
}
