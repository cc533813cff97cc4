import { useEffect, useRef } from "react";
import type { Flash } from "#app/.server/flash.ts";

function describeFlash(flash: Flash): string {
  const title = flash.title ? `“${flash.title}”` : "The task";
  switch (flash.kind) {
    case "created":
      return `Added ${title}.`;
    case "updated":
      return `Saved your changes to ${title}.`;
    case "deleted":
      return flash.title ? `Deleted ${title}.` : "Task deleted.";
    case "status":
      return `Moved ${title} to ${flash.detail ?? "its new status"}.`;
    case "priority":
      return `Set the priority of ${title} to ${flash.detail ?? "its new value"}.`;
    case "settings-saved":
      return "Saved your settings.";
    case "password-changed":
      return "Changed your password.";
    case "imported": {
      const count = Number(flash.detail ?? 0);
      return `Imported ${count.toLocaleString("en-US")} ${count === 1 ? "task" : "tasks"}.`;
    }
  }
}

/**
 * The confirmation after a create, update or delete. The live region is always in the page,
 * so a message that appears after a client-side navigation is announced; the message also
 * takes focus (as after a full page load), so keyboard users continue from it.
 */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = flash?.id;
  useEffect(() => {
    if (id) ref.current?.focus();
  }, [id]);
  return (
    <div role="status" aria-live="polite">
      {flash && (
        <div
          ref={ref}
          tabIndex={-1}
          data-flash={flash.kind}
          className="mb-6 flex items-start gap-3 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900 shadow-sm dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
            <path
              fillRule="evenodd"
              d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z"
              clipRule="evenodd"
            />
          </svg>
          <p className="min-w-0 break-words">{describeFlash(flash)}</p>
        </div>
      )}
    </div>
  );
}
