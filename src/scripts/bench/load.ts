// `npm run test:load`: 20 users at once against the production bundle for 30 s, on 127.0.0.1
// only. Starts the local stack (DynamoDB and the Cognito emulator), makes the users and their
// tasks through the services, runs the bundle as one warm container behind HTTP
// (load-server.ts), then drives mixed traffic. Fails on any 5xx, any unexpected status, and any
// response that carries another user's data. Not part of `npm test`: it takes the whole machine.
//
// Why a warm container behind HTTP: arc sandbox starts a process per request, so 20 users
// would measure process start-up, not the app; calling the handler inside this process would
// share one core with DynamoDB, Cognito and the load itself. A second process running the real
// bundle uses the other core, and real sockets carry real headers, cookies and bodies.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { monotonicFactory } from "ulid";
import { commitSessionCookie } from "#app/.server/session.ts";
import { confirmSignUp, signUp } from "#src/auth/sign-up-and-reset-service.ts";
import { initiatePasswordAuth } from "#src/auth/cognito.ts";
import { batchPutTasks } from "#src/scripts/bench/bench-seed.ts";
import { ensureBuild } from "#src/scripts/local/ensure-build.ts";
import { findFreePort, startLocalStack } from "#src/scripts/local/local-stack.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { TASK_STATUSES, type Task, type TaskStatus } from "#src/tasks/task.ts";
import { percentile } from "#src/scripts/bench/percentile.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const bundleFile = path.join(root, "src/http/any-catchall/index.mjs");
const USERS = 20;
const TASKS_PER_USER = 30;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const PASSWORD = "Load-password-42";

interface VirtualUser {
  index: number;
  email: string;
  sub: string;
  /** In every one of this user's task titles, and nowhere else. */
  marker: string;
  cookie: string;
  token: string;
  /** Tasks this user knows the id and version of (seeded or made through the API). */
  tasks: { id: string; version: number; status: TaskStatus }[];
}

interface Sample {
  action: string;
  status: number;
  ms: number;
  expected: boolean;
  leak?: string;
}

const runId = Date.now().toString(36);
const nextId = monotonicFactory();

async function createUser(index: number): Promise<VirtualUser> {
  const email = `load-${index}-${runId}@example.com`;
  await signUp({ email, password: PASSWORD });
  await confirmSignUp({ email, code: "123456" }); // the local emulator's fixed code
  const { sessionId, user } = await signIn({ email, password: PASSWORD });
  const cookie = (await commitSessionCookie(sessionId)).split(";", 1)[0] ?? "";
  const auth = await initiatePasswordAuth(email, PASSWORD);
  if (!("tokens" in auth)) throw new Error(`${email} was asked for a second sign-in step`);
  const { accessToken } = auth.tokens;
  const marker = `mk${index}x${runId}`;
  const now = new Date().toISOString();
  const tasks: Task[] = Array.from({ length: TASKS_PER_USER }, (_, i) => ({
    id: nextId(),
    listId: user.id,
    title: `Errand ${i} ${marker}`,
    description: i % 2 ? `Notes for ${marker}` : "",
    status: TASK_STATUSES[i % TASK_STATUSES.length] ?? "todo",
    dueDate: i % 3 ? null : now.slice(0, 10),
    priority: "none",
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  await batchPutTasks(tasks);
  return {
    index,
    email,
    sub: user.id,
    marker,
    cookie,
    token: accessToken,
    tasks: tasks.map((task) => ({ id: task.id, version: 1, status: task.status })),
  };
}

let serverOutput = "";

function startServer(port: number, origin: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(root, "src/scripts/bench/load-server.ts"), bundleFile, String(port)],
    {
      cwd: root,
      // The origin the request guard expects of form posts: this server's.
      env: { ...process.env, APP_ORIGIN: origin },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the load server exited (${code})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      serverOutput += chunk.toString();
      if (serverOutput.includes("listening")) resolve(child);
    });
  });
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("nothing to pick from");
  return item;
}

/** One user's browser and API client, one request at a time, until the deadline. */
async function drive(user: VirtualUser, everyone: VirtualUser[], origin: string, deadline: number, samples: Sample[]) {
  const strangers = everyone.filter((other) => other !== user).flatMap((other) => [other.marker, other.email]);
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { cookie: user.cookie, origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const page = { headers: { cookie: user.cookie, accept: "text/html" } };
  const api = (method = "GET", body?: unknown) => ({
    method,
    headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  async function send(action: string, url: string, init: RequestInit, expected: number[]) {
    const started = performance.now();
    const response = await fetch(`${origin}${url}`, { ...init, redirect: "manual" });
    const body = await response.text();
    const sample: Sample = {
      action,
      status: response.status,
      ms: performance.now() - started,
      expected: expected.includes(response.status),
    };
    const leaked = strangers.find((secret) => body.includes(secret));
    if (leaked) sample.leak = `${action} ${url} (user ${user.index}) contained ${leaked}`;
    if (!sample.expected && samples.filter((s) => !s.expected).length < 5) {
      console.error(`${action} ${url} → ${response.status}: ${body.slice(0, 200)}`);
    }
    samples.push(sample);
    return { status: response.status, body };
  }

  const actions: Array<[weight: number, run: () => Promise<unknown>]> = [
    [4, () => send("list", "/tasks", page, [200])],
    [2, () => send("search", `/tasks?q=${encodeURIComponent(user.marker)}`, page, [200])],
    [3, () => send("view", `/tasks/${pick(user.tasks).id}`, page, [200])],
    [2, () => send("board", "/board", page, [200])],
    [1, () => send("create", "/tasks", form({ title: `Made under load ${user.marker}` }), [303])],
    [
      2,
      async () => {
        const task = pick(user.tasks);
        const fields = { title: `Edited ${user.marker}`, description: "", status: "in_progress", dueDate: "" };
        const result = await send(
          "edit",
          `/tasks/${task.id}`,
          form({ intent: "update", ...fields, priority: "high", version: String(task.version) }),
          [303],
        );
        if (result.status === 303) Object.assign(task, { version: task.version + 1, status: "in_progress" });
      },
    ],
    [
      2,
      async () => {
        const task = pick(user.tasks);
        // A change to the status it already has is no change (no new version).
        const status = pick(TASK_STATUSES.filter((other) => other !== task.status));
        const result = await send(
          "status",
          `/tasks/${task.id}`,
          form({ intent: "status", status, version: String(task.version), returnTo: "/tasks" }),
          [303],
        );
        if (result.status === 303) Object.assign(task, { version: task.version + 1, status });
      },
    ],
    [
      1,
      async () => {
        if (user.tasks.length < 10) return;
        const task = user.tasks.splice(Math.floor(Math.random() * user.tasks.length), 1)[0];
        await send("delete", `/tasks/${task?.id}`, form({ intent: "delete" }), [303]);
      },
    ],
    [2, () => send("api list", "/api/v1/tasks", api(), [200])],
    [
      1,
      async () => {
        const result = await send("api create", "/api/v1/tasks", api("POST", { title: `API ${user.marker}` }), [201]);
        if (result.status === 201) {
          const created = JSON.parse(result.body) as { id: string; version: number; status: TaskStatus };
          user.tasks.push({ id: created.id, version: created.version, status: created.status });
        }
      },
    ],
  ];
  const totalWeight = actions.reduce((sum, [weight]) => sum + weight, 0);
  while (performance.now() < deadline) {
    let roll = Math.random() * totalWeight;
    const action = actions.find(([weight]) => (roll -= weight) < 0) ?? actions[0];
    await action?.[1]();
  }
}

/** Stops the load server and returns the CPU time its handler used, in ms. */
async function stopServer(server: ChildProcess): Promise<number> {
  if (server.exitCode === null) {
    server.removeAllListeners("exit");
    const exited = once(server, "exit");
    server.kill("SIGTERM");
    await exited;
  }
  return Number(/cpu ([\d.]+)/.exec(serverOutput)?.[1] ?? NaN);
}

async function main(): Promise<boolean> {
  ensureBuild();
  const stack = await startLocalStack({ quiet: true });
  let server: ChildProcess | undefined;
  try {
    Object.assign(process.env, stack.env);
    const port = await findFreePort();
    const origin = `http://127.0.0.1:${port}`;
    server = await startServer(port, origin);

    const seedStarted = performance.now();
    const users = await Promise.all(Array.from({ length: USERS }, (_, index) => createUser(index)));
    console.log(
      `${USERS} users with ${TASKS_PER_USER} tasks each in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; ` +
        `${USERS} virtual users for ${SECONDS} s against ${origin}…`,
    );

    const samples: Sample[] = [];
    const loadBefore = os.loadavg()[0] ?? 0;
    const started = performance.now();
    await Promise.all(users.map((user) => drive(user, users, origin, started + SECONDS * 1000, samples)));
    const elapsed = (performance.now() - started) / 1000;
    const cpuMs = await stopServer(server);

    const latencies = samples.map((sample) => sample.ms).sort((a, b) => a - b);
    const unexpected = samples.filter((sample) => !sample.expected);
    const serverErrors = samples.filter((sample) => sample.status >= 500);
    const leaks = samples.flatMap((sample) => (sample.leak ? [sample.leak] : []));
    const byAction = new Map<string, number[]>();
    for (const sample of samples) byAction.set(sample.action, [...(byAction.get(sample.action) ?? []), sample.ms]);

    console.log(`\n| Action | Requests | p50 ms | p99 ms |\n|---|---|---|---|`);
    for (const [action, times] of [...byAction].sort()) {
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `| ${action} | ${times.length} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} |`,
      );
    }
    console.log(
      [
        "",
        `Requests: ${samples.length} in ${elapsed.toFixed(1)} s (${(samples.length / elapsed).toFixed(0)}/s)`,
        `Latency p50 / p99: ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms`,
        `Unexpected statuses (error rate): ${unexpected.length} (${((100 * unexpected.length) / Math.max(1, samples.length)).toFixed(2)} %)`,
        `5xx: ${serverErrors.length}`,
        `Cross-user leaks: ${leaks.length}`,
        `Handler process CPU: ${(cpuMs / samples.length).toFixed(1)} ms per request (start-up included)`,
        `Load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${(os.loadavg()[0] ?? 0).toFixed(2)} on ${os.cpus().length} cores`,
      ].join("\n"),
    );
    for (const leak of leaks.slice(0, 10)) console.error(`LEAK: ${leak}`);
    const passed = samples.length > 0 && unexpected.length === 0 && serverErrors.length === 0 && leaks.length === 0;
    console.log(passed ? "\nLoad test passed." : "\nLoad test FAILED.");
    return passed;
  } finally {
    if (server) await stopServer(server);
    await stack.stop();
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
