import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Flash } from "#app/.server/flash.ts";

function tasks(count: number): string {
  return count === 1 ? "1 task" : `${count} tasks`;
}

function describeBulk(flash: Flash): string {
  const count = tasks(flash.count ?? 0);
  let text: string;
  switch (flash.action) {
    case "status":
      text = `Moved ${count} to ${flash.detail || "the new status"}.`;
      break;
    case "priority":
      text = `Set the priority of ${count} to ${flash.detail || "the new value"}.`;
      break;
    case "due":
      text = flash.detail ? `Set ${count} due on ${flash.detail}.` : `Cleared the due date of ${count}.`;
      break;
    default:
      text = `Deleted ${count}.`;
  }
  const skipped = flash.skipped ?? 0;
  if (skipped > 0)
    text += ` ${skipped === 1 ? "1 was" : `${skipped} were`} not changed: deleted elsewhere, or not found.`;
  return text;
}

function describeUndo(flash: Flash): string {
  const count = flash.count ?? 0;
  let text =
    count === 0
      ? "Nothing was undone."
      : flash.action === "delete"
        ? `Restored ${tasks(count)}.`
        : `Undid the change to ${tasks(count)}.`;
  const skipped = flash.skipped ?? 0;
  if (skipped > 0)
    text += ` ${skipped === 1 ? "1 task was" : `${skipped} tasks were`} changed since and left as ${
      skipped === 1 ? "it is" : "they are"
    }${flash.title ? `: “${flash.title}”` : ""}.`;
  return text;
}

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
    case "two-step-on":
      return "Two-step sign-in is on. Signing in now asks for a code from your authenticator app.";
    case "two-step-off":
      return "Two-step sign-in is off. Signing in asks for your password only.";
    case "bulk":
      return describeBulk(flash);
    case "undone":
      return describeUndo(flash);
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
  const location = useLocation();
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
          <p className="min-w-0 flex-1 break-words">{describeFlash(flash)}</p>
          {flash.undo && (
            // A plain form: undo works without JavaScript too, and comes back to this page.
            <Form method="post" action="/tasks/undo" className="-my-1 shrink-0">
              <input type="hidden" name="token" value={flash.undo} />
              <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
              <button
                type="submit"
                data-undo
                className="rounded-md border border-emerald-600 bg-white px-3 py-1 text-sm font-semibold text-emerald-900 hover:bg-emerald-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:border-emerald-500 dark:bg-emerald-900 dark:text-emerald-50 dark:hover:bg-emerald-800"
              >
                Undo
              </button>
            </Form>
          )}
        </div>
      )}
    </div>
  );
}
