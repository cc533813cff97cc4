import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findFreePort } from "#src/scripts/local/local-stack.ts";
import { DEMO_EMAIL, DEMO_PASSWORD } from "#src/plugins/cognito-emulator.js";
import { DEMO_TASKS } from "#src/scripts/local/local-client.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";

// `npm start` as a user runs it (src/scripts/local/start.ts on free ports), over HTTP through arc
// sandbox: each request still goes through sandbox's Lambda process, which hands it to one warm
// copy of the handler (src/plugins/warm-handler.js) and falls back to serving it itself.

const root = path.resolve(import.meta.dirname, "../..");
let start: ChildProcess;
let base = "";
// Where npm start notes its ports for `npm run token`: this test's own file, not the checkout's.
const stackNote = path.join(os.tmpdir(), `task-tracker-stack-${crypto.randomUUID()}.json`);
let ports = { http: 0, cognito: 0 };

beforeAll(async () => {
  const [http, tables, cognito] = [await findFreePort(), await findFreePort(), await findFreePort()];
  base = `http://127.0.0.1:${http}`;
  ports = { http, cognito };
  start = spawn(process.execPath, [path.join(root, "src/scripts/local/start.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(http),
      ARC_TABLES_PORT: String(tables),
      COGNITO_LOCAL_PORT: String(cognito),
      LOCAL_STACK_RECORD: stackNote,
      SANDBOX_WARM_HANDLER: "on",
      AWS_LAMBDA_LOG_LEVEL: "WARN",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  start.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  for (const until = Date.now() + 60_000; !output.includes("is running at") && Date.now() < until; ) {
    if (start.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!output.includes("is running at")) throw new Error(`npm start did not come up: ${output}`);
}, 90_000);

afterAll(async () => {
  if (start.exitCode === null) {
    start.kill("SIGTERM");
    await once(start, "exit");
  }
  rmSync(stackNote, { force: true });
});

test("npm start notes the ports it was given, for npm run token in another shell", () => {
  const note = JSON.parse(readFileSync(stackNote, "utf8")) as Record<string, unknown>;

  expect(note).toEqual({ pid: start.pid, command: "npm start", ...ports });
});

test("npm start's demo account starts with a few sample tasks that show what the app does", async () => {
  const login = await post("/login", { email: DEMO_EMAIL, password: DEMO_PASSWORD });
  const cookie =
    login.headers
      .getSetCookie()
      .find((value) => value.startsWith("session="))
      ?.split(";")[0] ?? "";
  const page = await (await fetch(`${base}/tasks`, { headers: { cookie } })).text();
  const titles = [...page.matchAll(/<a [^>]*class="row-link"[^>]*>([^<]+)</g)].map((match) => match[1]);

  expect(titles).toEqual(DEMO_TASKS.map((task) => task.title));
  // Something for each part of the app: overdue, due today, in progress, done.
  expect(page).toContain('data-due="overdue"');
  expect(page).toContain('data-due="today"');
  expect(page).toContain('data-status="in_progress"');
  expect(page).toContain('data-status="done"');
});

async function post(pathname: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${base}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { origin: base, ...(cookie ? { cookie } : {}) },
    redirect: "manual",
  });
}

test("npm start serves every request through sandbox from one warm handler, falls back without it, and stops it on exit", async () => {
  const email = `start-${crypto.randomUUID()}@example.com`;
  const signUp = await post("/signup", { email, password: TEST_PASSWORD });
  const confirm = await post("/signup/confirm", { intent: "confirm", email, code: "123456" });
  const login = await post("/login", { email, password: TEST_PASSWORD });
  const cookie =
    login.headers
      .getSetCookie()
      .find((value) => value.startsWith("session="))
      ?.split(";")[0] ?? "";
  const page = await fetch(`${base}/tasks`, { headers: { cookie } });
  const html = await page.text();

  expect([signUp.status, confirm.status, login.status, page.status]).toEqual([303, 303, 303, 200]);
  expect(html).toContain(email);
  // One process answered all four: the warm copy, not a fresh one per request.
  const servedBy = [signUp, confirm, login, page].map((response) => response.headers.get("x-local-warm-handler"));
  expect(new Set(servedBy).size).toBe(1);
  const worker = Number(servedBy[0]);
  expect(worker).toBeGreaterThan(0);
  expect(worker).not.toBe(start.pid);

  // The worker out of reach: sandbox's own Lambda process imports the bundle and answers.
  rmSync(path.join(os.tmpdir(), `task-tracker-warm-handler-${start.pid}.sock`));
  const fallback = await fetch(`${base}/tasks`, { headers: { cookie } });
  expect(fallback.status).toBe(200);
  expect(fallback.headers.get("x-local-warm-handler")).toBeNull();
  expect(await fallback.text()).toContain(email);

  // Stopping npm start stops the worker too: nothing is left running.
  start.kill("SIGTERM");
  await once(start, "exit");
  const alive = () => {
    try {
      process.kill(worker, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const until = Date.now() + 10_000; alive() && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(alive()).toBe(false);
}, 90_000);
