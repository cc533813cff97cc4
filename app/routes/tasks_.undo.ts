import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { namedTitles } from "#app/.server/flash-text.ts";
import { readForm, safeReturnTo } from "#app/.server/forms.ts";
import { orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const loader = () => redirect("/tasks");

/**
 * `POST /tasks/undo` with the `token` from an Undo button (a change to tasks, or a deleted list): 303 back with what was restored and
 * what was left as it is; a forged, foreign or reused token is a 400, an expired one a 404.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  // The Undo of a deleted list brings the list back, with its tasks.
  const lists = await import("#src/lists/list-service.ts");
  if (lists.isListUndoToken(form.token)) {
    const token = form.token;
    const list = await orErrorResponse(async () =>
      lists.undoListDelete((await requireUser(request, context)).id, token),
    );
    return redirectWithFlash(`/lists/${list.id}`, { kind: "list", action: "undeleted", title: list.name });
  }
  const { undoChange } = await import("#src/tasks/task-undo-service.ts");
  const result = await orErrorResponse(async () => undoChange((await requireUser(request, context)).id, form.token));
  return redirectWithFlash(safeReturnTo(form.returnTo), {
    kind: "undone",
    action: result.kind,
    count: result.restored.length,
    skipped: result.refused.length,
    failed: result.failed,
    ...(result.refused[0] ? { title: namedTitles(result.refused.map((task) => task.title)) } : {}),
    // Part of it failed and the undo was released: the same button finishes the job.
    ...(result.retryToken ? { undo: result.retryToken } : {}),
  });
}

// A page module (not a resource route), so a refused request renders the app's error page with
// its message, as a browser without JavaScript shows it; success always redirects.
export default function NoPage() {
  return null;
}
