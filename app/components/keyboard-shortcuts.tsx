import { Link, useSubmit } from "@remix-run/react";
import { Suspense, lazy, useEffect, useRef, useState } from "react";
import type * as ShortcutKeys from "#app/components/keyboard-shortcut-keys.ts";
import type { ShortcutState } from "#app/components/keyboard-shortcut-keys.ts";
import type { ShortcutPage } from "#app/keyboard-shortcuts.ts";
import { linkClass } from "#app/components/view-controls.tsx";

/**
 * Keyboard shortcuts on the task list and the board (with JavaScript). Never while typing in a field or with a
 * modifier key; every action is announced; the account page switches them off (WCAG 2.1.4).
 *
 * Only this listener loads with the page: what the keys do (keyboard-shortcut-keys.ts) loads on
 * the first shortcut key, which is then handed to it with any pressed meanwhile, so no key is
 * lost; the help dialog loads when first opened.
 */

/**
 * Keys that start a shortcut on the list or the board (app/keyboard-shortcuts.ts, which a test
 * holds this to): the first of them loads the rest. Enter is not one: until a task is current
 * it belongs to the focused control.
 */
export const isShortcutKey = (key: string) => /^([n/jkhloxsp#z?]|Delete|Arrow\w+)$/.test(key);

const ShortcutHelp = lazy(() =>
  import("#app/components/shortcut-list.tsx").then((module) => ({ default: module.ShortcutHelp })),
);

let keys: typeof ShortcutKeys | undefined;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function KeyboardShortcuts({
  enabled,
  returnTo,
  page,
}: {
  enabled: boolean;
  returnTo: string;
  page: ShortcutPage;
}) {
  const submit = useSubmit();
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  const [help, setHelp] = useState(false);
  const helpOpen = useRef(false);
  // Outlives the reloads its own changes cause (the row stays, and keys go on from it); once
  // the task is no longer listed, j and k start again from the top.
  const current = useRef<string | null>(null);
  const pending = useRef<ShortcutState["pending"]["current"]>(null);

  // After each render (a reload after a change): a card that changed column is a new element.
  useEffect(() => {
    keys?.markCurrent(current.current);
  });

  const showHelp = (open: boolean) => {
    helpOpen.current = open;
    setHelp(open);
  };

  useEffect(() => {
    if (!enabled) return;
    const state: ShortcutState = {
      page,
      current,
      pending,
      // A new node each time, so the same words twice are announced twice.
      announce: (text) => setMessage({ text, id: Date.now() }),
      submitBulk: (fields, ids) => {
        const form = new FormData();
        for (const [name, value] of Object.entries({ ...fields, returnTo })) form.append(name, value);
        for (const id of ids) form.append("ids", id);
        void submit(form, { method: "post", action: "/tasks/bulk" });
      },
      showHelp: () => showHelp(true),
    };
    let queued: KeyboardEvent[] | undefined;
    let active = true;

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || helpOpen.current) return;
      if (keys) return keys.runShortcut(event, state);
      const starts = isShortcutKey(event.key);
      if (!queued) {
        if (!starts) return;
        queued = [];
        import("#app/components/keyboard-shortcut-keys.ts").then(
          (module) => {
            keys = module;
            const pressed = queued ?? [];
            queued = undefined;
            if (active) for (const key of pressed) module.runShortcut(key, state);
          },
          () => {
            queued = undefined;
            state.announce("Keyboard shortcuts could not load. Please reload the page.");
          },
        );
      }
      // This event is over before the code arrives: its default is decided now, as it would be.
      if (starts) event.preventDefault();
      queued.push(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      active = false;
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [enabled, returnTo, submit, page]);

  return (
    <>
      <p className="muted text-sm">
        {enabled ? (
          // Without JavaScript the link leads to the same list on the account page.
          <a
            href="/account#shortcuts"
            className={linkClass}
            onClick={(event) => {
              event.preventDefault();
              showHelp(true);
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
      {help && (
        <Suspense fallback={null}>
          <ShortcutHelp onClose={() => showHelp(false)} />
        </Suspense>
      )}
    </>
  );
}
