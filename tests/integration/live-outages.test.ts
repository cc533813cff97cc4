import { inboxAccess } from "#src/lists/list-access.ts";
import { afterAll, afterEach, beforeAll, expect, inject, test, vi } from "vitest";
import { queryListSubscribers } from "#src/live/live-repository.ts";
import { issueLiveTicket } from "#src/live/live-service.ts";
import { createTask, getTask } from "#src/tasks/task-service.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { openLiveSocket, subscribe, type LiveSocket } from "#tests/support/live-socket.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// A notice that cannot be delivered never fails a write: the management API hanging or the
// live table refusing its Query leaves the write done and answered, the failure logged. Both sit
// behind outage proxies (the management API: sandbox's, on its internal port), pointed at before
// this file's first write, as a Lambda container reads its endpoints once.

const port = inject("httpPort");
const realSockets = process.env.LIVE_SOCKET_ENDPOINT ?? "";
const realDynamo = process.env.DYNAMODB_ENDPOINT ?? "";
let sockets: OutageProxy;
let dynamo: OutageProxy;
const opened: LiveSocket[] = [];

beforeAll(async () => {
  sockets = await startOutageProxy(new URL(realSockets).origin);
  dynamo = await startOutageProxy(realDynamo);
  process.env.LIVE_SOCKET_ENDPOINT = `${sockets.endpoint}/_arc/ws`;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
});
afterEach(async () => {
  sockets.restore();
  dynamo.restore();
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((socket) => socket.close()));
});
afterAll(async () => {
  process.env.LIVE_SOCKET_ENDPOINT = realSockets;
  process.env.DYNAMODB_ENDPOINT = realDynamo;
  await Promise.all([sockets.stop(), dynamo.stop()]);
});

async function followedInbox(): Promise<{ userId: string; socket: LiveSocket }> {
  const userId = newOwnerId();
  const socket = await openLiveSocket(port, issueLiveTicket(userId).ticket);
  opened.push(socket);
  await subscribe(socket, [userId]);
  return { userId, socket };
}

/** Everything written to stderr meanwhile (warnings and errors are JSON lines there). */
function captureLogs(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

test("with the management API hanging, a write still succeeds and says it answered before its notice did", async () => {
  const { userId, socket } = await followedInbox();
  const from = socket.messages.length;
  sockets.cut("hang");
  const logs = captureLogs();

  const task = await createTask(inboxAccess(userId), { title: "Pay rent" });

  expect((await getTask(inboxAccess(userId), task.id)).title).toBe("Pay rent");
  expect(sockets.faulted()).toBeGreaterThan(0);
  expect(logs.join("")).toContain("A live notice was still going when the write answered");
  expect(socket.messages.slice(from)).toEqual([]);
});

test("with the live table refusing its Query, a write still succeeds and the failed notice is logged", async () => {
  const { userId } = await followedInbox();
  dynamo.cut("refuse", (request) => String(request.headers["x-amz-target"]).endsWith(".Query"));
  const logs = captureLogs();

  const task = await createTask(inboxAccess(userId), { title: "Call the bank" });

  dynamo.restore();
  expect((await getTask(inboxAccess(userId), task.id)).title).toBe("Call the bank");
  expect(logs.join("")).toMatch(/A live notice (failed|was still going)/);
  expect(await queryListSubscribers(userId, Math.floor(Date.now() / 1000))).toHaveLength(1);
});
