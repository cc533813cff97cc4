import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm, safeReturnTo } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse, passRetryAfter, toErrorResponse } from "#app/.server/route-errors.ts";
import { TaskPage, TaskUnavailable, type TaskActionResult } from "#app/components/task-page.tsx";
import { PRIORITY_LABELS, STATUS_LABELS, displayTimeZone } from "#app/task-display.ts";
import { ConflictError, ServiceUnavailableError } from "#src/errors.ts";
import { todayIn } from "#src/tasks/task-dates.ts";
import type { Task } from "#src/tasks/task.ts";
import {
  deleteTaskWithUndo,
  getTaskForOwner,
  setTaskPriority,
  setTaskStatus,
  updateTaskForOwner,
} from "#src/tasks/task-service.ts";
import { pageMeta } from "#app/page-meta.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

const UPDATE_FIELDS = ["title", "description", "status", "dueDate", "priority", "version"] as const;
const QUICK_FIELDS = ["intent", "status", "priority", "version", "returnTo"] as const;

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) =>
  pageMeta(loaderData?.task ? `${loaderData.task.title} · Task Tracker` : "Task · Task Tracker");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const user = await requireUser(request, context);
    const timeZone = displayTimeZone(user.timeZone);
    return { task: await getTaskForOwner(user.id, params.taskId ?? ""), timeZone, today: todayIn(timeZone) };
  } catch (error) {
    // Storage unreachable: still render the page, so a failed save (without JavaScript, a
    // full page) comes back with the user's edits and its 503 message.
    if (error instanceof ServiceUnavailableError)
      return data({ task: null, timeZone: "UTC", today: todayIn("UTC") }, { status: 503 });
    throw toErrorResponse(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const taskId = params.taskId ?? "";
  const form = await readForm(request);

  if (form.intent === "delete") {
    const { task: deleted, undoToken } = await orErrorResponse(async () =>
      deleteTaskWithUndo((await requireUser(request, context)).id, taskId),
    );
    return redirectWithFlash("/tasks", {
      kind: "deleted",
      title: deleted.title,
      ...(undoToken ? { undo: undoToken } : {}),
    });
  }
  if (form.intent === "quick" || form.intent === "status" || form.intent === "priority")
    return quickChange(request, context, taskId, form);
  if (form.intent !== "update") {
    await orErrorResponse(() => requireUser(request, context));
    throw data("Unknown action.", { status: 400 });
  }

  const values = pick(form, UPDATE_FIELDS);
  let task: Task;
  try {
    // Signed-in check inside: an outage then re-renders the form with the user's edits.
    const user = await requireUser(request, context);
    task = await updateTaskForOwner(user.id, taskId, values);
  } catch (error) {
    // A missing or foreign task has no form to re-render: formFailure throws the 404.
    return formFailure<typeof values, Task>(error, values);
  }
  return redirectWithFlash(`/tasks/${task.id}`, { kind: "updated", title: task.title });
}

/**
 * A one-click change from a list or the board. Without JavaScript: 303 back to that page with
 * a message, or this task's page explaining a conflict (409). With it (`respond=data`): the
 * result as data, so the list stays where it is.
 */
async function quickChange(
  request: Request,
  context: ActionFunctionArgs["context"],
  taskId: string,
  form: Record<string, string>,
) {
  // "quick": the lists' one form per row, where the pressed button names the field it sets.
  // From here on it is that field's change (the conflict page offers to repeat it as such).
  const field = form.intent === "quick" ? (form.status !== undefined ? "status" : "priority") : form.intent;
  const values = { ...pick(form, QUICK_FIELDS), intent: field };
  let task: Task;
  try {
    const user = await requireUser(request, context);
    task = await (field === "status" ? setTaskStatus : setTaskPriority)(user.id, taskId, values);
  } catch (error) {
    if (form.respond === "data" && error instanceof ConflictError) {
      return data({ ok: false, formError: error.message, current: error.current as Task }, { status: 409 });
    }
    return formFailure<typeof values, Task>(error, values);
  }
  if (form.respond === "data") return data({ ok: true, task });
  const flash =
    field === "status"
      ? ({ kind: "status", detail: STATUS_LABELS[task.status] } as const)
      : ({ kind: "priority", detail: task.priority === "none" ? "none" : PRIORITY_LABELS[task.priority] } as const);
  return redirectWithFlash(safeReturnTo(form.returnTo), { ...flash, title: task.title });
}

export default function TaskRoute() {
  const { task, timeZone, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as TaskActionResult | undefined;
  return task ? (
    <TaskPage task={task} timeZone={timeZone} today={today} actionData={actionData} />
  ) : (
    <TaskUnavailable actionData={actionData} />
  );
}
