import { NotFoundError, ForbiddenError } from "#src/errors.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { logError, writeLog } from "#src/logging.ts";
import * as store from "#src/live/live-repository.ts";
import { postToConnection, socketEndpoint } from "#src/live/socket-repository.ts";

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
 */
export const NOTICE_WAIT_MS = 750;
/** PostToConnection calls in flight at once, so a busy list cannot open hundreds of connections. */
const PARALLEL_SENDS = 50;

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function noticeListChanged(listId: string): Promise<void> {
  if (!socketEndpoint()) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), NOTICE_WAIT_MS);
  });
  const work = fanOut(listId).then(
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

/** The fan-out itself; throws on an outage of the live table (noticeListChanged logs it). */
export async function fanOut(listId: string): Promise<{ sent: number; gone: number; dropped: number }> {
  const subscribers = await store.queryListSubscribers(listId, nowSeconds());
  if (subscribers.length === 0) return { sent: 0, gone: 0, dropped: 0 };
  const readers = await whoMayRead(listId, [...new Set(subscribers.map((subscriber) => subscriber.userId))]);
  const message = JSON.stringify({ t: "list", id: listId });
  const counts = { sent: 0, gone: 0, dropped: 0 };
  const queue = [...subscribers];
  async function worker() {
    for (let subscriber = queue.shift(); subscriber; subscriber = queue.shift()) {
      const { connectionId, userId } = subscriber;
      try {
        if (!readers.has(userId)) {
          // Removed from the list since subscribing: stop following it, send nothing.
          counts.dropped += 1;
          await store.deleteSubscription(listId, connectionId);
        } else if ((await postToConnection(connectionId, message)) === "gone") {
          counts.gone += 1;
          await store.deleteConnection(connectionId);
        } else {
          counts.sent += 1;
        }
      } catch (error) {
        logError("A live notice to one socket failed", error, { listId, connectionId });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, subscribers.length) }, worker));
  return counts;
}

/** The subscribed users who may still read the list, checked now (never from a cache). */
async function whoMayRead(listId: string, userIds: string[]): Promise<Set<string>> {
  const readers = new Set<string>();
  await Promise.all(
    userIds.map(async (userId) => {
      try {
        await resolveListAccess(userId, listId);
        readers.add(userId);
      } catch (error) {
        if (!(error instanceof NotFoundError || error instanceof ForbiddenError)) throw error;
      }
    }),
  );
  return readers;
}

/** For `return repository.updateTask(…).then(noticeTaskChanged)`: notices the task's list, hands the task on. */
export async function noticeTaskChanged<T extends { listId: string }>(task: T): Promise<T> {
  await noticeListChanged(task.listId);
  return task;
}

/** One notice per list the tasks are in (a bulk change of 50 tasks is one notice), none for no tasks. */
export async function noticeListsChanged(tasks: readonly { listId: string }[]): Promise<void> {
  await Promise.all([...new Set(tasks.map((task) => task.listId))].map(noticeListChanged));
}
