import { inboxAccess } from "#src/lists/list-access.ts";
// `npm run bench:live`: write → notice latency of live updates, on 127.0.0.1. Starts the local
// stack (arc sandbox with its @ws and DynamoDB), opens SOCKETS sockets of one user through the
// real $connect / $default handlers, all following the user's Inbox, then makes WRITES tasks
// one after another through the task service (as the page Lambda does) and records, per write,
// how long the write took and when each socket heard of it. Prints p50 and p99.
//
// Not a test (no pass or fail): a figure for docs/performance.md, and the check that one change
// reaches every socket of a busy list.
import { percentile } from "#src/scripts/bench/percentile.ts";
import { queryListSubscribers } from "#src/live/live-repository.ts";
import { issueLiveTicket } from "#src/live/live-service.ts";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";
import { createTask } from "#src/tasks/task-service.ts";

const WRITES = Number(process.env.LIVE_WRITES ?? 50);
const SOCKETS = Number(process.env.LIVE_SOCKETS ?? 1);

const stack = await startLocalStack({ quiet: true });
Object.assign(process.env, stack.env, { AWS_LAMBDA_LOG_LEVEL: "ERROR" });
const userId = `bench-${crypto.randomUUID()}`;

let heard: ((socket: number, at: number) => void) | undefined;
const sockets: WebSocket[] = [];
try {
  // Opened a few at a time: each $connect and $default is a fresh Lambda process under sandbox.
  for (let start = 0; start < SOCKETS; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, SOCKETS - start) }, async (_, offset) => {
        const index = start + offset;
        const url = `ws://127.0.0.1:${stack.ports.http}/?t=${encodeURIComponent(issueLiveTicket(userId).ticket)}`;
        const ws = new WebSocket(url);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = () => reject(new Error(`socket ${index} was refused`));
        });
        const subscribed = new Promise<void>((resolve) => {
          ws.onmessage = (event) => {
            const message = JSON.parse(String(event.data)) as { t: string };
            if (message.t === "sub") resolve();
            if (message.t === "list") heard?.(index, performance.now());
          };
        });
        ws.send(JSON.stringify({ sub: ["inbox"] }));
        await subscribed;
        sockets[index] = ws;
      }),
    );
  }

  // The same writes to a list nobody follows: what the notice costs a write when no page is open.
  const quietMs: number[] = [];
  const quietUser = `bench-quiet-${crypto.randomUUID()}`;
  for (let write = 0; write < WRITES; write++) {
    const started = performance.now();
    await createTask(inboxAccess(quietUser), { title: `Quiet ${write}`, description: "", status: "todo" });
    quietMs.push(performance.now() - started);
  }
  const writeMs: number[] = [];
  const noticeMs: number[] = [];
  const lastMs: number[] = [];
  for (let write = 0; write < WRITES; write++) {
    const started = performance.now();
    const arrivals: number[] = [];
    const all = new Promise<void>((resolve) => {
      heard = (_socket, at) => {
        arrivals.push(at - started);
        if (arrivals.length === SOCKETS) resolve();
      };
    });
    await createTask(inboxAccess(userId), { title: `Bench ${write}`, description: "", status: "todo" });
    writeMs.push(performance.now() - started);
    await all;
    noticeMs.push(...arrivals);
    lastMs.push(Math.max(...arrivals));
  }
  const line = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${name}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${values.length})`;
  };
  console.log(`${WRITES} writes, ${SOCKETS} socket(s) on one list`);
  console.log(line("write to a list nobody follows (one Query)", quietMs));
  console.log(line("write (including its notice)", writeMs));
  console.log(line("write → notice at a socket", noticeMs));
  console.log(line("write → notice at the last socket", lastMs));
} finally {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) =>
          ws.readyState === WebSocket.CLOSED ? resolve(null) : ((ws.onclose = resolve), ws.close()),
        ),
    ),
  );
  // Each close runs $disconnect in a Lambda process of its own: let them finish before sandbox stops.
  for (const until = Date.now() + 120_000; Date.now() < until; ) {
    if ((await queryListSubscribers(userId, Math.floor(Date.now() / 1000))).length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stack.stop();
}
