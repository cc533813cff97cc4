import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm, safeReturnTo } from "#app/.server/forms.ts";
import { listWords } from "#app/.server/list-words.ts";
import type { MoreOptions } from "#app/components/more-options.tsx";
import { everyListView, listPages, navLinks, oneListView, readOnlyNote, type ViewLists } from "#app/.server/lists.ts";
import { formFailure, toErrorResponse } from "#app/.server/route-errors.ts";
import { listPath } from "#app/task-urls.ts";
import { ServiceUnavailableError, ValidationError } from "#src/errors.ts";
import { listsForUser, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { hasRole } from "#src/lists/list.ts";
import { INBOX_SUMMARY } from "#src/lists/list-service.ts";
import { toRowTask, type Task } from "#src/tasks/task-constants.ts";
import { clockIn, formatCalendarDate, isTimeZone, todayIn } from "#src/tasks/task-dates.ts";
import { marksForTasks } from "#src/tasks/task-search.ts";
import { labelKey } from "#src/tasks/task-labels.ts";
import {
  assignedScope,
  createTask,
  listTasks,
  newCreateFormToken,
  type TaskListView,
} from "#src/tasks/task-service.ts";

/**
 * The list pages' loader and quick-add action, shared by /tasks (every list: All, Today,
 * Upcoming) and /lists/<id> (one list, with the same views): parse, call, map errors.
 */

const TASK_FIELDS = ["title", "description", "status", "dueDate", "dueTime", "repeat", "labels", "priority"] as const;

/** The user's calendar, as Today and Upcoming use it: their zone, UTC until they have one. */
const zoneOf = (timeZone: string | null | undefined) => (timeZone && isTimeZone(timeZone) ? timeZone : "UTC");

/** Quick add's "More options" as HTML (loaded on use: a cold start need not carry it). */
async function moreOptionsHtml(props: Parameters<typeof MoreOptions>[0]) {
  return (await import("#app/.server/more-options.ts")).moreOptionsHtml(props);
}

/** What quick add starts with: on Today, today's date. */
function addDefaults(due: string | undefined, today: string) {
  return due === "today" ? { dueDate: today } : undefined;
}

/** Upcoming is read by day: each due date's heading ("Tue 8 Dec"). */
function dayHeadings(tasks: Task[], today: string): Record<string, string> {
  const days: Record<string, string> = {};
  for (const { dueDate } of tasks) if (dueDate) days[dueDate] = formatCalendarDate(dueDate, today);
  return days;
}

/**
 * Each row's server-made controls as HTML (loaded only when a page has any): its assignee
 * (app/.server/assignees.ts), its "Move to…" menu and its byline (move-html.ts), and the bulk
 * form's list field.
 */
async function rowControls(
  tasks: Task[],
  lists: Pick<ViewLists, "moveTo" | "readOnlyIds" | "accesses">,
  bylines: Record<string, string>,
) {
  const { moveTo: targets, readOnlyIds } = lists;
  // Tasks of lists other than the Inbox can be assigned (the Inbox's access carries no list).
  const shared = lists.accesses.filter((access) => access.list && tasks.some((task) => task.listId === access.listId));
  if (targets.length === 0 && Object.keys(bylines).length === 0 && shared.length === 0)
    return { rowHtml: {}, bulkMove: "" };
  const { moveMenuHtml, bulkMoveFieldHtml, bylineHtml } = await import("#app/.server/move-html.ts");
  const { assigneeHtml, choicesByList } = await import("#app/.server/assignees.ts");
  const choices = choicesByList(shared);
  const rowHtml: Record<string, string> = {};
  for (const task of tasks) {
    const readOnly = readOnlyIds.includes(task.listId);
    rowHtml[task.id] =
      assigneeHtml(task, choices[task.listId], readOnly) +
      (readOnly ? "" : moveMenuHtml(task, targets)) +
      bylineHtml(bylines[task.id]);
  }
  return { rowHtml, bulkMove: bulkMoveFieldHtml(targets) };
}

/** The lists a task can be added to by this user: editor or owner, not archived. */
async function writableLists(user: { id: string }): Promise<ListAccess[]> {
  return (await listsForUser(user)).filter((access) => hasRole(access.role, "editor") && !access.list?.archivedAt);
}

/** A view's data; `listRef` names one list ("inbox" or "l_…"), absent for every list. */
export async function loadTaskView({ request, context }: LoaderFunctionArgs, listRef?: string) {
  const params = new URL(request.url).searchParams;
  try {
    const user = await requireUser(request, context);
    // "Assigned to me" (/tasks?assignee=me): the tasks assigned to the user in every list they read.
    const assigned = listRef === undefined && params.has("assignee");
    if (assigned && params.get("assignee") !== "me")
      throw new ValidationError({ assignee: ["This page lists your own assignments: assignee=me."] });
    const lists: ViewLists = listRef === undefined ? await everyListView(user) : await oneListView(user, listRef);
    const page = await listTasks(
      assigned ? assignedScope(user.id, user.id, lists.accesses) : lists.scope,
      {
        status: params.get("status"),
        sort: params.get("sort"),
        due: params.get("due"),
        q: params.get("q"),
        label: params.get("label"),
        cursor: params.get("cursor"),
      },
      { timeZone: user.timeZone },
    );
    const labelName = page.view.label
      ? page.tasks.flatMap((task) => task.labels ?? []).find((label) => labelKey(label) === page.view.label)
      : undefined;
    const base = lists.current ? listPath(lists.current.inbox ? "inbox" : lists.current.id) : "/tasks";
    const view = { ...page.view, base, ...(assigned ? { assignee: "me" as const } : {}) };
    const readOnly = readOnlyNote(lists);
    // The rows' status and priority menus, written as strings (app/components/server-html.ts).
    if (page.tasks.length > 0) await import("#app/components/options-menu-html.ts");
    return {
      ...page,
      tasks: page.tasks.map(toRowTask),
      view,
      words: listWords(
        view,
        {
          found: page.tasks.length,
          laterPage: params.has("cursor"),
          nextPage: Boolean(page.nextCursor),
          moreToSearch: Boolean(page.moreToSearch),
          today: page.today,
        },
        lists.current?.name,
        labelName,
      ),
      marks: marksForTasks(page.tasks, page.view.q),
      // The rows' due dates in words; the time now makes a task due today at an earlier time
      // overdue (on this page's today only).
      // (Loaded on use, as the repeat's wording: a cold start need not carry them.)
      dues: (await import("#src/tasks/due-words.ts")).dueWordsOf(
        page.tasks,
        page.today,
        page.today === todayIn(zoneOf(user.timeZone)) ? clockIn(zoneOf(user.timeZone)) : null,
      ),
      days: view.due === "upcoming" ? dayHeadings(page.tasks, page.today) : {},
      timeZone: user.timeZone ?? null,
      shortcuts: user.shortcuts,
      unavailable: false,
      formToken: newCreateFormToken(),
      // Quick add's other fields, as HTML (none on a list that cannot be changed).
      moreOptions: readOnly ? "" : await moreOptionsHtml({ defaults: addDefaults(view.due, page.today) }),
      lists: {
        links: [
          ...navLinks(lists.nav, lists.current?.id ?? null, lists.invitations),
          ...listPages(lists.current, "tasks"),
        ],
        readOnly,
        labels: lists.labels,
        readOnlyIds: lists.readOnlyIds,
      },
      live: lists.live,
      ...(await rowControls(
        page.tasks,
        lists,
        // Loaded only when a shared list is shown: most pages have none.
        lists.stored.some((list) => Object.keys(list.members).length > 1)
          ? (await import("#app/.server/task-bylines.ts")).bylinesFor(
              page.tasks,
              lists.stored,
              user.id,
              zoneOf(user.timeZone),
            )
          : {},
      )),
    };
  } catch (error) {
    // Storage unreachable: still render the page, so after a failed create the form comes
    // back with the user's input (and its 503 message) even without JavaScript.
    if (error instanceof ServiceUnavailableError) {
      const view: TaskListView & { base: string } = { sort: "newest", base: new URL(request.url).pathname };
      const today = todayIn("UTC");
      const none = { found: 0, laterPage: false, nextPage: false, moreToSearch: false, today };
      const lists = {
        links: navLinks([INBOX_SUMMARY], null),
        readOnly: null,
        labels: {},
        readOnlyIds: [] as string[],
      };
      return data(
        {
          tasks: [] as Task[],
          view,
          words: listWords(view, none),
          today,
          nextCursor: undefined,
          moreToSearch: false,
          marks: {},
          dues: {},
          days: {},
          timeZone: null,
          shortcuts: false,
          unavailable: true,
          formToken: newCreateFormToken(),
          moreOptions: await moreOptionsHtml({}),
          lists,
        },
        { status: 503 },
      );
    }
    throw toErrorResponse(error);
  }
}

/**
 * Quick add: into the page's list, or from a view across lists into the Inbox. 303 back to the view with a message; a refusal re-renders the
 * form with what was typed.
 */
export async function createFromQuickAdd({ request, context }: ActionFunctionArgs, listRef?: string) {
  const form = await readForm(request);
  const values = pick(form, TASK_FIELDS);
  let title: string;
  let understood: string;
  let zone = "UTC";
  try {
    const user = await requireUser(request, context);
    zone = zoneOf(user.timeZone);
    let access = await resolveListAccess(user.id, listRef ?? "inbox");
    // "#Groceries" names one of the lists the user may add to (read only when the text has a "#").
    const writable = /#/u.test(values.title ?? "") ? await writableLists(user) : [];
    // The title's dates, priority, labels and list ("Buy milk tomorrow p1 @errand #Groceries"), on
    // the user's calendar. The parser and its date library load here, on the first add, never with a page.
    const { applyQuickAdd } = await import("#src/tasks/quick-add.ts");
    const parsed = applyQuickAdd(values, {
      timeZone: zoneOf(user.timeZone),
      keep: form.keep,
      lists: writable.map((list) => list.name),
    });
    understood = parsed.understood;
    const named = parsed.list === null ? undefined : writable.find((list) => list.name === parsed.list);
    if (named) access = named;
    // A repeat of this form's submission answers with the task the first one made.
    ({ title } = await createTask(access, parsed.values, form.formToken, { timeZone: user.timeZone }));
  } catch (error) {
    // A fresh token: the form's own may be spent (e.g. refused for other content). The text
    // comes back as typed, not as parsed, and "More options" with it, open if it holds an error
    // or something typed.
    const failure = formFailure(error, { ...values, formToken: newCreateFormToken() });
    const due = new URL(safeReturnTo(form.returnTo), "http://x").searchParams.get("due") ?? undefined;
    const moreOptions = await moreOptionsHtml({
      values,
      defaults: addDefaults(due, todayIn(zone)),
      fieldErrors: "fieldErrors" in failure.data ? failure.data.fieldErrors : undefined,
    });
    return data({ ...failure.data, moreOptions }, failure.init ?? undefined);
  }
  return redirectWithFlash(safeReturnTo(form.returnTo), {
    kind: "created",
    title,
    ...(understood ? { detail: understood } : {}),
  });
}
