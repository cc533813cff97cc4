import { logError, writeLog } from "#src/logging.ts";
import { socketEndpoint } from "#src/live/socket-endpoint.ts";

/**
 * The fan-out after a write: every socket following the list is told "list L changed" (the
 * list's id, never task data; the page then reloads its data through loaders that check access
 * as every request does).
 *
 * It must not fail or noticeably slow the write, so it never throws and waits at most
 * NOTICE_WAIT_MS. It is awaited rather than left running because Lambda freezes the container
 * once the response is returned: un-awaited sends would run at the container's next request,
 * seconds or minutes later, or never. Past the wait the write answers anyway; whatever is still
 * in flight finishes if the container is warm and is lost otherwise (the page revalidates on
 * focus and on reconnect, so a lost notice costs freshness, not data).
 *
 * Cost per write: one Query of the list's subscriptions (no socket, no further call), plus per
 * distinct subscribed user one access check (none for the Inbox, a GetItem for any other list:
 * a member removed a moment ago receives nothing more and their subscription is dropped), plus
 * one PostToConnection per socket, in parallel. A 410 (the socket is gone) deletes its records.
 *
 * Membership changes notice the list too (src/lists/membership-service.ts): the members' pages
 * show who is in it and what each may do. A member just removed (or who left) is named as
 * `removed`: their sockets are told this once, so their open pages reload and let the list go,
 * and their subscriptions are dropped there and then.
 */
export const NOTICE_WAIT_MS = 750;

export async function noticeListChanged(listId: string, options: { removed?: string } = {}): Promise<void> {
  if (!socketEndpoint()) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), NOTICE_WAIT_MS);
  });
  const work = import("#src/live/live-fanout.ts")
    .then(({ fanOut }) => fanOut(listId, options.removed))
    .then(
      () => "done" as const,
      (error: unknown) => {
        logError("A live notice failed", error, { listId });
        return "failed" as const;
      },
    );
  const outcome = await Promise.race([work, late]);
  clearTimeout(timer);
  if (outcome === "late") writeLog("WARN", "A live notice was still going when the write answered", { listId });
}

/** For `return repository.updateTask(…).then(noticeTaskChanged)`: notices the task's list, hands the task on. */
export async function noticeTaskChanged<T extends { listId: string }>(task: T): Promise<T> {
  await noticeListChanged(task.listId);
  return task;
}

/** One notice per list the tasks are in (a bulk change of 50 tasks is one notice), none for no tasks. */
export async function noticeListsChanged(tasks: readonly { listId: string }[]): Promise<void> {
  await Promise.all([...new Set(tasks.map((task) => task.listId))].map((listId) => noticeListChanged(listId)));
}
