import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";

// The built handler in a fresh process with rotated secrets, as the Lambda runs after the first
// of the two rotation deploys (docs/operations.md: rotating secrets).

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const NEW_APP_SECRET = "rotated-app-secret-rotated-app-secret-0001";
const OLD_ORIGIN = "old-origin-secret-0123456789";
const NEW_ORIGIN = "new-origin-secret-9876543210";

type Result = { status: number; headers: Record<string, string>; body: string };

async function runHandler(requests: string, env: Record<string, string | undefined>): Promise<Record<string, Result>> {
  const script = `import { invoke } from "#tests/support/lambda-client.ts";\nconsole.log(JSON.stringify(${requests}));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, Result>;
}

let user: SignedInUser;
beforeAll(async () => {
  // Signed in before the rotation: the cookie is signed with today's APP_SECRET.
  user = await newSignedInUser();
});

const tasksWithCookie = () => `{ tasks: await invoke("/tasks", { cookies: [${JSON.stringify(user.cookie)}] }) }`;

test("after APP_SECRET rotates, a session signed with the previous secret is still signed in", async () => {
  const previous = process.env.APP_SECRET;

  const { tasks } = await runHandler(tasksWithCookie(), { APP_SECRET: NEW_APP_SECRET, APP_SECRET_PREVIOUS: previous });

  expect(tasks?.status).toBe(200);
  expect(tasks?.body).toContain(user.email);
});

test("a session signed with a secret the app does not hold (dropped or unrelated) is signed out", async () => {
  const { tasks } = await runHandler(tasksWithCookie(), { APP_SECRET: NEW_APP_SECRET, APP_SECRET_PREVIOUS: undefined });

  expect(tasks?.status).toBe(303);
  expect(tasks?.headers.location).toMatch(/^\/login/);
});

test("during an origin-secret rotation the Lambda accepts CloudFront's new and previous values and refuses others", async () => {
  const results = await runHandler(
    `{
      current: await invoke("/healthcheck", { headers: { "x-origin-verify": ${JSON.stringify(NEW_ORIGIN)} } }),
      previous: await invoke("/healthcheck", { headers: { "x-origin-verify": ${JSON.stringify(OLD_ORIGIN)} } }),
      unknown: await invoke("/healthcheck", { headers: { "x-origin-verify": "unknown-secret-000000" } }),
      none: await invoke("/healthcheck"),
    }`,
    { ARC_ENV: "production", ORIGIN_VERIFY_SECRET: NEW_ORIGIN, ORIGIN_VERIFY_SECRET_PREVIOUS: OLD_ORIGIN },
  );

  expect(results.current?.status).toBe(200);
  expect(results.previous?.status).toBe(200);
  expect(results.unknown?.status).toBe(403);
  expect(results.none?.status).toBe(403);
});
