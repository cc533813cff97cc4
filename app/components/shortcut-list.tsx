import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { linkClass } from "#app/components/view-controls.tsx";
import { SHORTCUTS, type ShortcutPage } from "#app/keyboard-shortcuts.ts";

const KEY_NAMES: Record<string, string> = { ArrowDown: "↓", ArrowUp: "↑", ArrowLeft: "←", ArrowRight: "→" };

/** Where the shortcuts work, each group with its heading. */
const GROUPS: { title: string; on: ShortcutPage[] }[] = [
  { title: "On the list and the board", on: ["list", "board"] },
  { title: "On the list", on: ["list"] },
  { title: "On the board", on: ["board"] },
];

function Key({ name }: { name: string }) {
  return (
    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
      {KEY_NAMES[name] ?? name}
    </kbd>
  );
}

/** The shortcuts as definition lists, by where they work (the help dialog and the account page). */
export function ShortcutList() {
  return GROUPS.map(({ title, on }) => (
    <section key={title} className="mt-4">
      <h3 className="text-sm font-semibold">{title}</h3>
      <dl className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {SHORTCUTS.filter((shortcut) => shortcut.on.join() === on.join()).map(({ keys, then, action }) => (
          <div key={action} className="flex items-center justify-between gap-4 py-2">
            <dt className="flex shrink-0 flex-wrap items-center gap-1">
              {keys.map((key) => (
                <Key key={key} name={key} />
              ))}
              {then && (
                <>
                  <span className="muted text-xs">then</span>
                  <Key name={then} />
                </>
              )}
            </dt>
            <dd className="text-right text-slate-700 dark:text-slate-300">{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  ));
}

/** The help dialog ("?") of the list and the board: modal from the moment it mounts, `onClose` when closed. */
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
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
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
