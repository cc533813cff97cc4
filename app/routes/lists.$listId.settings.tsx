import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { requireListAccess } from "#app/.server/lists.ts";
import { formFailure, orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import { ListForm } from "#app/components/list-form.tsx";
import { dangerButtonClass, secondaryButtonClass } from "#app/components/form-field.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { pageMeta } from "#app/page-meta.ts";
import { listPath } from "#app/task-urls.ts";
import { ValidationError } from "#src/errors.ts";
import { deleteList, setListArchived, updateList } from "#src/lists/list-service.ts";
import { UNDO_MINUTES } from "#src/tasks/task-constants.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) =>
  pageMeta(`${loaderData?.name ?? "List"} settings · Task Tracker`);

/** The list's settings; its owner changes them, its members see them. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return orErrorResponse(async () => {
    const { access } = await requireListAccess(request, context, params.listId);
    const list = access.list;
    if (!list) throw new ValidationError({}, "The Inbox has no settings: it is yours alone and always there.");
    return {
      id: list.id,
      name: list.name,
      color: list.color,
      archived: Boolean(list.archivedAt),
      owner: access.role === "owner",
    };
  });
}

/** Rename and recolour (`intent=save`), archive or restore, delete: each the owner's, each 303 with a message. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = pick(form, ["name", "color"]);
  try {
    const { access } = await requireListAccess(request, context, params.listId);
    switch (form.intent) {
      case "archive":
      case "unarchive": {
        const list = await setListArchived(access, form.intent === "archive");
        return redirectWithFlash(listPath(list.id), { kind: "list", action: `${form.intent}d`, title: list.name });
      }
      case "delete": {
        const { list, undoToken } = await deleteList(access);
        return redirectWithFlash("/tasks", { kind: "list", action: "deleted", title: list.name, undo: undoToken });
      }
      default: {
        const list = await updateList(access, values);
        return redirectWithFlash(listPath(list.id), { kind: "list", action: "saved", title: list.name });
      }
    }
  } catch (error) {
    return formFailure(error, values);
  }
}

export default function ListSettingsRoute() {
  const list = useLoaderData<typeof loader>();
  const actionData = useActionAnswer<typeof action>();
  const formRef = useFocusOnError(actionData);
  const saving = usePendingForm(`/lists/${list.id}/settings`, "save");
  return (
    <div className="space-y-8">
      <Link to={listPath(list.id)} className="link text-sm">
        ← {list.name}
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">List settings</h1>
      {!list.owner ? (
        <p className="notice">Only the list's owner changes its name, colour, archive and deletion.</p>
      ) : (
        <>
          <section aria-labelledby="details-heading" className="card space-y-4 p-5 sm:p-6">
            <h2 id="details-heading" className="text-lg font-semibold">
              Name and colour
            </h2>
            {list.archived ? (
              <p className="muted text-sm">Restore the list to rename it.</p>
            ) : (
              <ListForm
                formRef={formRef}
                intent="save"
                values={actionData?.values ?? list}
                fieldErrors={actionData?.fieldErrors}
                formError={actionData?.formError}
                pending={saving}
                label="Save"
                pendingLabel="Saving…"
              />
            )}
          </section>
          <section aria-labelledby="archive-heading" className="card space-y-3 p-5 sm:p-6">
            <h2 id="archive-heading" className="text-lg font-semibold">
              {list.archived ? "Restore" : "Archive"}
            </h2>
            <p className="muted text-sm">
              {list.archived
                ? "Brings the list back into your views, and lets its members change it again."
                : "Hides the list from your views and makes it read-only for everyone; restore it any time."}
            </p>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value={list.archived ? "unarchive" : "archive"}
                className={secondaryButtonClass}
              >
                {list.archived ? "Restore the list" : "Archive the list"}
              </button>
            </Form>
          </section>
          <section
            aria-labelledby="delete-list-heading"
            className="rounded-2xl border border-red-200 p-5 sm:p-6 dark:border-red-900"
          >
            <h2 id="delete-list-heading" className="text-lg font-semibold">
              Delete the list
            </h2>
            <p className="muted mt-1 text-sm">
              Deletes the list and every task in it, for everyone it is shared with. You can undo it for {UNDO_MINUTES}{" "}
              minutes afterwards.
            </p>
            <details className="group mt-4">
              <summary className="inline-flex cursor-pointer list-none items-center gap-2 rounded-lg border border-red-300 bg-white px-4 py-2.5 text-sm font-semibold text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-transparent dark:text-red-300 dark:hover:bg-red-950 [&::-webkit-details-marker]:hidden">
                Delete this list…
              </summary>
              <div className="mt-4 rounded-xl bg-red-50 p-4 dark:bg-red-950/60">
                <p className="text-sm font-medium text-red-900 dark:text-red-100">
                  Delete “<span className="break-words">{list.name}</span>” and its tasks?
                </p>
                <Form method="post" className="mt-3">
                  <button type="submit" name="intent" value="delete" className={dangerButtonClass}>
                    Yes, delete the list
                  </button>
                </Form>
              </div>
            </details>
          </section>
        </>
      )}
    </div>
  );
}
