import { ForbiddenError, NotFoundError } from "#src/errors.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { logError } from "#src/logging.ts";
import * as store from "#src/live/live-repository.ts";
import { postToConnection } from "#src/live/socket-repository.ts";

// The fan-out behind noticeListChanged (live-notice.ts explains the rules), loaded on a
// container's first write so the page Lambda's import does not carry it.

/** PostToConnection calls in flight at once, so a busy list cannot open hundreds of connections. */
const PARALLEL_SENDS = 50;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * How long a list's change stamp is kept: a page subscribes seconds after it loaded, and a
 * socket that reconnects reloads its page anyway, so two hours (a socket's life) is ample.
 */
const CHANGE_STAMP_SECONDS = 2 * 60 * 60;

/**
 * The fan-out itself; throws on an outage of the live table (noticeListChanged logs it).
 * `removed`: a user who just lost the list, told once more (their pages then let it go).
 */
export async function fanOut(
  listId: string,
  removed?: string,
): Promise<{ sent: number; gone: number; dropped: number }> {
  // Stamped before the sockets are read: a page whose subscription this Query misses wrote it
  // after the stamp, and its subscription's answer reads the stamp (live-service.ts), so every
  // change reaches a page either as a notice or as "changed since you loaded".
  await store.markListChanged(listId, Date.now(), nowSeconds() + CHANGE_STAMP_SECONDS);
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
          // Removed from the list since subscribing: stop following it, send nothing (but the
          // notice of the removal itself, which their open pages reload on).
          counts.dropped += 1;
          try {
            if (userId === removed && (await postToConnection(connectionId, message)) === "sent") counts.sent += 1;
          } finally {
            await store.deleteSubscription(listId, connectionId);
          }
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
