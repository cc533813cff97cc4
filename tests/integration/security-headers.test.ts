import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { invoke, newSignedInUser, type LambdaResponse, type SignedInUser } from "#tests/support/lambda-client.ts";

// Every kind of response the Lambda sends carries the app's own security headers, with a
// content security policy whose nonce is new for each response and is the one on its scripts.

let user: SignedInUser;
beforeAll(async () => {
  user = await newSignedInUser();
});

type Headers = Record<string, string>;

function nonceOf(headers: Headers): string {
  const match = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/.exec(
    headers["content-security-policy"] ?? "",
  );
  if (!match?.[1]) throw new Error(`no script nonce in ${headers["content-security-policy"]}`);
  return match[1];
}

function expectSecurityHeaders(name: string, headers: Headers) {
  const policy = headers["content-security-policy"] ?? "";
  const directives = policy.split(/;\s*/);
  for (const directive of [
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "default-src 'self'",
  ])
    expect(directives, `${name}: ${directive}`).toContain(directive);
  nonceOf(headers);
  expect(policy, name).not.toContain("unsafe-inline");
  expect(policy, name).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], name).toBe("nosniff");
  expect(headers["referrer-policy"], name).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], name).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
}

test("pages, redirects, 404s, resource routes, API answers and the handler's own refusals all carry the security headers", async () => {
  const responses: Record<string, LambdaResponse> = {
    page: await invoke("/"),
    "signed-in page": await user.invoke("/tasks"),
    redirect: await invoke("/tasks"),
    "post-redirect": await user.invoke("/tasks", { form: { title: `Headers ${Date.now()}` } }),
    "form error": await user.invoke("/tasks", { form: { title: "" } }),
    "not found": await invoke("/no-such-page"),
    "data request": await user.invoke("/tasks.data"),
    "resource route": await invoke("/healthcheck"),
    "API problem": await invoke("/api/v1/tasks"),
    "API preflight": await invoke("/api/v1/tasks", { method: "OPTIONS", headers: { origin: "https://x.example" } }),
    "CSRF refusal (403)": await invoke("/login", {
      form: { email: "a@example.com" },
      headers: { origin: "https://evil.example" },
    }),
    "unparseable request (400)": await invoke("/", { headers: { host: "bad host" } }),
  };
  expect(responses.redirect?.status).toBe(303);
  expect(responses["post-redirect"]?.status).toBe(303);
  expect(responses["not found"]?.status).toBe(404);
  expect(responses["API problem"]?.status).toBe(401);
  expect(responses["CSRF refusal (403)"]?.status).toBe(403);
  expect(responses["unparseable request (400)"]?.status).toBe(400);

  for (const [name, response] of Object.entries(responses)) expectSecurityHeaders(name, response.headers);
});

test("each response has its own nonce, and every script on the page carries it", async () => {
  const first = await user.invoke("/tasks");
  const second = await user.invoke("/tasks");
  const nonce = nonceOf(first.headers);

  expect(nonceOf(second.headers)).not.toBe(nonce);
  expect(Buffer.from(nonce, "base64").length).toBeGreaterThanOrEqual(16);
  const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThanOrEqual(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // Nothing executable outside a nonce'd script: no inline event handlers, no javascript: URLs.
  expect(first.body).not.toMatch(/<[^>]+\son[a-z]+=/i);
  expect(first.body).not.toMatch(/javascript:/i);
});

test("the handler's plain refusal pages style themselves only with the <style> block the policy allows by hash", async () => {
  const refused = await invoke("/login", {
    form: { email: "a@example.com" },
    headers: { origin: "https://evil.example" },
  });
  const css = /<style>([^<]*)<\/style>/.exec(refused.body)?.[1] ?? "";
  const hash = `'sha256-${createHash("sha256").update(css).digest("base64")}'`;

  expect(css).toContain("font-family");
  expect(refused.body).not.toMatch(/\sstyle=/);
  expect(refused.headers["content-security-policy"]).toMatch(
    new RegExp(`style-src 'self' ${hash.replace(/[+/]/g, "\\$&")}(;|$)`),
  );
});

const run = promisify(execFile);

test("a deployed stage's refusal of a request that bypassed CloudFront carries the headers (page and API)", async () => {
  const script = `import { invoke } from "#tests/support/lambda-client.ts";
console.log(JSON.stringify({ page: await invoke("/tasks"), api: await invoke("/api/v1/tasks") }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, ARC_ENV: "production", ORIGIN_VERIFY_SECRET: "cloudfront-origin-secret-0123456789" },
    timeout: 60_000,
  });
  const results = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, LambdaResponse>;

  expect(results.page?.status).toBe(403);
  expect(results.api?.status).toBe(403);
  for (const [name, response] of Object.entries(results)) expectSecurityHeaders(name, response.headers);
});
