import { afterAll, beforeAll, expect, test } from "vitest";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, invoke, sessionCookieFrom } from "#tests/support/lambda-client.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// A cold start while the Cognito keys (JWKS) cannot be fetched: this file's handler has served
// nothing before, so it holds no keys. The rest of the Cognito emulator stays up.

let cognito: OutageProxy;
const real = process.env.COGNITO_ENDPOINT ?? "";
const isKeyRequest = (request: { url?: string }) => (request.url ?? "").endsWith("/.well-known/jwks.json");
beforeAll(async () => {
  cognito = await startOutageProxy(real);
  process.env.COGNITO_ENDPOINT = cognito.endpoint;
});
afterAll(async () => {
  process.env.COGNITO_ENDPOINT = real;
  await cognito.stop();
});

test("with the keys unreachable at a cold start, sign-in answers 503 with a clear message within seconds, and works once they are back, without a restart", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const form = { email, password: TEST_PASSWORD };

  cognito.cut("hang", isKeyRequest);
  const started = performance.now();
  const hanging = await invoke("/login", { form });
  const seconds = (performance.now() - started) / 1000;
  cognito.cut("refuse", isKeyRequest);
  const refused = await invoke("/login", { form });
  const api = await invoke("/api/v1/tasks", { headers: { authorization: `Bearer ${accessToken}` } });
  cognito.restore();
  const login = await invoke("/login", { form });
  const cookie = sessionCookieFrom(login);

  expect(cognito.faulted()).toBeGreaterThanOrEqual(3);
  expect(seconds).toBeLessThan(10);
  for (const [name, response] of Object.entries({ hanging, refused })) {
    expect(response.status, name).toBe(503);
    expect(Number(response.headers["retry-after"]), name).toBeGreaterThan(0);
    expect(response.text, name).toContain("temporarily unavailable");
    expect(response.text, name).toContain("try again");
    expect(response.body, name).toContain(`value="${email}"`);
    expect(response.body, name).not.toContain(TEST_PASSWORD);
    expect(
      response.cookies.some((value) => value.startsWith("session=")),
      name,
    ).toBe(false);
    expect(response.body, name).not.toMatch(/\n\s+at .+:\d+:\d+\)?|FetchError|AbortError|node_modules/);
  }
  expect(api.status).toBe(503);
  expect(api.headers["content-type"]).toBe("application/problem+json");
  // Back: the same warm handler fetches the keys it failed to get before.
  expect(login.status).toBe(303);
  expect(cookie).toBeDefined();
  expect((await invoke("/tasks", { cookies: [cookie ?? ""] })).status).toBe(200);
  expect((await invoke("/api/v1/tasks", { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);
});
