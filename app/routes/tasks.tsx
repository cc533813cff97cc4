import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { passRetryAfter } from "#app/.server/route-errors.ts";
import { createFromQuickAdd, loadTaskView } from "#app/.server/task-views.ts";
import { TaskViewScreen } from "#app/components/task-view-screen.tsx";
import { pageMeta } from "#app/page-meta.ts";
import { VIEW_LIVE, type PageHandle } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// With JavaScript the page follows the lists it shows, live (components/live-updates.tsx).
export const handle: PageHandle = { liveLists: VIEW_LIVE };

// The title is worded with the view (app/.server/list-words.ts).
export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) =>
  pageMeta(`${loaderData?.words.title ?? "My tasks"} · Task Tracker`);

/** Every list the user belongs to: All tasks, Today and Upcoming. */
export const loader = (args: LoaderFunctionArgs) => loadTaskView(args);

export const action = (args: ActionFunctionArgs) => createFromQuickAdd(args);

export default TaskViewScreen;
