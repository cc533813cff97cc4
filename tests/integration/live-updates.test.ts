import { monotonicFactory } from "ulid";
import { afterEach, expect, inject, test } from "vitest";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, createList, removeMember } from "#src/lists/list-repository.ts";
import type { List } from "#src/lists/list.ts";
import * as membership from "#src/lists/membership-service.ts";
import { fanOut } from "#src/live/live-fanout.ts";
import { noticeListChanged } from "#src/live/live-notice.ts";
import { putConnection, putSubscriptions, queryListSubscribers } from "#src/live/live-repository.ts";
import { CLOCK_MARGIN_MS, issueLiveTicket } from "#src/live/live-service.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { openLiveSocket, subscribe, subscribeAged, type LiveSocket } from "#tests/support/live-socket.ts";
import { newUser } from "#tests/support/users.ts";

// Live updates through the real transport: arc sandbox's @ws on the app's port runs our
// $connect, $default and $disconnect handlers (src/ws/*, built by npm run build), and the
// fan-out posts through sandbox's emulation of API Gateway's management API, which answers 410
// for a socket that is gone, as AWS does. The writes run in this process, as the page Lambda.

const port = inject("httpPort");
const nextId = monotonicFactory();
const nowSeconds = () => Math.floor(Date.now() / 1000);
const opened: LiveSocket[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((socket) => socket.close()));
});

async function socketFor(userId: string): Promise<LiveSocket> {
  const socket = await openLiveSocket(port, issueLiveTicket(userId).ticket);
  opened.push(socket);
  return socket;
}

async function listOwnedBy(ownerId: string): Promise<List> {
  const at = new Date().toISOString();
  const list: List = {
    id: `l_${nextId()}`,
    name: "Flat",
    color: "blue",
    ownerId,
    members: { [ownerId]: { role: "owner", email: "owner@example.com", joinedAt: at } },
    archivedAt: null,
    deletedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await createList(list);
  return list;
}

/** Polls the live table (the $disconnect handler runs in its own process, in its own time). */
async function subscribersOf(listId: string, until: (count: number) => boolean): Promise<number> {
  let count = -1;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    count = (await queryListSubscribers(listId, nowSeconds())).length;
    if (until(count)) return count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return count;
}

test("a task created in one tab reaches the same user's other socket on the Inbox within 2 s", async () => {
  const user = await newUser();
  const ticket = await user.invoke("/live/ticket", { method: "POST" });
  expect(ticket.status).toBe(200);
  expect(ticket.headers["cache-control"]).toContain("no-store");
  const other = await openLiveSocket(port, (JSON.parse(ticket.body) as { ticket: string }).ticket);
  opened.push(other);
  expect(await subscribe(other, ["inbox"])).toEqual({ ok: [user.sub], refused: [] });

  const from = other.messages.length;
  const started = performance.now();
  const created = await user.invoke("/tasks", { form: { title: "Pay rent", description: "", status: "todo" } });
  expect(created.status).toBe(303);
  const { at, message } = await other.next((candidate) => candidate.t === "list", { from });

  expect(message).toEqual({ t: "list", id: user.sub });
  expect(at - started).toBeLessThan(2_000);
});

test("a signed-out request gets no ticket", async () => {
  const { invoke } = await import("#tests/support/lambda-client.ts");

  const response = await invoke("/live/ticket", { method: "POST" });

  expect(response.status).toBe(401);
  expect(response.body).toBe("");
});

test("a ticket opens one socket only, and a forged or altered one none", async () => {
  const { ticket } = issueLiveTicket(newOwnerId());
  opened.push(await openLiveSocket(port, ticket));

  await expect(openLiveSocket(port, ticket)).rejects.toThrow("refused");
  await expect(openLiveSocket(port, `${ticket.slice(0, -2)}xx`)).rejects.toThrow("refused");
  await expect(openLiveSocket(port, "not-a-ticket")).rejects.toThrow("refused");
});

test("a socket may follow only lists its user can read, and hears nothing of the others", async () => {
  const [ana, ben] = [newOwnerId(), newOwnerId()];
  const anasList = await listOwnedBy(ana);
  const anasSocket = await socketFor(ana);
  const bensSocket = await socketFor(ben);
  expect(await subscribe(anasSocket, [ana, anasList.id])).toEqual({ ok: [ana, anasList.id], refused: [] });

  expect(await subscribe(bensSocket, [ana, anasList.id, `l_${nextId()}`])).toEqual({
    ok: [],
    refused: [ana, anasList.id, expect.stringMatching(/^l_/)],
  });
  const from = bensSocket.messages.length;
  await noticeListChanged(anasList.id);
  await noticeListChanged(ana);

  // Ana's socket heard both; by then Ben's, on the same server, would have heard them too.
  await anasSocket.next((message) => message.t === "list" && message.id === ana);
  expect(anasSocket.messages.filter(({ message }) => message.t === "list").map(({ message }) => message.id)).toEqual([
    anasList.id,
    ana,
  ]);
  expect(bensSocket.messages.slice(from)).toEqual([]);
});

test("a member removed from a list hears nothing more of it, and their subscription is dropped", async () => {
  const [ana, ben] = [newOwnerId(), newOwnerId()];
  const list = await listOwnedBy(ana);
  const joinedAt = new Date().toISOString();
  expect((await addMember(list.id, ben, { role: "viewer", email: "ben@example.com", joinedAt }, 25)).ok).toBe(true);
  const bensSocket = await socketFor(ben);
  expect(await subscribe(bensSocket, [list.id])).toEqual({ ok: [list.id], refused: [] });
  await noticeListChanged(list.id);
  await bensSocket.next((message) => message.t === "list" && message.id === list.id);

  expect((await removeMember(list.id, ben)).ok).toBe(true);
  const from = bensSocket.messages.length;

  expect(await fanOut(list.id)).toEqual({ sent: 0, gone: 0, dropped: 1 });
  expect(await queryListSubscribers(list.id, nowSeconds())).toEqual([]);
  expect(bensSocket.messages.slice(from)).toEqual([]);
});

test("membership changes tell the list's sockets; the member removed is told once, and unsubscribed there and then", async () => {
  const [ana, ben] = [newOwnerId(), newOwnerId()];
  const list = await listOwnedBy(ana);
  const joinedAt = new Date().toISOString();
  expect((await addMember(list.id, ben, { role: "viewer", email: "ben@example.com", joinedAt }, 25)).ok).toBe(true);
  const anasSocket = await socketFor(ana);
  const bensSocket = await socketFor(ben);
  await subscribe(anasSocket, [list.id]);
  await subscribe(bensSocket, [list.id]);
  const notices = (socket: LiveSocket) =>
    socket.messages.filter(({ message }) => message.t === "list" && message.id === list.id).length;

  // A role change: both pages reload (Ben's gains the editor's controls).
  await membership.changeRole(await resolveListAccess(ana, list.id), ben, { role: "editor" });
  await anasSocket.next((message) => message.t === "list", { from: 0 });
  await bensSocket.next((message) => message.t === "list", { from: 0 });

  // The removal: Ben's socket hears of it once and follows the list no more, before any other write.
  const [anaBefore, benBefore] = [notices(anasSocket), notices(bensSocket)];
  await membership.removeMember(await resolveListAccess(ana, list.id), ben);
  await expect.poll(() => notices(bensSocket)).toBe(benBefore + 1);
  await expect.poll(() => notices(anasSocket)).toBe(anaBefore + 1);
  expect((await queryListSubscribers(list.id, nowSeconds())).map((subscriber) => subscriber.userId)).toEqual([ana]);

  // The next change reaches Ana only.
  await noticeListChanged(list.id);
  await expect.poll(() => notices(anasSocket)).toBe(anaBefore + 2);
  expect(notices(bensSocket)).toBe(benBefore + 1);
});

test("a socket that is gone (410 from the management API) is forgotten at the next notice", async () => {
  const user = newOwnerId();
  const goneId = `gone-${crypto.randomUUID()}`;
  await putConnection(goneId, user, nowSeconds() + 600);
  await putSubscriptions(goneId, user, [user], nowSeconds() + 600);
  const live = await socketFor(user);
  await subscribe(live, [user]);
  expect(await queryListSubscribers(user, nowSeconds())).toHaveLength(2);

  expect(await fanOut(user)).toEqual({ sent: 1, gone: 1, dropped: 0 });
  expect((await queryListSubscribers(user, nowSeconds())).map((subscriber) => subscriber.connectionId)).not.toContain(
    goneId,
  );
});

test("closing a socket removes its subscriptions ($disconnect)", async () => {
  const user = newOwnerId();
  const socket = await openLiveSocket(port, issueLiveTicket(user).ticket);
  await subscribe(socket, [user]);
  expect(await queryListSubscribers(user, nowSeconds())).toHaveLength(1);

  await socket.close();

  expect(await subscribersOf(user, (count) => count === 0)).toBe(0);
});

test("a page subscribing after a change it did not load is told its list changed; an unchanged list, an older change or another's list is not", async () => {
  const [ana, ben] = [newOwnerId(), newOwnerId()];
  const [changed, quiet, bens] = [await listOwnedBy(ana), await listOwnedBy(ana), await listOwnedBy(ben)];
  // The page began loading here; the change came before it subscribed, when no socket followed the list.
  const loadedAt = performance.now();
  expect(await fanOut(changed.id)).toEqual({ sent: 0, gone: 0, dropped: 0 });
  await noticeListChanged(bens.id);
  const age = () => Math.round(performance.now() - loadedAt);

  expect(await subscribeAged(await socketFor(ana), [quiet.id, changed.id], age())).toBe(true);
  expect(await subscribeAged(await socketFor(ana), [quiet.id], age())).toBe(false);
  // Ben's list changed too, but Ana cannot follow it: its change says nothing to her.
  expect(await subscribeAged(await socketFor(ana), [quiet.id, bens.id], age())).toBe(false);
  // A page without an age (an older page's script) is answered as before.
  expect(await subscribe(await socketFor(ana), [changed.id])).toEqual({ ok: [changed.id], refused: [] });
  const plain = await socketFor(ana);
  await subscribe(plain, [changed.id]);
  expect(plain.messages.at(-1)?.message.changed).toBe(false);

  // A page loaded after the change (beyond the clock margin) has it already.
  await new Promise((resolve) => setTimeout(resolve, CLOCK_MARGIN_MS + 200));
  expect(await subscribeAged(await socketFor(ana), [changed.id], 0)).toBe(false);

  // Closed here, and their $disconnect awaited, so none runs while the sandbox stops.
  await Promise.all(opened.splice(0).map((socket) => socket.close()));
  expect(await subscribersOf(changed.id, (count) => count === 0)).toBe(0);
  expect(await subscribersOf(quiet.id, (count) => count === 0)).toBe(0);
});
