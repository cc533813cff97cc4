import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { allStrings, readFormData, safeReturnTo } from "#app/.server/forms.ts";
import { orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import { bulkDetail, displayTimeZone } from "#app/task-display.ts";
import { todayIn } from "#src/tasks/task-dates.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

/** Nothing to show here: the bulk form lives on the list. */
export const loader = () => redirect("/tasks");

/**
 * `POST /tasks/bulk`: `action` (status, priority, due, move, delete), its value field and 1 to 100
 * `ids`. 303 back to the list view with what changed (and an Undo button); 400 saying what is
 * wrong with the request, with nothing changed.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const field = (name: string) => form.get(name) ?? undefined;
  // Loaded on use: page views never pay for bulk and undo code at cold start.
  const { applyBulk } = await import("#src/tasks/task-bulk-service.ts");
  let today = "";
  const result = await orErrorResponse(async () => {
    const user = await requireUser(request, context);
    today = todayIn(displayTimeZone(user.timeZone));
    return applyBulk(user.id, {
      action: field("action"),
      ids: allStrings(form, "ids"),
      status: field("status"),
      priority: field("priority"),
      dueDate: field("dueDate"),
      listId: field("listId"),
    });
  });
  return redirectWithFlash(
    safeReturnTo(typeof field("returnTo") === "string" ? String(field("returnTo")) : undefined),
    {
      kind: "bulk",
      action: result.action,
      detail: bulkDetail(result.action, result.value, today),
      // Tasks that already had the value count as done: the message describes the outcome.
      count: result.changed + result.unchanged,
      skipped: result.missing.length,
      failed: result.failed,
      // A move's tasks the target had no room for, named with the labels it lacks (worded on use).
      ...(result.refused && result.value
        ? {
            note: (await import("#app/.server/bulk-move-words.ts")).refusedMoveNote(
              result.refused,
              result.value,
              result.changed + result.unchanged,
            ),
          }
        : {}),
      ...(result.undoToken ? { undo: result.undoToken } : {}),
    },
  );
}

// A page module (not a resource route), so a refused request renders the app's error page with
// its message, as a browser without JavaScript shows it; success always redirects.
export default function NoPage() {
  return null;
}
