import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "#app/.server/auth.ts";
import { setFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, toErrorResponse } from "#app/.server/route-errors.ts";
import { FormAlert, Spinner, primaryButtonClass } from "#app/components/form-field.tsx";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { TaskFields } from "#app/components/task-fields.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { STATUS_LABELS, STATUS_OPTIONS, formatTimestamp } from "#app/task-display.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import type { Task, TaskStatus } from "#src/tasks/task-constants.ts";
import { createTask, listTasksForOwner } from "#src/tasks/task-service.ts";
import { pageMeta } from "#app/page-meta.ts";

const TASK_FIELDS = ["title", "description", "status"] as const;

export const meta: MetaFunction = () => pageMeta("My tasks · Task Tracker");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  try {
    const user = await requireUser(request, context);
    const page = await listTasksForOwner(user.id, {
      status: url.searchParams.get("status"),
      cursor: url.searchParams.get("cursor"),
    });
    return { ...page, unavailable: false };
  } catch (error) {
    // Storage unreachable: still render the page, so after a failed create the form comes
    // back with the user's input (and its 503 message) even without JavaScript.
    if (error instanceof ServiceUnavailableError) {
      return data(
        { tasks: [] as Task[], status: undefined, nextCursor: undefined, unavailable: true },
        { status: 503 },
      );
    }
    throw toErrorResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = pick(await readForm(request), TASK_FIELDS);
  let title: string;
  try {
    const user = await requireUser(request, context);
    ({ title } = await createTask(user.id, values));
  } catch (error) {
    return formFailure(error, values);
  }
  return redirect("/tasks", { status: 303, headers: { "Set-Cookie": await setFlash({ kind: "created", title }) } });
}

const linkClass = "font-semibold text-indigo-700 hover:underline dark:text-indigo-300";

export default function TasksRoute() {
  const { tasks, status, nextCursor, unavailable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const formRef = useFocusOnError(actionData);
  const creating = usePendingForm("/tasks");
  const isLaterPage = searchParams.has("cursor");
  const filterHref = (value?: string) => (value ? `/tasks?status=${value}` : "/tasks");
  const statusLabel = status ? STATUS_LABELS[status as TaskStatus] : undefined;

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">My tasks</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">Write it down, move it along, get it done.</p>
      </div>

      <section
        aria-labelledby="new-task-heading"
        className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="new-task-heading" className="text-lg font-semibold">
          Add a task
        </h2>
        {/* Remounts after each successful create (the newest task changes), so the form empties;
            after a failed one it keeps what the user typed. */}
        <Form
          ref={formRef}
          key={tasks[0]?.id ?? "empty"}
          method="post"
          action="/tasks"
          noValidate
          aria-busy={creating || undefined}
          className="mt-4 space-y-5"
        >
          <FormAlert message={actionData?.formError} />
          <TaskFields
            idPrefix="new"
            values={actionData?.values ?? {}}
            fieldErrors={actionData?.fieldErrors}
            descriptionRows={3}
            actions={
              <button type="submit" disabled={creating} className={`${primaryButtonClass} w-full sm:w-auto`}>
                {creating ? <Spinner /> : <PlusIcon />}
                {creating ? "Adding…" : "Add task"}
              </button>
            }
          />
        </Form>
      </section>

      <section aria-labelledby="tasks-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="tasks-heading" className="text-xl font-semibold">
            {statusLabel ? `${statusLabel} tasks` : "All tasks"}
          </h2>
          <nav aria-label="Filter by status">
            <ul className="flex flex-wrap gap-1 rounded-xl bg-slate-200/70 p-1 text-sm dark:bg-slate-800">
              {[{ value: undefined, label: "All" }, ...STATUS_OPTIONS].map((option) => {
                const current = status === option.value;
                return (
                  <li key={option.label}>
                    <Link
                      to={filterHref(option.value)}
                      aria-current={current ? "page" : undefined}
                      className={`block rounded-lg px-3 py-1.5 font-medium ${
                        current
                          ? "bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-white"
                          : "text-slate-700 hover:bg-white/60 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-700 dark:hover:text-white"
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

        {unavailable ? (
          <FormAlert message="Your tasks can't be loaded right now. Please try again in a moment." />
        ) : tasks.length === 0 ? (
          <EmptyState filtered={Boolean(status)} statusLabel={statusLabel} laterPage={isLaterPage} />
        ) : (
          <ul
            aria-labelledby="tasks-heading"
            className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
          >
            {tasks.map((task) => (
              <li key={task.id} className="relative px-4 py-4 hover:bg-slate-50 sm:px-5 dark:hover:bg-slate-800/60">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0 flex-1">
                    <h3 className="font-semibold break-words">
                      {/* The link covers the whole row, so the row is one big target. */}
                      <Link
                        to={`/tasks/${task.id}`}
                        className="text-slate-900 after:absolute after:inset-0 hover:text-indigo-700 hover:underline dark:text-slate-100 dark:hover:text-indigo-300"
                      >
                        {task.title}
                      </Link>
                    </h3>
                    {task.description && (
                      <p className="mt-1 line-clamp-2 text-sm break-words text-slate-600 dark:text-slate-300">
                        {task.description}
                      </p>
                    )}
                    <p className="mt-1.5 text-xs text-slate-600 dark:text-slate-400">
                      Updated <time dateTime={task.updatedAt}>{formatTimestamp(task.updatedAt)}</time>
                    </p>
                  </div>
                  <StatusBadge status={task.status} />
                </div>
              </li>
            ))}
          </ul>
        )}

        {(nextCursor || isLaterPage) && (
          <nav aria-label="Pages" className="flex items-center justify-between gap-4 text-sm">
            {isLaterPage ? (
              <Link to={filterHref(status)} className={linkClass}>
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {nextCursor && (
              <Link
                to={`/tasks?${new URLSearchParams({ ...(status ? { status } : {}), cursor: nextCursor })}`}
                className={linkClass}
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

function EmptyState({
  filtered,
  statusLabel,
  laterPage,
}: {
  filtered: boolean;
  statusLabel?: string;
  laterPage: boolean;
}) {
  return (
    <div className="rounded-2xl border-2 border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        className="mx-auto size-12 text-indigo-500 dark:text-indigo-400"
      >
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M9 12.75 11.25 15 15 9.75M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z"
        />
      </svg>
      {filtered || laterPage ? (
        <>
          <p className="mt-4 text-lg font-semibold">
            {statusLabel ? `Nothing is “${statusLabel}” right now` : "No more tasks here"}
          </p>
          <p className="mt-1 text-slate-600 dark:text-slate-300">
            <Link to="/tasks" className={linkClass}>
              Show all your tasks
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-4 text-lg font-semibold">No tasks yet</p>
          <p className="mx-auto mt-1 max-w-sm text-slate-600 dark:text-slate-300">
            Start with something small, like “Water the plants”. Your tasks will show up here.
          </p>
          <a href="#new-title" className={`${primaryButtonClass} mt-6`}>
            <PlusIcon />
            Add your first task
          </a>
        </>
      )}
    </div>
  );
}

function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
    </svg>
  );
}
