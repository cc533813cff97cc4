import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { requireUser, type User } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm, safeReturnTo } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse, passRetryAfter, toErrorResponse } from "#app/.server/route-errors.ts";
import { TaskPage, TaskUnavailable, type TaskActionResult } from "#app/components/task-page.tsx";
import { PRIORITY_LABELS, STATUS_LABELS, displayTimeZone } from "#app/task-display.ts";
import { hasRole } from "#src/lists/list.ts";
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from "#src/errors.ts";
import { listsForUser, requireRole, resolveListAccess } from "#src/lists/list-access.ts";
import { listNavigation } from "#src/lists/list-service.ts";
import { clockIn, formatCalendarDate, todayIn } from "#src/tasks/task-dates.ts";
import type { DueWords } from "#src/tasks/due-words.ts";
import type { Task } from "#src/tasks/task.ts";
import { EDIT_FIELDS, baseFieldName, type EditValues } from "#src/tasks/task-edit-fields.ts";
import {
  deleteTaskWithUndo,
  openTask,
  locateTask,
  setTaskAssignee,
  setTaskPriority,
  setTaskStatusWithUndo,
  updateTask,
} from "#src/tasks/task-service.ts";
import { moveTargets, requireListAccess } from "#app/.server/lists.ts";
import type { SubtaskChange } from "#src/tasks/task.ts";
import { VIEW_LIVE, type PageHandle } from "#app/page-handle.ts";
import { pageMeta } from "#app/page-meta.ts";
import { taskHref } from "#app/task-urls.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

const UPDATE_FIELDS = [
  "title",
  "description",
  "status",
  "dueDate",
  "dueTime",
  "repeat",
  "labels",
  "priority",
  "assigneeId",
  "version",
] as const;
const BASE_FIELDS = EDIT_FIELDS.map(baseFieldName);

function baseValues(values: Partial<Record<string, string>>): EditValues {
  return Object.fromEntries(EDIT_FIELDS.map((field) => [field, values[baseFieldName(field)]]));
}
const QUICK_FIELDS = [
  "intent",
  "status",
  "priority",
  "assigneeId",
  "base.status",
  "base.priority",
  "base.assigneeId",
  "subtask",
  "version",
  "returnTo",
] as const;
const SUBTASK_FIELDS = ["intent", "subtask", "title", "done", "move", "version"] as const;
/** The checklist's forms: `subtask-add`, `subtask-done`, `subtask-rename`, `subtask-move`, `subtask-remove`. */
const SUBTASK_INTENT = "subtask-";

export const handle: PageHandle = { liveLists: VIEW_LIVE };

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) =>
  pageMeta(loaderData?.task ? `${loaderData.task.title} · Task Tracker` : "Task · Task Tracker");

/** The list the task was opened from (`?back=`, one of ours: safeReturnTo), else All tasks. */
function backFrom(request: Request): string {
  return safeReturnTo(new URL(request.url).searchParams.get("back") ?? undefined);
}

/** The task's list: /lists/<list>/tasks/<id>, or the Inbox for /tasks/<id> (its URL from before lists). */
function listRefOf(params: LoaderFunctionArgs["params"]): string {
  return params.listId ?? "inbox";
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const back = backFrom(request);
  // Loaded on use, like the link rules below: a cold start need not carry them.
  const { describeList } = await import("#app/list-names.ts");
  const backLabel = describeList(back);
  let signedIn: User | undefined;
  try {
    const user = await requireUser(request, context);
    signedIn = user;
    // The list's access and the task in one call (the list's item and the task together).
    const { access, task } = await openTask(user.id, listRefOf(params) ?? "", params.taskId ?? "");
    const timeZone = displayTimeZone(user.timeZone);
    // A viewer sees the task without controls that would fail.
    const canEdit = hasRole(access.role, "editor") && !access.list?.archivedAt;
    // The lists it can move to (the navigation's one Query, usually the session's copy) and the
    // list's labels, which the edit form suggests (one Query; the label service loads on use).
    const [nav, labelSuggestions] = await Promise.all([
      canEdit ? listNavigation(user) : Promise.resolve([]),
      canEdit
        ? import("#src/tasks/label-service.ts")
            .then(({ listLabelsOf }) => listLabelsOf(access))
            .then((labels) => labels.map((label) => label.name))
        : Promise.resolve([] as string[]),
    ]);
    // The description's links are found here, on the server, loaded on use: neither the
    // browser nor a cold start carries the link rules.
    const { splitLinks } = await import("#app/text-links.ts");
    const { bylinesFor, changedByName } = await import("#app/.server/task-bylines.ts");
    return {
      task,
      canEdit,
      labelSuggestions,
      listName: access.name,
      listRef: access.list ? access.listId : "inbox",
      moveTo: moveTargets(nav),
      byline: bylinesFor([task], [access.list], user.id, timeZone)[task.id] ?? null,
      // With JavaScript the page follows the task's list, and says who changed the task while
      // its edit form is open (components/task-page.tsx).
      live: [task.listId],
      changedBy: changedByName(task, access.list, user.id),
      // Who it can be assigned to, from the list item already read (loaded on use).
      assign: (await import("#app/.server/assignees.ts")).assignChoices(access),
      descriptionParts: splitLinks(task.description),
      timeZone,
      today: todayIn(timeZone),
      // The time now makes a task due today at an earlier time overdue.
      due: (await import("#src/tasks/due-words.ts")).dueWords(task, todayIn(timeZone), clockIn(timeZone)),
      back,
      backLabel: describeList(back, access.name),
    };
  } catch (error) {
    // Moved to another of the user's lists: its old address leads there.
    if (signedIn && error instanceof NotFoundError && error.code === "task.not_found") {
      const moved = await findMoved(signedIn, params.taskId ?? "");
      if (moved) throw redirect(taskHref(moved, back));
    }
    // Storage unreachable: still render the page, so a failed save (without JavaScript, a
    // full page) comes back with the user's edits and its 503 message.
    if (error instanceof ServiceUnavailableError)
      return data(
        {
          task: null,
          canEdit: false,
          labelSuggestions: [] as string[],
          listName: "",
          listRef: "",
          moveTo: [],
          byline: null,
          assign: null,
          descriptionParts: [],
          timeZone: "UTC",
          today: todayIn("UTC"),
          back,
          backLabel,
        },
        { status: 503 },
      );
    throw toErrorResponse(error);
  }
}

/** The task in whichever other list of the user's it is now (it moved), or null: only on a 404's way. */
async function findMoved(user: User, taskId: string): Promise<Task | null> {
  try {
    return (await locateTask(await listsForUser(user), taskId)).task;
  } catch {
    return null;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const taskId = params.taskId ?? "";
  const form = await readForm(request);

  if (form.intent === "delete") {
    const { task: deleted, undoToken } = await orErrorResponse(async () =>
      deleteTaskWithUndo((await requireListAccess(request, context, listRefOf(params))).access, taskId),
    );
    return redirectWithFlash(backFrom(request), {
      kind: "deleted",
      title: deleted.title,
      ...(undoToken ? { undo: undoToken } : {}),
    });
  }
  if (
    form.intent === "quick" ||
    form.intent === "status" ||
    form.intent === "priority" ||
    form.intent === "move" ||
    form.intent === "assignee"
  )
    return quickChange(request, context, listRefOf(params), taskId, form);
  if (form.intent?.startsWith(SUBTASK_INTENT)) return subtaskChange(request, context, listRefOf(params), taskId, form);
  if (form.intent !== "update") {
    await orErrorResponse(() => requireUser(request, context));
    throw data("Unknown action.", { status: 400 });
  }

  // The edit plus the fields as they were when the form was loaded (`base.title`, …).
  const values = pick(form, [...UPDATE_FIELDS, ...BASE_FIELDS, "listId"]);
  let task: Task;
  let moved: { name: string; undoToken?: string } | undefined;
  try {
    // Signed-in check inside: an outage then re-renders the form with the user's edits.
    const { user, access } = await requireListAccess(request, context, listRefOf(params));
    // A new list is checked before anything is saved: the save and the move stand or fall together.
    const target =
      values.listId && values.listId !== listRefOf(params) ? await resolveListAccess(user.id, values.listId) : null;
    if (target) requireRole(target, "editor");
    task = await updateTask(access, taskId, values, { timeZone: user.timeZone }, target ?? undefined);
    if (target) {
      const { moveTaskWithUndo } = await import("#src/tasks/task-move-service.ts");
      const result = await moveTaskWithUndo(access, target, task.id, task.version);
      task = result.task;
      moved = { name: target.name, ...(result.undoToken ? { undoToken: result.undoToken } : {}) };
    }
  } catch (error) {
    if (error instanceof ConflictError && error.current) {
      // Someone saved first: the form comes back with their changes to the fields this user
      // did not touch, and this user's edits, based on the version stored now.
      const current = error.current as Task;
      // Loaded on use: a conflict is rare, and every cold start would pay for it.
      const { mergeEdit } = await import("#src/tasks/task-merge.ts");
      const merge = mergeEdit(baseValues(values), values, current);
      return data(
        {
          ok: false as const,
          formError: error.message,
          values: { ...merge.values, version: String(current.version) },
          current,
          merge: { changedElsewhere: merge.changedElsewhere, clashes: merge.clashes },
        },
        { status: 409 },
      );
    }
    // A missing or foreign task has no form to re-render: formFailure throws the 404.
    return formFailure<typeof values, Task>(error, values);
  }
  if (moved)
    return redirectWithFlash(taskHref(task, backFrom(request)), {
      kind: "moved",
      title: task.title,
      detail: moved.name,
      ...(moved.undoToken ? { undo: moved.undoToken } : {}),
    });
  return redirectWithFlash(taskHref(task, backFrom(request)), { kind: "updated", title: task.title });
}

/**
 * A change to the checklist on the task's page: 303 back to the page at the checklist (with
 * JavaScript the same form, the page revalidating in place), or the page again with the reason
 * and the task as it is now (400, 403, 409).
 */
async function subtaskChange(
  request: Request,
  context: ActionFunctionArgs["context"],
  listRef: string,
  taskId: string,
  form: Record<string, string>,
) {
  const values = pick(form, SUBTASK_FIELDS);
  const change = (form.intent ?? "").slice(SUBTASK_INTENT.length);
  let task: Task;
  try {
    const { access } = await requireListAccess(request, context, listRef);
    // Loaded on use: a cold start need not carry it.
    const { changeSubtasks, isSubtaskChange } = await import("#src/tasks/subtask-service.ts");
    if (!isSubtaskChange(change)) throw new ValidationError({}, "Unknown action.");
    ({ task } = await changeSubtasks(access, taskId, change as SubtaskChange, values));
  } catch (error) {
    return formFailure<typeof values, Task>(error, values);
  }
  return redirect(`${taskHref(task, backFrom(request))}#subtasks`, { status: 303 });
}

/**
 * A one-click change from a list or the board. Without JavaScript: 303 back to that page with
 * a message, or this task's page explaining a conflict (409). With it (`respond=data`): the
 * result as data, so the list stays where it is.
 */
async function quickChange(
  request: Request,
  context: ActionFunctionArgs["context"],
  listRef: string,
  taskId: string,
  form: Record<string, string>,
) {
  // "quick": the lists' one form per row, where the pressed button names the field it sets.
  // From here on it is that field's change (the conflict page offers to repeat it as such).
  if (form.listId !== undefined || form.intent === "move") return quickMove(request, context, listRef, taskId, form);
  const field =
    form.intent === "quick"
      ? form.status !== undefined
        ? "status"
        : form.subtask !== undefined
          ? "subtask"
          : form.assigneeId !== undefined
            ? "assignee"
            : "priority"
      : form.intent;
  // returnTo is shown again as a link (the conflict page's way back): only ever one of ours.
  const values = { ...pick(form, QUICK_FIELDS), intent: field, returnTo: safeReturnTo(form.returnTo) };
  let task: Task;
  // Completing a recurring task moves it to its next date, with an undo that puts it back.
  let repeated: { undoToken?: string } | undefined;
  let ticked: string | undefined;
  let zone = "UTC";
  let assignee = "";
  try {
    const { user, access } = await requireListAccess(request, context, listRef);
    zone = displayTimeZone(user.timeZone);
    if (field === "status") ({ task, repeated } = await setTaskStatusWithUndo(access, taskId, values));
    else if (field === "subtask") {
      // The row's "tick the next sub-task" button.
      const { changeSubtasks } = await import("#src/tasks/subtask-service.ts");
      const result = await changeSubtasks(access, taskId, "done", values);
      ({ task } = result);
      ticked = result.subtask?.title;
    } else if (field === "assignee") {
      task = await setTaskAssignee(access, taskId, values);
      assignee = (task.assigneeId && access.list?.members[task.assigneeId]?.email) || "";
    } else task = await setTaskPriority(access, taskId, values);
  } catch (error) {
    if (form.respond === "data" && error instanceof ConflictError) {
      return data({ ok: false, formError: error.message, current: error.current as Task }, { status: 409 });
    }
    return formFailure<typeof values, Task>(error, values);
  }
  // Its next date in words for the announcement, the year only when it is not the date's own ("Wed 9 Dec").
  if (form.respond === "data")
    return data({
      ok: true,
      task,
      ...(repeated && task.dueDate ? { repeated: formatCalendarDate(task.dueDate, task.dueDate) } : {}),
      // The row's assignee menu is the server's HTML: so are its words for screen readers.
      ...(field === "assignee"
        ? { said: assignee ? `Assigned “${task.title}” to ${assignee}.` : `Unassigned “${task.title}”.` }
        : {}),
    });
  const flash = repeated
    ? ({
        kind: "repeated",
        detail: task.dueDate ? formatCalendarDate(task.dueDate, todayIn(zone)) : "",
        ...(repeated.undoToken ? { undo: repeated.undoToken } : {}),
      } as const)
    : field === "status"
      ? ({ kind: "status", detail: STATUS_LABELS[task.status] } as const)
      : field === "subtask"
        ? ({ kind: "subtask", ...(ticked ? { detail: ticked } : {}) } as const)
        : field === "assignee"
          ? ({ kind: "assigned", detail: assignee } as const)
          : ({ kind: "priority", detail: task.priority === "none" ? "none" : PRIORITY_LABELS[task.priority] } as const);
  // Back to the same place in the list: the row's anchor (without JavaScript the page reloads).
  return redirectWithFlash(`${values.returnTo}#task-${task.id}`, { ...flash, title: task.title });
}

/**
 * "Move to…" from a row's menu: without JavaScript 303 back to that page with a message and an
 * Undo; with it (`respond=data`) the result as data. A refusal (a list the user may not change,
 * a task changed since) changes nothing and says why.
 */
async function quickMove(
  request: Request,
  context: ActionFunctionArgs["context"],
  listRef: string,
  taskId: string,
  form: Record<string, string>,
) {
  const values = {
    ...pick(form, ["listId", "version", "returnTo"]),
    intent: "move",
    returnTo: safeReturnTo(form.returnTo),
  };
  let task: Task;
  let name: string;
  let undoToken: string | undefined;
  try {
    const { user, access } = await requireListAccess(request, context, listRef);
    const target = await resolveListAccess(user.id, form.listId ?? "");
    const version = /^[1-9]\d{0,8}$/.test(form.version ?? "") ? Number(form.version) : undefined;
    // Loaded on use: page views never carry the code of a move.
    const { moveTaskWithUndo } = await import("#src/tasks/task-move-service.ts");
    ({ task, undoToken } = await moveTaskWithUndo(access, target, taskId, version));
    name = target.name;
  } catch (error) {
    // Changed since the list was loaded: nothing moved; the list shows it as it is now.
    if (error instanceof ConflictError)
      return data(
        {
          ok: false,
          formError: "This task was changed since your list was loaded, so it was not moved. Look again and move it.",
          values,
          ...(form.respond === "data" ? { current: error.current as Task } : {}),
        },
        { status: 409 },
      );
    // With JavaScript the row says why in place (a 404 page would replace the list).
    if (form.respond === "data" && error instanceof NotFoundError)
      return data({ ok: false, formError: error.message, values }, { status: 404 });
    return formFailure<typeof values, Task>(error, values);
  }
  if (form.respond === "data") return data({ ok: true, task, movedTo: name });
  return redirectWithFlash(values.returnTo, {
    kind: "moved",
    title: task.title,
    detail: name,
    ...(undoToken ? { undo: undoToken } : {}),
  });
}

export default function TaskRoute() {
  const {
    task,
    canEdit,
    labelSuggestions,
    listName,
    listRef,
    moveTo,
    byline,
    descriptionParts,
    timeZone,
    today,
    back,
    backLabel,
    assign,
  } = useLoaderData<typeof loader>();
  const { due, changedBy } = useLoaderData<{ due?: DueWords; changedBy?: string }>();
  const actionData = useActionAnswer<typeof action>() as TaskActionResult | undefined;
  const backLink = { to: back, label: backLabel };
  return task ? (
    <TaskPage
      task={task}
      canEdit={canEdit}
      assign={assign}
      labelSuggestions={labelSuggestions}
      listName={listName}
      lists={{ current: listRef, options: moveTo }}
      byline={byline}
      changedBy={changedBy}
      descriptionParts={descriptionParts}
      timeZone={timeZone}
      today={today}
      due={due}
      actionData={actionData}
      backLink={backLink}
    />
  ) : (
    <TaskUnavailable actionData={actionData} backLink={backLink} />
  );
}
