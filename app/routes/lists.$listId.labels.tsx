import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { requireListAccess } from "#app/.server/lists.ts";
import { formFailure, orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import {
  FormAlert,
  FieldError,
  dangerButtonClass,
  inputClass,
  secondaryButtonClass,
} from "#app/components/form-field.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { pageMeta } from "#app/page-meta.ts";
import { listPath } from "#app/task-urls.ts";
import { hasRole } from "#src/lists/list.ts";

// The labels' code loads with this page's first request, not with every cold start.
const labelService = () => import("#src/tasks/label-service.ts");

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) =>
  pageMeta(`${loaderData?.name ?? "List"} labels · Task Tracker`);

/** The list's labels: every member sees them, editors and the owner rename and remove them. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return orErrorResponse(async () => {
    const { access } = await requireListAccess(request, context, params.listId);
    const labels = await (await labelService()).listLabelsOf(access);
    return {
      path: listPath(access.listId),
      name: access.name,
      canEdit: hasRole(access.role, "editor") && !access.list?.archivedAt,
      labels: labels.map((label) => ({
        key: label.key,
        name: label.name,
        // A rename or removal that stopped part-way: the page offers to finish it.
        pending: label.change ? (label.change.to === undefined ? "remove" : `rename to @${label.change.to}`) : null,
      })),
    };
  });
}

/** Rename, remove or finish one label: 303 back here with what changed; a refusal re-renders with its message. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = pick(form, ["from", "to"]);
  try {
    const { access } = await requireListAccess(request, context, params.listId);
    const { finishLabelChange, removeLabel, renameLabel } = await labelService();
    const from = values.from ?? "";
    const back = `${listPath(access.listId)}/labels`;
    if (form.intent === "remove" || form.intent === "finish" || form.intent === "rename") {
      const result =
        form.intent === "remove"
          ? await removeLabel(access, from)
          : form.intent === "finish"
            ? await finishLabelChange(access, from)
            : await renameLabel(access, from, values.to ?? "");
      return redirectWithFlash(back, {
        kind: "label",
        action: form.intent === "remove" ? "removed" : "renamed",
        title: from,
        detail: values.to ?? "",
        count: result.changed,
        ...(result.done ? {} : { failed: 1 }),
      });
    }
    return redirectWithFlash(back, { kind: "label", action: "renamed", title: from, count: 0 });
  } catch (error) {
    return formFailure(error, values);
  }
}

export default function ListLabelsRoute() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionAnswer<typeof action>();
  const formRef = useFocusOnError(actionData);
  return (
    <div className="space-y-8">
      <Link to={page.path} className="link text-sm">
        ← {page.name}
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">Labels in {page.name}</h1>
      <p className="muted">
        Every member of the list sees the same labels. Add one to a task with “@name” in quick add or on the task's
        page.
        {page.canEdit && " Renaming or removing a label changes every task that carries it."}
      </p>
      <FormAlert message={actionData?.formError} />
      {page.labels.length === 0 ? (
        <p className="card p-5">This list has no labels yet.</p>
      ) : (
        <ul className="card divide-y divide-slate-200 dark:divide-slate-800" aria-label="Labels">
          {page.labels.map((label) => (
            <li key={label.key} className="space-y-3 p-4 sm:p-5">
              <p className="flex flex-wrap items-center gap-3">
                <a href={`${page.path}?label=${encodeURIComponent(label.key)}`} className="label-chip">
                  @{label.name}
                </a>
                {label.pending && <span className="text-sm">Stopped part-way ({label.pending}).</span>}
              </p>
              {page.canEdit && (
                <div className="flex flex-wrap items-end gap-3">
                  {label.pending ? (
                    <Form method="post">
                      <input type="hidden" name="from" value={label.name} />
                      <button type="submit" name="intent" value="finish" className={secondaryButtonClass}>
                        Finish
                      </button>
                    </Form>
                  ) : (
                    <>
                      <Form
                        ref={actionData?.values?.from === label.name ? formRef : undefined}
                        method="post"
                        noValidate
                        className="flex flex-wrap items-end gap-2"
                      >
                        <input type="hidden" name="from" value={label.name} />
                        <div>
                          <label htmlFor={`rename-${label.key}`} className="block text-sm font-semibold">
                            Rename @{label.name} to
                          </label>
                          <input
                            id={`rename-${label.key}`}
                            name="to"
                            type="text"
                            autoComplete="off"
                            defaultValue={actionData?.values?.from === label.name ? (actionData.values.to ?? "") : ""}
                            aria-invalid={
                              actionData?.values?.from === label.name && actionData.fieldErrors?.name ? true : undefined
                            }
                            aria-describedby={
                              actionData?.values?.from === label.name && actionData.fieldErrors?.name
                                ? `rename-${label.key}-error`
                                : undefined
                            }
                            className={inputClass}
                          />
                          {actionData?.values?.from === label.name && (
                            <FieldError id={`rename-${label.key}-error`} messages={actionData.fieldErrors?.name} />
                          )}
                        </div>
                        <button type="submit" name="intent" value="rename" className={secondaryButtonClass}>
                          Rename
                        </button>
                      </Form>
                      {/* One deliberate step away, without JavaScript too: a removal changes every
                        task carrying the label and has no Undo. */}
                      <details className="w-full">
                        <summary
                          aria-label={`Remove @${label.name}…`}
                          className="inline-flex cursor-pointer list-none items-center rounded-lg border border-red-300 px-3 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950 [&::-webkit-details-marker]:hidden"
                        >
                          Remove…
                        </summary>
                        <Form method="post" className="mt-3 rounded-xl bg-red-50 p-4 dark:bg-red-950/60">
                          <p className="text-sm font-medium text-red-900 dark:text-red-100">
                            Take @{label.name} off every task in {page.name} that has it? The tasks stay; this cannot be
                            undone.
                          </p>
                          <input type="hidden" name="from" value={label.name} />
                          <button
                            type="submit"
                            name="intent"
                            value="remove"
                            className={`${dangerButtonClass} mt-3`}
                            aria-label={`Remove @${label.name} from every task`}
                          >
                            Yes, remove it
                          </button>
                        </Form>
                      </details>
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
