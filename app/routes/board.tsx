import { clockIn, isTimeZone } from "#src/tasks/task-dates.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "#app/.server/auth.ts";
import { everyListView, listPages, navLinks, oneListView, readOnlyNote } from "#app/.server/lists.ts";
import { ListNav } from "#app/components/list-nav.tsx";
import { orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import { BoardColumns } from "#app/components/board-columns.tsx";
import { KeyboardShortcuts } from "#app/components/keyboard-shortcuts.tsx";
import { INBOX_SUMMARY } from "#src/lists/list-service.ts";
import { SortMenu, TimeZoneNote } from "#app/components/view-controls.tsx";
import { pageMeta } from "#app/page-meta.ts";
import { boardHref, listPath } from "#app/task-urls.ts";
import { TASK_STATUSES, type TaskStatus } from "#src/tasks/task-constants.ts";
import { getBoard } from "#src/tasks/task-service.ts";
import { toRowTask } from "#src/tasks/task-constants.ts";
import { VIEW_LIVE, type PageHandle } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const meta: MetaFunction = () => pageMeta("Board · Task Tracker");

export const handle: PageHandle = { wide: true, liveLists: VIEW_LIVE };

/** Every list's tasks (/board), or one list's (/lists/<id>/board). */
export async function loader({ request, context, params: routeParams }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const cursors: Partial<Record<TaskStatus, string>> = {};
  for (const status of TASK_STATUSES) {
    const cursor = params.get(`cursor_${status}`);
    if (cursor) cursors[status] = cursor;
  }
  return orErrorResponse(async () => {
    const user = await requireUser(request, context);
    const listRef = routeParams.listId;
    const lists = listRef === undefined ? await everyListView(user) : await oneListView(user, listRef);
    const board = await getBoard(
      lists.scope,
      { sort: params.get("sort"), label: params.get("label"), cursors },
      { timeZone: user.timeZone },
    );
    const current = lists.current;
    const base = current ? `${listPath(current.inbox ? "inbox" : current.id)}/board` : "/board";
    const zone = user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : "UTC";
    // The lists shown here that the user may only read (a viewer's, an archived one): their
    // cards get no controls, and no shortcut, that would fail.
    const readOnly = lists.live.filter(
      (id) => id !== INBOX_SUMMARY.id && !lists.writable.some((writable) => writable.id === id),
    );
    return {
      ...board,
      // The cards' due dates in words; the time now makes a card due today at an earlier time overdue.
      dues: (await import("#src/tasks/due-words.ts")).dueWordsOf(
        board.columns.flatMap((column) => column.tasks),
        board.today,
        clockIn(zone),
      ),
      // The cards carry no checklist: a board of 75 cards need not carry their sub-tasks.
      columns: board.columns.map((column) => ({ ...column, tasks: column.tasks.map(toRowTask) })),
      cursors,
      timeZone: user.timeZone ?? null,
      base,
      title: (current ? `${current.name}: board` : "Board") + (board.label ? ` · @${board.label}` : ""),
      links: [...navLinks(lists.nav, current?.id ?? null, lists.invitations), ...listPages(current, "board")],
      readOnly,
      // One list that cannot be changed here: said once, above its columns.
      readOnlyNote: readOnlyNote(lists),
      shortcuts: user.shortcuts,
      live: lists.live,
    };
  });
}

export default function BoardRoute() {
  const { columns, sort, label, dues, cursors, timeZone, base, title, links, readOnly, readOnlyNote, shortcuts } =
    useLoaderData<typeof loader>();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}`;
  return (
    <div className="space-y-6">
      <ListNav links={links} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
          {!readOnlyNote && <p className="muted mt-1">Move tasks along with the buttons on each card.</p>}
        </div>
        <SortMenu sort={sort} hrefFor={(value) => boardHref({ base, sort: value, label })} />
      </div>
      {readOnlyNote && <p className="notice">{readOnlyNote}</p>}
      <TimeZoneNote timeZone={timeZone} />
      <BoardColumns
        columns={columns}
        sort={sort}
        dues={dues}
        returnTo={returnTo}
        cursors={cursors}
        base={base}
        readOnly={readOnly}
        filterLabel={label}
      />
      <KeyboardShortcuts enabled={shortcuts} returnTo={returnTo} page="board" />
    </div>
  );
}
