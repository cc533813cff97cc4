import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { FlashView } from "#app/.server/flash.ts";
import { Icon } from "#app/components/icons.tsx";

/**
 * The confirmation after a create, update or delete. The live region is always in the page,
 * so a message that appears after a client-side navigation is announced; the message also
 * takes focus (as after a full page load), so keyboard users continue from it. A message that
 * came with the page takes focus at hydration only if nothing has it yet, and never from a field:
 * someone who already started on the page (typing the next task) keeps their place.
 */
export function FlashMessage({ flash }: { flash: FlashView | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const location = useLocation();
  const id = flash?.id;
  const hydrated = useRef(false);
  useEffect(() => {
    const first = !hydrated.current;
    hydrated.current = true;
    const active = document.activeElement;
    // Nor from a field: someone typing the next task keeps typing there (issue 26).
    if (!id || active?.matches("input,textarea,select") || (first && active !== document.body && active !== null))
      return;
    ref.current?.focus();
  }, [id]);
  return (
    <div role="status" aria-live="polite">
      {flash && (
        <div ref={ref} tabIndex={-1} data-flash={flash.kind} className="flash">
          <Icon name="check-circle" className="mt-0.5 size-4 shrink-0" />
          <p className="min-w-0 flex-1 break-words">{flash.text}</p>
          {flash.undo && (
            // A plain form: undo works without JavaScript too, and comes back to this page.
            <Form method="post" action="/tasks/undo" className="-my-1 shrink-0">
              <input type="hidden" name="token" value={flash.undo} />
              <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
              <button type="submit" data-undo className="flash-undo">
                Undo
              </button>
            </Form>
          )}
        </div>
      )}
    </div>
  );
}
