import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "#app/.server/auth.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse } from "#app/.server/route-errors.ts";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { FormAlert } from "#app/components/form-field.tsx";
import { TaskFields } from "#app/components/task-fields.tsx";
import { STATUS_OPTIONS, formatTimestamp } from "#app/task-display.ts";
import { createTask, listTasksForOwner } from "#src/tasks/task-service.ts";

const TASK_FIELDS = ["title", "description", "status"] as const;

export const meta: MetaFunction = () => [{ title: "My tasks · Task Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  return orErrorResponse(() =>
    listTasksForOwner(user.id, { status: url.searchParams.get("status"), cursor: url.searchParams.get("cursor") }),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = pick(await readForm(request), TASK_FIELDS);
  try {
    await createTask(user.id, values);
  } catch (error) {
    return formFailure(error, values);
  }
  return redirect("/tasks", 303);
}

export default function TasksRoute() {
  const { tasks, status, nextCursor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const creating = navigation.state !== "idle" && navigation.formMethod === "POST" && navigation.formAction === "/tasks";
  const isLaterPage = searchParams.has("cursor");
  const filterHref = (value?: string) => (value ? `/tasks?status=${value}` : "/tasks");

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold tracking-tight">My tasks</h1>
      <section aria-labelledby="new-task-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="new-task-heading" className="text-lg font-semibold">
          New task
        </h2>
        {/* Remounts after each successful create (the newest task changes), so the form empties;
            after a failed one it keeps what the user typed. */}
        <Form key={tasks[0]?.id ?? "empty"} method="post" action="/tasks" noValidate className="mt-4 space-y-4">
          <FormAlert message={actionData?.formError} />
          <TaskFields idPrefix="new" values={actionData?.values ?? {}} fieldErrors={actionData?.fieldErrors} />
          <button
            type="submit"
            disabled={creating}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-70"
          >
            {creating ? "Adding…" : "Add task"}
          </button>
        </Form>
      </section>

      <section aria-labelledby="tasks-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="tasks-heading" className="text-lg font-semibold">
            {status ? `${STATUS_OPTIONS.find((option) => option.value === status)?.label ?? ""} tasks` : "All tasks"}
          </h2>
          <nav aria-label="Filter by status">
            <ul className="flex flex-wrap gap-1 text-sm">
              {[{ value: undefined, label: "All" }, ...STATUS_OPTIONS].map((option) => {
                const current = status === option.value;
                return (
                  <li key={option.label}>
                    <Link
                      to={filterHref(option.value)}
                      aria-current={current ? "page" : undefined}
                      className={`block rounded-full px-3 py-1.5 font-medium ${
                        current
                          ? "bg-indigo-600 text-white"
                          : "text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800"
                      }`}
                    >
                      {option.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>

        {tasks.length === 0 ? (
          <div className="rounded-xl border-2 border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
            <p className="text-lg font-medium">{status || isLaterPage ? "No tasks here." : "No tasks yet."}</p>
            <p className="mt-1 text-slate-600 dark:text-slate-300">
              {status ? "Nothing has this status right now." : "Add your first task with the form above."}
            </p>
          </div>
        ) : (
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {tasks.map((task) => (
              <li key={task.id} className="flex items-start justify-between gap-4 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/60">
                <div className="min-w-0">
                  <Link to={`/tasks/${task.id}`} className="block truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {task.title}
                  </Link>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    Updated <time dateTime={task.updatedAt}>{formatTimestamp(task.updatedAt)}</time>
                  </p>
                </div>
                <StatusBadge status={task.status} />
              </li>
            ))}
          </ul>
        )}

        {(nextCursor || isLaterPage) && (
          <nav aria-label="Pages" className="flex justify-between text-sm">
            {isLaterPage ? (
              <Link to={filterHref(status)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {nextCursor && (
              <Link
                to={`/tasks?${new URLSearchParams({ ...(status ? { status } : {}), cursor: nextCursor })}`}
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                Next page →
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
