import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "#app/.server/auth.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse } from "#app/.server/route-errors.ts";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { FormAlert } from "#app/components/form-field.tsx";
import { TaskFields } from "#app/components/task-fields.tsx";
import { formatTimestamp } from "#app/task-display.ts";
import type { Task } from "#src/tasks/task.ts";
import { deleteTaskForOwner, getTaskForOwner, updateTaskForOwner } from "#src/tasks/task-service.ts";

const UPDATE_FIELDS = ["title", "description", "status", "version"] as const;

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: loaderData ? `${loaderData.task.title} · Task Tracker` : "Task · Task Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const task = await orErrorResponse(() => getTaskForOwner(user.id, params.taskId ?? ""));
  return { task };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const taskId = params.taskId ?? "";
  const form = await readForm(request);

  if (form.intent === "delete") {
    await orErrorResponse(() => deleteTaskForOwner(user.id, taskId));
    return redirect("/tasks", 303);
  }
  if (form.intent !== "update") {
    throw data("Unknown action.", { status: 400 });
  }

  const values = pick(form, UPDATE_FIELDS);
  try {
    const task = await updateTaskForOwner(user.id, taskId, values);
    return redirect(`/tasks/${task.id}`, 303);
  } catch (error) {
    // A missing or foreign task has no form to re-render: formFailure throws the 404.
    return formFailure<typeof values, Task>(error, values);
  }
}

export default function TaskRoute() {
  const { task } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submittingIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : undefined;

  // After a conflict the form keeps the user's input but carries the version now stored,
  // so saving again is a deliberate overwrite of the change shown above it.
  const current = actionData?.current;
  const version = current?.version ?? task.version;
  const values = actionData?.values ?? task;

  return (
    <div className="space-y-8">
      <div>
        <Link to="/tasks" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← All tasks
        </Link>
        <div className="mt-3 flex flex-wrap items-start justify-between gap-3">
          <h1 className="min-w-0 break-words text-2xl font-bold tracking-tight">{task.title}</h1>
          <StatusBadge status={task.status} />
        </div>
        {task.description ? (
          <p className="mt-3 whitespace-pre-wrap break-words text-slate-700 dark:text-slate-300">{task.description}</p>
        ) : (
          <p className="mt-3 text-slate-600 italic dark:text-slate-400">No description.</p>
        )}
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          Created <time dateTime={task.createdAt}>{formatTimestamp(task.createdAt)}</time> · Updated{" "}
          <time dateTime={task.updatedAt}>{formatTimestamp(task.updatedAt)}</time>
        </p>
      </div>

      {current && (
        <section
          aria-labelledby="conflict-heading"
          className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
        >
          <h2 id="conflict-heading" className="font-semibold">
            Someone else changed this task
          </h2>
          <p className="mt-1 text-sm">
            Your changes were not saved. This is the task as it is now; your edits are still in the form below. Save
            again to replace it with your version.
          </p>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Title</dt>
            <dd className="break-words">{current.title}</dd>
            <dt className="font-medium">Status</dt>
            <dd>
              <StatusBadge status={current.status} />
            </dd>
            <dt className="font-medium">Description</dt>
            <dd className="whitespace-pre-wrap break-words">{current.description || "—"}</dd>
          </dl>
        </section>
      )}

      <section aria-labelledby="edit-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="edit-heading" className="text-lg font-semibold">
          Edit task
        </h2>
        <Form key={`${task.id}:${version}`} method="post" noValidate className="mt-4 space-y-4">
          {!current && <FormAlert message={actionData?.formError} />}
          <input type="hidden" name="version" value={version} />
          <TaskFields idPrefix="edit" values={values} fieldErrors={actionData?.fieldErrors} />
          <button
            type="submit"
            name="intent"
            value="update"
            disabled={submittingIntent === "update"}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-70"
          >
            {submittingIntent === "update" ? "Saving…" : "Save changes"}
          </button>
        </Form>
      </section>

      <section aria-labelledby="delete-heading" className="rounded-xl border border-red-200 p-6 dark:border-red-900">
        <h2 id="delete-heading" className="text-lg font-semibold">
          Delete task
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">This cannot be undone.</p>
        <Form method="post" className="mt-4">
          <button
            type="submit"
            name="intent"
            value="delete"
            disabled={submittingIntent === "delete"}
            className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-70 dark:border-red-800 dark:bg-transparent dark:text-red-300 dark:hover:bg-red-950"
          >
            {submittingIntent === "delete" ? "Deleting…" : "Delete task"}
          </button>
        </Form>
      </section>
    </div>
  );
}
