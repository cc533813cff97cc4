import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

// The built handler configured as a deployed stage (ARC_ENV=production), in a fresh process.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const SECRET = "cloudfront-origin-secret-0123456789";

const SCRIPT = `
import { invoke } from "#tests/support/lambda-client.ts";
const viaCloudFront = { "x-origin-verify": ${JSON.stringify(SECRET)}, "x-forwarded-host": "tasks.example.com" };
const results = {
  direct: await invoke("/healthcheck"),
  wrongSecret: await invoke("/healthcheck", { headers: { "x-origin-verify": "guess" } }),
  viaCloudFront: await invoke("/healthcheck", { headers: viaCloudFront }),
  postFromPublicOrigin: await invoke("/login", { form: { email: "x@example.com", password: "" }, headers: { ...viaCloudFront, origin: "https://tasks.example.com" } }),
  postFromApiGatewayHost: await invoke("/login", { form: { email: "x@example.com", password: "" }, headers: { ...viaCloudFront, origin: "https://tasks.example.test" } }),
  apiDirect: await invoke("/api/v1/tasks"),
  apiPostFromAnywhere: await invoke("/api/v1/tasks", { method: "POST", body: "{}", headers: { ...viaCloudFront, "content-type": "application/json", origin: "https://elsewhere.example" } }),
};
console.log(JSON.stringify(results));
`;

async function runAsDeployed(env: Record<string, string | undefined>) {
  const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", SCRIPT], {
    cwd: root,
    env: { ...process.env, ARC_ENV: "production", ...env },
    timeout: 60_000,
  });
  const results = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<
    string,
    { status: number; headers: Record<string, string>; body: string }
  >;
  return Object.assign(results, { logs: stderr } as never) as typeof results & { logs: string };
}

/** The JSON log lines the handler wrote, parsed (other lines ignored). */
function jsonLines(logs: string): Record<string, unknown>[] {
  return logs
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("a deployed stage refuses requests that bypass CloudFront, and accepts those that carry its secret", async () => {
  const results = await runAsDeployed({ ORIGIN_VERIFY_SECRET: SECRET });

  expect(results.direct?.status).toBe(403);
  expect(results.wrongSecret?.status).toBe(403);
  expect(results.viaCloudFront?.status).toBe(200);
  // The public origin comes from x-forwarded-host (set by CloudFront), not API Gateway's Host.
  expect(results.postFromPublicOrigin?.status).toBe(400);
  expect(results.postFromApiGatewayHost?.status).toBe(403);
  // The JSON API: the raw API URL is refused with a problem document, not the HTML page; through
  // CloudFront a post from any origin reaches the bearer check (the API reads no cookie).
  expect(results.apiDirect?.status).toBe(403);
  expect(results.apiDirect?.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(results.apiDirect?.body ?? "{}")).toMatchObject({
    status: 403,
    type: "urn:task-tracker:problem:forbidden",
  });
  expect(results.apiPostFromAnywhere?.status).toBe(401);
});

test("each request refused for a missing or wrong CloudFront secret logs one origin-refused JSON line, without the header's value", async () => {
  const { logs } = await runAsDeployed({ ORIGIN_VERIFY_SECRET: SECRET });

  const refused = jsonLines(logs).filter((line) => line.event === "origin-refused");
  // direct, wrongSecret and apiDirect; the cross-site refusal is the CSRF check, not this one.
  expect(refused).toMatchObject([
    {
      event: "origin-refused",
      reason: "request did not come through CloudFront",
      method: "GET",
      path: "/healthcheck",
      sourceIp: expect.any(String),
    },
    {
      event: "origin-refused",
      reason: "request did not come through CloudFront",
      method: "GET",
      path: "/healthcheck",
      sourceIp: expect.any(String),
    },
    {
      event: "origin-refused",
      reason: "request did not come through CloudFront",
      method: "GET",
      path: "/api/v1/tasks",
      sourceIp: expect.any(String),
    },
  ]);
  expect(logs).not.toContain("guess");
  expect(logs).not.toContain(SECRET);
  // The stack's metric filter looks for exactly this event name.
  const { ORIGIN_REFUSED_EVENT } = await import("#src/shared-constants.js");
  expect(ORIGIN_REFUSED_EVENT).toBe("origin-refused");
});

test("a deployed stage without an origin secret configured refuses everything", async () => {
  const { logs, ...results } = await runAsDeployed({ ORIGIN_VERIFY_SECRET: undefined });

  for (const [name, result] of Object.entries(results)) expect(result.status, name).toBe(403);
  expect(jsonLines(logs).filter((line) => line.event === "origin-refused")).toHaveLength(Object.keys(results).length);
});
