import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { findFreePort } from "#src/scripts/local/local-stack.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";

// DynamoDB and Cognito unreachable: the built handler runs in a fresh Node process whose
// endpoints point at closed ports (its module state must not leak into the other tests).

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

const SCRIPT = `
import { createCookie } from "@remix-run/node";
import { invoke } from "#tests/support/lambda-client.ts";
const cookie = await createCookie("session", { secrets: [process.env.APP_SECRET] }).serialize("some-session-id");
const results = {
  health: await invoke("/healthcheck"),
  login: await invoke("/login", { form: { email: "someone@example.com", password: "Whatever-pass-1" } }),
  tasks: await invoke("/tasks", { cookies: [cookie.split(";")[0]] }),
  create: await invoke("/tasks", { form: { title: "Kept title" }, cookies: [cookie.split(";")[0]] }),
  landing: await invoke("/"),
  update: await invoke("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV", {
    form: { intent: "update", dueDate: "", priority: "none", title: "Kept edit", description: "Kept text", status: "done", version: "3" },
    cookies: [cookie.split(";")[0]],
  }),
  logout: await invoke("/logout", { method: "POST", form: {}, cookies: [cookie.split(";")[0]] }),
  api: await invoke("/api/v1/tasks", { headers: { authorization: "Bearer " + process.env.API_TOKEN } }),
};
console.log(JSON.stringify(results));
`;

async function handlerWithDeadDependencies() {
  const dead = `http://127.0.0.1:${await findFreePort()}`;
  // A real access token, whose keys the handler then cannot fetch.
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", SCRIPT], {
    cwd: root,
    env: { ...process.env, DYNAMODB_ENDPOINT: dead, COGNITO_ENDPOINT: dead, API_TOKEN: accessToken },
    timeout: 60_000,
  });
  type Result = { status: number; headers: Record<string, string>; body: string; text: string };
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, Result>;
}

test("with DynamoDB and Cognito unreachable, pages answer 503 with Retry-After, keep input, and show no stack trace", async () => {
  const results = await handlerWithDeadDependencies();
  const { health, login, tasks, create, landing } = results;

  expect(health?.status).toBe(503);
  expect(login?.status).toBe(503);
  expect(login?.headers["retry-after"]).toBeDefined();
  expect(login?.text).toContain("temporarily unavailable");
  expect(login?.body).toContain('value="someone@example.com"');
  expect(login?.body).not.toContain("Whatever-pass-1");
  expect(tasks?.status).toBe(503);
  expect(tasks?.headers["retry-after"]).toBeDefined();
  expect(create?.status).toBe(503);
  expect(create?.body).toContain('value="Kept title"');
  // The session lookup is what failed: the form says so, not that the tasks were out.
  expect(create?.text).toContain("The session store is temporarily unavailable.");
  expect(create?.text).not.toContain("task store");
  expect(results.update?.status).toBe(503);
  expect(results.update?.body).toContain('value="Kept edit"');
  expect(results.update?.text).toContain("Kept text");
  expect(results.update?.body).toMatch(/name="version" value="3"/);
  // Sign-out cannot delete the session, so it must not claim to have signed out.
  expect(results.logout?.status).toBe(503);
  expect(JSON.stringify(results.logout)).not.toMatch(/session=;/);
  // The JSON API: a problem document with Retry-After, never an HTML page.
  expect(results.api?.status).toBe(503);
  expect(results.api?.headers["content-type"]).toBe("application/problem+json");
  expect(results.api?.headers["retry-after"]).toBeDefined();
  expect(JSON.parse(results.api?.body ?? "{}")).toMatchObject({ type: "urn:task-tracker:problem:unavailable" });
  // Public pages still work when only the session lookup would need the database.
  expect(landing?.status).toBe(200);
  for (const [name, result] of Object.entries(results)) {
    expect(result.body, name).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(result.body, name).not.toMatch(/ECONNREFUSED|TimeoutError|node_modules/);
  }
});
