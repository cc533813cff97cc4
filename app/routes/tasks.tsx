import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm, safeReturnTo } from "#app/.server/forms.ts";
import { listWords } from "#app/.server/list-words.ts";
import { formFailure, passRetryAfter, toErrorResponse } from "#app/.server/route-errors.ts";
import { QuickAdd } from "#app/components/quick-add.tsx";
import { ClockContext } from "#app/components/task-badges.tsx";
import { TaskList } from "#app/components/task-list.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { INBOX_LIVE, type PageHandle } from "#app/page-handle.ts";
import { pageMeta } from "#app/page-meta.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import type { Task } from "#src/tasks/task-constants.ts";
import { clockIn, isTimeZone, todayIn } from "#src/tasks/task-dates.ts";
import { marksForTasks } from "#src/tasks/task-search.ts";
import { createTask, listTasksForOwner, newCreateFormToken, type TaskListView } from "#src/tasks/task-service.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

const TASK_FIELDS = ["title", "description", "status", "dueDate", "dueTime", "repeat", "priority"] as const;

/** The user's calendar, as Today and Upcoming use it: their zone, UTC until they have one. */
const zoneOf = (timeZone: string | null | undefined) => (timeZone && isTimeZone(timeZone) ? timeZone : "UTC");

export const handle: PageHandle = { liveLists: INBOX_LIVE };

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) =>
  pageMeta(
    `${loaderData?.view.q ? `“${loaderData.view.q}” · ` : ""}${loaderData?.view.due === "today" ? "Today" : loaderData?.view.due === "upcoming" ? "Upcoming" : "My tasks"} · Task Tracker`,
  );

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  try {
    const user = await requireUser(request, context);
    const page = await listTasksForOwner(
      user.id,
      {
        status: params.get("status"),
        sort: params.get("sort"),
        due: params.get("due"),
        q: params.get("q"),
        cursor: params.get("cursor"),
      },
      { timeZone: user.timeZone },
    );
    return {
      ...page,
      words: listWords(page.view, {
        found: page.tasks.length,
        laterPage: params.has("cursor"),
        nextPage: Boolean(page.nextCursor),
        moreToSearch: Boolean(page.moreToSearch),
        today: page.today,
      }),
      marks: marksForTasks(page.tasks, page.view.q),
      // The time now, for "overdue" on a task due today at an earlier time (this page's today only).
      time: page.today === todayIn(zoneOf(user.timeZone)) ? clockIn(zoneOf(user.timeZone)) : null,
      timeZone: user.timeZone ?? null,
      shortcuts: user.shortcuts,
      unavailable: false,
      formToken: newCreateFormToken(),
    };
  } catch (error) {
    // Storage unreachable: still render the page, so after a failed create the form comes
    // back with the user's input (and its 503 message) even without JavaScript.
    if (error instanceof ServiceUnavailableError) {
      const view: TaskListView = { sort: "newest" };
      const today = todayIn("UTC");
      const none = { found: 0, laterPage: false, nextPage: false, moreToSearch: false, today };
      return data(
        {
          tasks: [] as Task[],
          view,
          words: listWords(view, none),
          today,
          nextCursor: undefined,
          moreToSearch: false,
          marks: {},
          timeZone: null,
          shortcuts: false,
          unavailable: true,
          formToken: newCreateFormToken(),
        },
        { status: 503 },
      );
    }
    throw toErrorResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = pick(form, TASK_FIELDS);
  let title: string;
  let understood: string;
  try {
    const user = await requireUser(request, context);
    // The title's dates and priority ("Buy milk tomorrow p1"), on the user's calendar. The
    // parser and its date library load here, on the first add, never with a page.
    const { applyQuickAdd } = await import("#src/tasks/quick-add.ts");
    const parsed = applyQuickAdd(values, { timeZone: zoneOf(user.timeZone), keep: form.keep });
    understood = parsed.understood;
    // A repeat of this form's submission answers with the task the first one made.
    ({ title } = await createTask(user.id, parsed.values, form.formToken, { timeZone: user.timeZone }));
  } catch (error) {
    // A fresh token: the form's own may be spent (e.g. refused for other content). The text
    // comes back as typed, not as parsed.
    return formFailure(error, { ...values, formToken: newCreateFormToken() });
  }
  return redirectWithFlash(safeReturnTo(form.returnTo), {
    kind: "created",
    title,
    ...(understood ? { detail: understood } : {}),
  });
}

export default function TasksRoute() {
  const { tasks, view, words, today, nextCursor, moreToSearch, marks, timeZone, shortcuts, unavailable, formToken } =
    useLoaderData<typeof loader>();
  const { time } = useLoaderData<{ time?: string | null }>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const formRef = useFocusOnError(actionData);
  const adding = usePendingForm("/tasks");
  const returnTo = `${location.pathname}${location.search}`;
  // The task being added shows at once, from the form in flight, until the list has it.
  const navigation = useNavigation();
  const sent = navigation.formAction?.split("?")[0] === "/tasks" && navigation.formData?.get("title");
  const pending = typeof sent === "string" ? sent.trim() : "";
  // A refused task comes back into the form (emptied when sent), unless a new title is there.
  useEffect(() => {
    for (const [name, value] of Object.entries(actionData?.values ?? {})) {
      const field = formRef.current?.elements.namedItem(name) as HTMLInputElement | null;
      if (field && !(name === "title" && field.value)) field.value = String(value ?? "");
    }
  }, [actionData, formRef]);

  return (
    <ClockContext.Provider value={time ?? null}>
      <TaskList
        tasks={tasks}
        view={view}
        today={today}
        timeZone={timeZone}
        nextCursor={nextCursor}
        moreToSearch={Boolean(moreToSearch)}
        laterPage={new URLSearchParams(location.search).has("cursor")}
        returnTo={returnTo}
        unavailable={unavailable}
        shortcuts={shortcuts}
        marks={marks}
        pending={pending}
        words={words}
        addForm={
          <QuickAdd
            formRef={formRef}
            values={actionData?.values ?? {}}
            formToken={actionData?.values.formToken ?? formToken}
            fieldErrors={actionData?.fieldErrors}
            formError={actionData?.formError}
            adding={adding}
            returnTo={returnTo}
            defaults={view.due === "today" ? { dueDate: today } : undefined}
            timeZone={timeZone}
          />
        }
      />
    </ClockContext.Provider>
  );
}
