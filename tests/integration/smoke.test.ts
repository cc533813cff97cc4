// `npm run smoke` against what runs here: the local stack (arc sandbox, as `npm start` serves it)
// and the built Lambda configured as a deployed stage behind a plain HTTP server, standing in for
// the raw API Gateway URL. CloudFront itself cannot run here, so the checks it alone makes pass
// (a year's immutable caching of hashed assets, HSTS) are asserted to fail locally, by name.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { missingSecurityHeaders } from "#src/scripts/ops/smoke.ts";

const root = path.resolve(import.meta.dirname, "../..");
const local = `http://127.0.0.1:${inject("httpPort")}`;

function runSmoke(...args: string[]): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["src/scripts/ops/smoke.ts", ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, lines: stdout.trim().split("\n"), stderr }));
  });
}

/** The line of one check: [outcome, detail]. */
function lineOf(lines: string[], name: string): [string, string] {
  const found = lines.map((line) => /^(PASS|FAIL|SKIP) ([^:]+): (.*)$/.exec(line)).find((m) => m?.[2] === name);
  if (!found) throw new Error(`no "${name}" line in:\n${lines.join("\n")}`);
  return [found[1]!, found[3]!];
}

// The built handler as a deployed stage (ORIGIN_VERIFY_SECRET set), over HTTP: the raw API URL.
const DEPLOYED_SERVER = `
import { createServer } from "node:http";
import { invoke } from "#tests/support/lambda-client.ts";
const server = createServer(async (request, response) => {
  const result = await invoke(request.url, { method: request.method, headers: { "user-agent": "smoke" } });
  response.writeHead(result.status, result.headers);
  response.end(result.body);
});
server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
`;
let deployed: { url: string; stop: () => void } | undefined;

beforeAll(async () => {
  const child = spawn(process.execPath, ["--input-type=module", "-e", DEPLOYED_SERVER], {
    cwd: root,
    env: { ...process.env, ARC_ENV: "production", ORIGIN_VERIFY_SECRET: "smoke-test-origin-secret-0123456789" },
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /port (\d+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`deployed-stage server exited with ${code}`)));
  });
  deployed = { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}, 30_000);

afterAll(() => deployed?.stop());

test("against the local stack: one line per check, the health check passes, the raw API check says it was skipped, and a failure means exit 1", async () => {
  const { code, lines } = await runSmoke(local);

  expect(lineOf(lines, "healthcheck")).toEqual(["PASS", "GET /healthcheck answered 200"]);
  // The security headers line reports exactly what the local sign-in page lacks.
  const page = await fetch(`${local}/login`);
  await page.body?.cancel();
  const missing = missingSecurityHeaders(page.headers, false);
  const [headersOutcome, headersDetail] = lineOf(lines, "security headers");
  if (missing.length === 0) expect(headersOutcome).toBe("PASS");
  else expect([headersOutcome, headersDetail]).toEqual(["FAIL", `GET /login lacks ${missing.join(", ")}`]);
  // A real hashed file, served; sandbox sends max-age=0 where CloudFront sends a year, immutable.
  const [assetOutcome, assetDetail] = lineOf(lines, "static asset");
  const asset = /^GET \/_static\/(assets\/\S+) answered 200 with Cache-Control: (.*), expected/.exec(assetDetail);
  expect(assetOutcome).toBe("FAIL");
  expect(existsSync(path.join(root, "build/client", asset![1]!))).toBe(true);
  expect(asset![2]).toBe("public, max-age=0");
  expect(lineOf(lines, "unhashed static file")[0]).toBe("PASS");
  expect(lineOf(lines, "raw API URL")).toEqual([
    "SKIP",
    "no API URL given (second argument or --api-url: the stack output API)",
  ]);
  // Sandbox's @ws on the app's port runs our $connect, which refuses a ticket it did not sign.
  expect(lineOf(lines, "live socket")).toEqual([
    "PASS",
    `${local.replace(/^http:/, "ws:")} refused a made-up ticket with 401 (the WebSocket API reaches $connect)`,
  ]);
  expect(lines).toHaveLength(7);
  expect(lines.at(-1)).toMatch(/^\d passed, \d failed, 1 skipped$/);
  expect(code).toBe(1);
}, 60_000);

test("the raw API check passes when the API refuses a request without CloudFront's secret (403), and fails when it answers", async () => {
  const refused = await runSmoke(local, deployed!.url);
  expect(lineOf(refused.lines, "raw API URL")).toEqual([
    "PASS",
    `GET ${deployed!.url}/healthcheck answered 403 (no CloudFront secret)`,
  ]);
  // The local stack does not check the secret (testing stage): as a raw API URL it must fail.
  const open = await runSmoke(local, "--api-url", local);
  expect(lineOf(open.lines, "raw API URL")).toEqual(["FAIL", `GET ${local}/healthcheck answered 200, expected 403`]);
  expect(open.code).toBe(1);
}, 90_000);

test("the live socket check fails where no WebSocket API answers the handshake", async () => {
  // The deployed-stage server is plain HTTP: it drops an upgrade it has no handler for.
  const { code, lines } = await runSmoke(local, "--ws-url", deployed!.url.replace(/^http:/, "ws:"));
  const [outcome, detail] = lineOf(lines, "live socket");
  expect(outcome).toBe("FAIL");
  expect(detail).not.toMatch(/refused a made-up ticket/);
  expect(code).toBe(1);
}, 60_000);

test("without a URL, or with a malformed one, it prints its usage and exits 2", async () => {
  const none = await runSmoke();
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/Usage: npm run smoke -- <app url>/);
  const bad = await runSmoke("not a url");
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/Not a URL: not a url/);
});
