import { randomInt } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterEach, expect, test, vi } from "vitest";
import { resetDocumentClientForTests } from "#src/db/client.ts";
import { resetEnvForTests } from "#src/env.ts";
import { checkHealth } from "#src/health/health-service.ts";
import { checkRateLimits } from "#src/limits/rate-limit-service.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { api } from "#tests/support/api-client.ts";
import { createConfirmedUser, emulatorClient, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, invoke, type LambdaResponse } from "#tests/support/lambda-client.ts";

// Our own limits through the built Lambda handler, the local DynamoDB and the Cognito emulator.
// The local stack runs with RATE_LIMITS=off (other tests sign up hundreds of users from
// 127.0.0.1); this file turns them on with small sign-in limits before the handler loads, and
// the JSON API's per-caller limit, and keeps the defaults for everything else (sign-up: 5 an hour per address).
Object.assign(process.env, {
  RATE_LIMITS: "on",
  RATE_LIMIT_SIGNIN_EMAIL: "3/15m",
  RATE_LIMIT_SIGNIN_IP: "6/15m",
  RATE_LIMIT_API_USER: "4/1h",
});

/** A fresh address from the benchmarking range for each test, so tests never share counters. */
function newAddress(): string {
  return `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
}

function signInFrom(ip: string, email: string, password: string): Promise<LambdaResponse> {
  return invoke("/login", { form: { email, password }, sourceIp: ip });
}

/** The page's alert, with the numbers masked (the wait shrinks as the window runs down). */
function refusal(response: LambdaResponse): string {
  const message = /Too many attempts\.[^<]*/.exec(response.text)?.[0] ?? "(no message)";
  return message.replace(/\d+/g, "N");
}

afterEach(() => {
  vi.restoreAllMocks();
});

test("the attempt past an email's sign-in limit gets 429 with Retry-After, the same for an existing and an unknown account", async () => {
  const existing = newEmail();
  await createConfirmedUser(existing, TEST_PASSWORD);
  const unknown = newEmail();
  const refused: LambdaResponse[] = [];

  for (const email of [existing, unknown]) {
    const ip = newAddress();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await signInFrom(ip, email, "Wrong-password-1");
      expect(response.status, `${email} attempt ${attempt}`).toBe(400);
      expect(response.text).toContain("Incorrect email or password.");
    }
    // Even the right password: the limit is there to stop guessing, so it cannot be a hint.
    refused.push(await signInFrom(ip, email, TEST_PASSWORD));
  }

  for (const [index, response] of refused.entries()) {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(response.text).toMatch(/Too many attempts\. Please wait \d+ (minutes?|seconds?) and try again\./);
    // The form keeps the email, never the password, and shows no stack trace.
    expect(response.text).toContain(`value="${[existing, unknown][index]}"`);
    expect(response.body).not.toContain(TEST_PASSWORD);
    expect(response.text).not.toMatch(/at \w+ \(|Error:/);
    expect(response.cookies.some((cookie) => cookie.startsWith("session="))).toBe(false);
  }
  expect(refusal(refused[0]!)).toBe(refusal(refused[1]!));
  expect(refusal(refused[0]!)).not.toBe("(no message)");
});

/** Seconds from `atMs` to the end of the fixed window of `windowSeconds` it falls in, rounded up. */
function secondsLeftInWindow(windowSeconds: number, atMs: number): number {
  const now = atMs / 1000;
  return Math.ceil(Math.floor(now / windowSeconds) * windowSeconds + windowSeconds - now);
}

test("a 429 page's Retry-After is the wait the page states: the seconds left in the limit's window", async () => {
  const email = newEmail();
  const ip = newAddress();
  for (let attempt = 1; attempt <= 3; attempt++)
    expect((await signInFrom(ip, email, "Wrong-password-1")).status).toBe(400);

  const before = Date.now();
  const refused = await signInFrom(ip, email, "Wrong-password-1");
  const after = Date.now();

  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers["retry-after"]);
  // The window is 15 minutes (RATE_LIMIT_SIGNIN_EMAIL above): the wait is what is left of it.
  expect(retryAfter).toBeLessThanOrEqual(secondsLeftInWindow(15 * 60, before));
  expect(retryAfter).toBeGreaterThanOrEqual(secondsLeftInWindow(15 * 60, after));
  const stated = /Please wait (\d+) (minutes?|seconds?)/.exec(refused.text);
  expect(stated, refused.text.slice(0, 200)).not.toBeNull();
  const statedSeconds = stated![2]!.startsWith("minute") ? Number(stated![1]) * 60 : Number(stated![1]);
  // The page rounds up to whole minutes; the header carries the seconds behind that figure.
  expect(statedSeconds).toBe(retryAfter < 60 ? retryAfter : Math.ceil(retryAfter / 60) * 60);
});

test("every page route passes its refusal's Retry-After on to the browser (Remix drops it otherwise)", async () => {
  const build = (await import(/* @vite-ignore */ pathToFileURL(path.resolve("build/server/index.js")).href)) as {
    routes: Record<string, { module: { default?: unknown; loader?: unknown; action?: unknown; headers?: unknown } }>;
  };
  const pages = Object.entries(build.routes).filter(
    ([, { module }]) => module.default !== undefined && (module.loader !== undefined || module.action !== undefined),
  );
  expect(pages.length).toBeGreaterThan(10);
  const without = pages.filter(([, { module }]) => module.headers === undefined).map(([id]) => id);
  expect(without).toEqual([]);
});

test("another email from the same address still signs in until the address's own limit", async () => {
  const ip = newAddress();
  const guessed = newEmail();
  const other = newEmail();
  await createConfirmedUser(other, TEST_PASSWORD);

  for (let attempt = 1; attempt <= 3; attempt++)
    expect((await signInFrom(ip, guessed, "Wrong-password-1")).status).toBe(400);
  expect((await signInFrom(ip, guessed, "Wrong-password-1")).status).toBe(429);

  // Five attempts from this address so far; the limit per address is six.
  const otherSignIn = await signInFrom(ip, other, TEST_PASSWORD);
  expect(otherSignIn.status).toBe(303);
  expect(otherSignIn.cookies.some((cookie) => cookie.startsWith("session="))).toBe(true);
  expect((await signInFrom(ip, newEmail(), "Wrong-password-1")).status).toBe(400);

  const pastAddressLimit = await signInFrom(ip, other, TEST_PASSWORD);
  expect(pastAddressLimit.status).toBe(429);
  expect(Number(pastAddressLimit.headers["retry-after"])).toBeGreaterThan(0);
  // The same person from elsewhere is not held up by that address.
  expect((await signInFrom(newAddress(), other, TEST_PASSWORD)).status).toBe(303);
});

test("guesses at the emailed sign-up code are limited per email like the reset code's (10 an hour)", async () => {
  const email = newEmail();
  expect((await invoke("/signup", { form: { email, password: TEST_PASSWORD }, sourceIp: newAddress() })).status).toBe(
    303,
  );
  // From a new address each time: the email's own limit is what holds.
  for (let attempt = 1; attempt <= 10; attempt++) {
    const wrong = await invoke("/signup/confirm", { form: { email, code: "000000" }, sourceIp: newAddress() });
    expect(wrong.status, `attempt ${attempt}`).toBe(400);
  }
  const refused = await invoke("/signup/confirm", { form: { email, code: "123456" }, sourceIp: newAddress() });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
});

test("wrong current passwords on the account page count as sign-in guesses for the email", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const ip = newAddress();
  const signedIn = await signInFrom(ip, email, TEST_PASSWORD); // the email's first of three
  const cookie = signedIn.cookies.find((value) => value.startsWith("session="))?.split(";")[0] ?? "";
  const account = (form: Record<string, string>) =>
    invoke("/account", { form, cookies: [cookie], sourceIp: newAddress() });

  const wrongChange = {
    intent: "change-password",
    currentPassword: "Wrong-password-1",
    newPassword: "New-password-42",
  };
  expect((await account(wrongChange)).status).toBe(400);
  expect((await account({ intent: "turn-off-two-step", password: "Wrong-password-1" })).status).toBe(400);
  // Past the email's limit: refused before the password is even checked, right or wrong.
  const refused = await account({ ...wrongChange, currentPassword: TEST_PASSWORD });
  expect(refused.status).toBe(429);
  expect((await account({ intent: "turn-off-two-step", password: TEST_PASSWORD })).status).toBe(429);
  expect((await signInFrom(newAddress(), email, TEST_PASSWORD)).status).toBe(429);
});

test("the JSON API answers a caller past their own limit with a documented 429 problem; other callers go on", async () => {
  const tokens: string[] = [];
  for (let i = 0; i < 2; i++) {
    const email = newEmail();
    await createConfirmedUser(email, TEST_PASSWORD);
    tokens.push((await tokensFor(email, TEST_PASSWORD)).accessToken);
  }
  const [busy, other] = tokens as [string, string];

  // api() also checks each response against the OpenAPI document the API serves.
  for (let call = 1; call <= 4; call++) expect((await api("GET", "/api/v1/tasks", { token: busy })).status).toBe(200);
  const before = Date.now();
  const refused = await api("POST", "/api/v1/tasks", { token: busy, json: { title: "One more" } });
  const after = Date.now();

  expect(refused.status).toBe(429);
  expect(refused.headers["content-type"]).toBe("application/problem+json");
  expect(refused.data).toMatchObject({ type: "urn:task-tracker:problem:too-many-requests", status: 429 });
  // The real wait: what is left of the hour-long window (RATE_LIMIT_API_USER above), as the detail says.
  const retryAfter = Number(refused.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(secondsLeftInWindow(60 * 60, before));
  expect(retryAfter).toBeGreaterThanOrEqual(secondsLeftInWindow(60 * 60, after));
  expect((refused.data as { detail: string }).detail).toContain(
    retryAfter < 60 ? `${retryAfter} second` : `${Math.ceil(retryAfter / 60)} minute`,
  );
  expect((await api("GET", "/api/v1/tasks", { token: other })).status).toBe(200);
  // A bad token is refused before anything is counted, so it cannot spend a user's allowance.
  expect((await api("GET", "/api/v1/tasks", { token: "a.b.c" })).status).toBe(401);
});

test("counters belong to their window: attempts in a past window do not count now", async () => {
  const subject = { email: newEmail(), ip: newAddress() };
  const window = 15 * 60 * 1000;
  const past = Math.floor(Date.now() / window) * window - window + 1000;

  for (let attempt = 1; attempt <= 3; attempt++)
    expect(await checkRateLimits("signin", subject, past)).toEqual({ allowed: true });
  const blocked = await checkRateLimits("signin", subject, past);
  // Refused until that window ends: 15 minutes after its start, 1 s of which had passed.
  expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 - 1 });

  expect(await checkRateLimits("signin", subject)).toEqual({ allowed: true });
});

test("with the limits table unreachable, sign-in still works (fail open) and says so in the log", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const table = process.env.LIMITS_TABLE;
  process.env.LIMITS_TABLE = "no-such-limits-table";
  process.env.RATE_LIMIT_SIGNIN_EMAIL = "1/15m";
  resetEnvForTests();
  try {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { sessionId } = await signIn({ email, password: TEST_PASSWORD }, { ip: newAddress() });
      expect(sessionId).toMatch(/^[\w-]{40,}$/);
    }
    // Nor does the health check call the app down for it.
    expect(await checkHealth()).toEqual({ ok: true, tables: "reachable" });
    expect(warn).toHaveBeenCalledWith(
      "Rate limits not applied (limits table unavailable):",
      "signin",
      expect.anything(),
    );
  } finally {
    process.env.LIMITS_TABLE = table;
    process.env.RATE_LIMIT_SIGNIN_EMAIL = "3/15m";
    resetEnvForTests();
    await resetDocumentClientForTests();
  }
});

test("a script posting sign-up 1,000 times from one address gets 5 accounts made and 995 refusals", async () => {
  const ip = newAddress();
  const run = crypto.randomUUID();
  const statuses: number[] = [];
  // Ten at a time, each with a new email, as a script spending the pool's email budget would.
  for (let batch = 0; batch < 100; batch++) {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        invoke("/signup", {
          form: { email: `flood-${run}-${batch * 10 + index}@example.com`, password: TEST_PASSWORD },
          sourceIp: ip,
        }),
      ),
    );
    statuses.push(...responses.map((response) => response.status));
  }

  const accepted = statuses.filter((status) => status >= 200 && status < 400).length;
  const refused = statuses.filter((status) => status === 429).length;
  const users = await emulatorClient().send(
    new ListUsersCommand({ UserPoolId: process.env.COGNITO_USER_POOL_ID, Filter: `email ^= "flood-${run}"` }),
  );
  console.log(
    `1,000 sign-ups from one address: ${accepted} × 2xx/3xx, ${refused} × 429, ${users.Users?.length} Cognito sign-ups`,
  );
  expect({ accepted, refused, cognito: users.Users?.length }).toEqual({ accepted: 5, refused: 995, cognito: 5 });
}, 120_000);
