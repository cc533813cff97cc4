import { Link, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { rowBoxes } from "#app/components/bulk-toolbar.tsx";
import { SHORTCUTS } from "#app/keyboard-shortcuts.ts";
import { linkClass } from "#app/components/view-controls.tsx";
import { TASK_PRIORITIES, TASK_STATUSES } from "#src/tasks/task-constants.ts";

/**
 * Keyboard shortcuts on the task list (with JavaScript). Keys act on the selected tasks, or on
 * the current one (moved with j/k, marked and focused: Enter then opens it, as the link it
 * is); changes go through the same bulk and
 * undo forms as the buttons, so each has an Undo. Never while typing in a field or with a
 * modifier key; every action is announced; the account page switches them off (WCAG 2.1.4).
 */

const TWO_KEY_TIMEOUT_MS = 2000;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function rows(): HTMLLIElement[] {
  return [...document.querySelectorAll<HTMLLIElement>("li[data-task-id]")];
}

function titleOf(row: HTMLElement): string {
  return row.querySelector("h3")?.textContent?.trim() ?? "task";
}

function checkedIds(): string[] {
  return rowBoxes()
    .filter((box) => box.checked)
    .map((box) => box.value);
}

export function KeyboardShortcuts({ enabled, returnTo }: { enabled: boolean; returnTo: string }) {
  const submit = useSubmit();
  const location = useLocation();
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const pending = useRef<{ key: "s" | "p"; timer: ReturnType<typeof setTimeout> } | null>(null);
  const current = useRef<string | null>(null);

  // A new page starts without a current task.
  useEffect(() => {
    current.current = null;
  }, [location.key]);

  useEffect(() => {
    if (!enabled) return;
    // A new node each time, so the same words twice are announced twice.
    const announce = (text: string) => setMessage({ text, id: Date.now() });

    const currentRow = () => rows().find((row) => row.dataset.taskId === current.current);
    const moveTo = (row: HTMLLIElement | undefined) => {
      if (!row) return;
      for (const other of rows()) delete other.dataset.current;
      row.dataset.current = "true";
      current.current = row.dataset.taskId ?? null;
      row.querySelector<HTMLAnchorElement>("h3 a")?.focus();
    };
    const targets = () => {
      const selected = checkedIds();
      if (selected.length > 0) return selected;
      return current.current ? [current.current] : [];
    };
    const bulk = (fields: Record<string, string>) => {
      const ids = targets();
      if (ids.length === 0) {
        announce("Select a task first: j and k move between tasks, x selects.");
        return;
      }
      const form = new FormData();
      for (const [name, value] of Object.entries({ ...fields, returnTo })) form.append(name, value);
      for (const id of ids) form.append("ids", id);
      submit(form, { method: "post", action: "/tasks/bulk" });
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || dialog.current?.open) return;
      const key = event.key;

      if (pending.current) {
        const { key: prefix, timer } = pending.current;
        clearTimeout(timer);
        pending.current = null;
        const index = Number(key);
        if (prefix === "s" && TASK_STATUSES[index - 1]) {
          event.preventDefault();
          bulk({ action: "status", status: TASK_STATUSES[index - 1]! });
          return;
        }
        if (prefix === "p" && /^[0-4]$/.test(key)) {
          event.preventDefault();
          bulk({ action: "priority", priority: TASK_PRIORITIES[index]! });
          return;
        }
        announce("Cancelled.");
        return;
      }

      const list = rows();
      const at = list.findIndex((row) => row.dataset.taskId === current.current);
      switch (key) {
        case "n":
          event.preventDefault();
          document.querySelector<HTMLInputElement>("#new-title")?.focus();
          announce("New task: type its title.");
          return;
        case "/": {
          const search = document.querySelector<HTMLInputElement>('input[name="q"]');
          if (!search) return;
          event.preventDefault();
          search.focus();
          search.select();
          return;
        }
        case "j":
        case "k": {
          event.preventDefault();
          if (list.length === 0) return announce("No tasks on this page.");
          const next = at < 0 ? 0 : Math.min(Math.max(at + (key === "j" ? 1 : -1), 0), list.length - 1);
          moveTo(list[next]);
          return;
        }
        case "x": {
          const row = currentRow();
          if (!row) return announce("Move to a task first with j or k.");
          event.preventDefault();
          row.querySelector<HTMLInputElement>('input[name="ids"]')?.click();
          const count = checkedIds().length;
          announce(
            `${row.querySelector<HTMLInputElement>('input[name="ids"]')?.checked ? "Selected" : "Unselected"} “${titleOf(row)}”. ${count} selected.`,
          );
          return;
        }
        case "s":
        case "p":
          event.preventDefault();
          pending.current = {
            key,
            timer: setTimeout(() => {
              pending.current = null;
            }, TWO_KEY_TIMEOUT_MS),
          };
          announce(
            key === "s"
              ? "Set status: 1 To do, 2 In progress, 3 Done."
              : "Set priority: 0 None, 1 Low, 2 Medium, 3 High, 4 Urgent.",
          );
          return;
        case "Delete":
        case "#":
          event.preventDefault();
          bulk({ action: "delete" });
          return;
        case "z": {
          const undo = document.querySelector<HTMLButtonElement>("[data-undo]");
          event.preventDefault();
          if (undo) undo.click();
          else announce("Nothing to undo.");
          return;
        }
        case "?":
          event.preventDefault();
          dialog.current?.showModal();
          return;
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled, returnTo, submit]);

  return (
    <>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {enabled ? (
          // Without JavaScript the link leads to the same list on the account page.
          <a
            href="/account#shortcuts"
            className={linkClass}
            onClick={(event) => {
              event.preventDefault();
              dialog.current?.showModal();
            }}
          >
            Keyboard shortcuts
          </a>
        ) : (
          <Link to="/account#shortcuts" className={linkClass}>
            Keyboard shortcuts are off
          </Link>
        )}
      </p>
      <p role="status" aria-live="polite" className="sr-only" data-shortcut-message>
        {message && <span key={message.id}>{message.text}</span>}
      </p>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-heading"
        className="m-auto w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="shortcuts-heading" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <ShortcutList />
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-300">
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
    </>
  );
}

/** The shortcuts as a definition list (the dialog and the account page). */
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
