import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import { ListForm } from "#app/components/list-form.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { pageMeta } from "#app/page-meta.ts";
import { listPath } from "#app/task-urls.ts";
import { createList } from "#src/lists/list-service.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const meta: MetaFunction = () => pageMeta("New list · Task Tracker");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await orErrorResponse(() => requireUser(request, context));
  return null;
}

/** `POST /lists/new`: makes the list (its creator the owner) and opens it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const values = pick(await readForm(request), ["name", "color"]);
  try {
    const user = await requireUser(request, context);
    const list = await createList(user, values);
    return redirectWithFlash(listPath(list.id), { kind: "list", action: "created", title: list.name });
  } catch (error) {
    return formFailure(error, values);
  }
}

export default function NewListRoute() {
  const actionData = useActionAnswer<typeof action>();
  const pending = usePendingForm("/lists/new");
  const formRef = useFocusOnError(actionData);
  return (
    <div className="space-y-6">
      <Link to="/tasks" className="link text-sm">
        ← All tasks
      </Link>
      <div>
        <h1 className="text-3xl font-bold tracking-tight">New list</h1>
        <p className="muted mt-1">A list keeps tasks together: a project, a place, people you share it with.</p>
      </div>
      <section className="card p-5 sm:p-6">
        <ListForm
          formRef={formRef}
          values={actionData?.values ?? {}}
          fieldErrors={actionData?.fieldErrors}
          formError={actionData?.formError}
          pending={pending}
          label="Make the list"
          pendingLabel="Making…"
        />
      </section>
    </div>
  );
}
