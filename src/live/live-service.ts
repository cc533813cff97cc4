import { getEnv, getSigningSecrets } from "#src/env.ts";
import { ForbiddenError, NotFoundError } from "#src/errors.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { logError, writeLog } from "#src/logging.ts";
import * as store from "#src/live/live-repository.ts";
import { readTicket, signTicket } from "#src/live/live-ticket.ts";
import { socketEndpoint } from "#src/live/socket-endpoint.ts";
import { postToConnection } from "#src/live/socket-repository.ts";

/**
 * Live updates, the socket's side: tickets, opening a socket, following lists, closing
 * (docs/decisions/2026-12-07-live-updates-over-architect-ws.md). The WebSocket handlers in
 * src/ws/ are one line each into here. The fan-out after writes is live-notice.ts.
 */

/** API Gateway closes every socket after two hours; no record needs to outlive that. */
export const CONNECTION_SECONDS = 2 * 60 * 60;
/** A page shows a handful of lists (the Inbox, a shared list, the board's columns' lists). */
export const MAX_LISTS_PER_SOCKET = 20;

const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface LiveTicket {
  ticket: string;
  /** The socket's URL when it is on another host (deployed); null: the page's own host (sandbox). */
  url: string | null;
}

/** For a signed-in request: a single-use ticket to open one socket within a minute. */
export function issueLiveTicket(userId: string): LiveTicket {
  const env = getEnv();
  const url = env.ARC_WSS_URL?.startsWith("wss://") ? env.ARC_WSS_URL : null;
  return { ticket: signTicket(getSigningSecrets(env)[0] as string, userId, nowSeconds()), url };
}

/** $connect: true (the socket opens) for a valid, unspent ticket; false refuses the socket. */
export async function openConnection(connectionId: string, ticket: unknown): Promise<boolean> {
  const now = nowSeconds();
  const read = readTicket(getSigningSecrets(), ticket, now);
  if (!read) return false;
  if (!(await store.spendTicketNonce(read.nonce, read.expiresAt + 60))) {
    writeLog("WARN", "A live ticket was used twice", { connectionId });
    return false;
  }
  await store.putConnection(connectionId, read.userId, now + CONNECTION_SECONDS);
  return true;
}

/** $disconnect: forget the socket and what it followed. */
export async function closeConnection(connectionId: string): Promise<void> {
  await store.deleteConnection(connectionId);
}

/**
 * What the page may send: `{"sub":["<listId>", …],"age":<ms>}` follows those lists, `age` being
 * how long ago the page's data began loading (measured by the page: no clock is shared); anything
 * else (a ping) is ignored.
 */
function parseMessage(body: unknown): { sub: string[]; age: number | null } | null {
  if (typeof body !== "string" || body.length > 4096) return null;
  try {
    const message = JSON.parse(body) as { sub?: unknown; age?: unknown };
    if (!Array.isArray(message.sub)) return null;
    const ids = message.sub.filter((id): id is string => typeof id === "string" && id.length > 0 && id.length <= 64);
    const age =
      typeof message.age === "number" && Number.isFinite(message.age) && message.age >= 0
        ? Math.min(message.age, CONNECTION_SECONDS * 1000)
        : null;
    return { sub: [...new Set(ids)].slice(0, MAX_LISTS_PER_SOCKET), age };
  } catch {
    return null;
  }
}

export interface Subscribed {
  /** The lists followed from now on, by their ids ("inbox" answers with the user's Inbox id). */
  ok: string[];
  /** The ids asked for that this user cannot read (or that do not exist: the same answer). */
  refused: string[];
  /**
   * Whether a followed list changed after the page's data began loading (the message's `age`),
   * less CLOCK_MARGIN_MS: a change made between the page's read and this subscription reached
   * no socket of this page, so the page reloads its data once.
   */
  changed: boolean;
}

/** The message's travel and the servers' clocks: a change this close to the load counts as after it. */
export const CLOCK_MARGIN_MS = 1000;

/**
 * $default: a page asks to follow the lists it shows. Only lists the socket's user can read
 * are followed (the same check as every page: resolveListAccess); the answer goes back down the
 * socket as `{"t":"sub","ok":[…],"refused":[…],"changed":bool}`. Returns null for a message that is not a
 * subscription (pings keep the socket alive and need no answer).
 */
export async function handleSocketMessage(connectionId: string, body: unknown): Promise<Subscribed | null> {
  const message = parseMessage(body);
  if (!message) return null;
  const now = nowSeconds();
  const userId = await store.getConnectionUser(connectionId, now);
  if (!userId) return { ok: [], refused: message.sub, changed: false };
  const answers = await Promise.all(
    message.sub.map((asked) =>
      resolveListAccess(userId, asked).then(
        (access) => ({ asked, listId: access.listId }),
        (error: unknown) => {
          // Not found and forbidden are refusals; an outage is logged and refused too.
          if (!(error instanceof NotFoundError || error instanceof ForbiddenError))
            logError("A live subscription's access check failed", error);
          return { asked, listId: null };
        },
      ),
    ),
  );
  const ok = [...new Set(answers.flatMap((answer) => (answer.listId ? [answer.listId] : [])))];
  const refused = answers.flatMap((answer) => (answer.listId ? [] : [answer.asked]));
  if (ok.length > 0) await store.putSubscriptions(connectionId, userId, ok, now + CONNECTION_SECONDS);
  // Read after the subscriptions are written (the fan-out stamps before it reads them).
  const changed =
    ok.length > 0 && message.age !== null
      ? await store.listsChangedSince(ok, Date.now() - message.age - CLOCK_MARGIN_MS)
      : false;
  if (socketEndpoint()) await postToConnection(connectionId, JSON.stringify({ t: "sub", ok, refused, changed }));
  return { ok, refused, changed };
}
