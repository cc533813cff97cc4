import { createHmac, randomBytes, randomInt } from "node:crypto";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { createConfirmedUser, newEmail } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, invoke, sessionCookieFrom, type LambdaResponse } from "#tests/support/lambda-client.ts";
import { totpCode } from "#tests/support/totp.ts";

// The attacker's view of our guessing limits: a stranger who knows only the owner's email
// (a list of emails is easy to come by) and tries passwords, reset requests and reset codes
// to get in or, failing that, to lock the owner out. Each case asserts that the stranger stays
// refused and that the owner, in a browser that signed in before (its device cookie), still
// gets in. Through the built Lambda, the local DynamoDB and the Cognito emulator, with the
// limits on: the defaults per email and address, and a small one per device so a device's own
// lockout is quick to reach.
Object.assign(process.env, {
  RATE_LIMITS: "on",
  RATE_LIMIT_SIGNIN_DEVICE: "3/15m",
});

const SIGNIN_EMAIL_LIMIT = 10; // RATE_LIMIT_SIGNIN_EMAIL's default, per 15 minutes
const RESET_EMAIL_LIMIT = 5; // RATE_LIMIT_RESET_EMAIL's default, per hour
const RESET_CONFIRM_EMAIL_LIMIT = 10; // RATE_LIMIT_RESET_CONFIRM_EMAIL's default, per hour
const NEW_PASSWORD = "Brand-new-password-7";

/** A fresh address from the benchmarking range for each party, so tests never share counters. */
function newAddress(): string {
  return `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** "device=<value>" from a response's Set-Cookie list, or undefined. */
function deviceCookieFrom(response: LambdaResponse): string | undefined {
  return response.cookies.find((cookie) => cookie.startsWith("device="))?.split(";")[0];
}

/** A device cookie holding these entries, encoded as the app's own cookie is (Remix: base64 JSON). */
function deviceCookieOf(entries: string[]): string {
  return `device=${encodeURIComponent(Buffer.from(JSON.stringify(entries), "utf8").toString("base64"))}`;
}

function entriesOf(cookie: string): string[] {
  const value = decodeURIComponent(cookie.slice("device=".length));
  return JSON.parse(Buffer.from(value, "base64").toString("utf8")) as string[];
}

interface Browser {
  ip: string;
  cookies: string[];
}

/** The owner's account, and the owner's browser after signing in once (it holds the device cookie). */
async function ownerWithKnownBrowser(): Promise<{ email: string; browser: Browser; device: string }> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const browser: Browser = { ip: newAddress(), cookies: [] };
  const signIn = await signInFrom(browser, email, TEST_PASSWORD);
  expect(signIn.status).toBe(303);
  const device = deviceCookieFrom(signIn);
  expect(device, "the sign-in sets a device cookie").toBeDefined();
  return { email, browser: { ...browser, cookies: [device as string] }, device: device as string };
}

function signInFrom(browser: Browser, email: string, password: string): Promise<LambdaResponse> {
  return invoke("/login", { form: { email, password }, cookies: browser.cookies, sourceIp: browser.ip });
}

/** A stranger's wrong passwords from one address; returns the statuses. */
async function strangerGuesses(email: string, count: number, ip = newAddress()): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt++)
    statuses.push((await signInFrom({ ip, cookies: [] }, email, `Guess-number-${attempt}`)).status);
  return statuses;
}

/** The owner got in: a session that opens the task list. */
async function expectSignedIn(response: LambdaResponse): Promise<void> {
  expect(response.status, response.text.slice(0, 300)).toBe(303);
  const session = sessionCookieFrom(response);
  expect(session).toBeDefined();
  expect((await invoke("/tasks", { cookies: [session as string] })).status).toBe(200);
}

function expectRefused(response: LambdaResponse): void {
  expect(response.status).toBe(429);
  expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
  expect(sessionCookieFrom(response)).toBeUndefined();
  expect(deviceCookieFrom(response)).toBeUndefined();
}

test("a stranger's 12 wrong passwords do not keep the owner out", async () => {
  const { email, browser } = await ownerWithKnownBrowser();

  const statuses = await strangerGuesses(email, 12);

  // The email's limit for browsers it has never seen still stops the guessing (the owner's first
  // sign-in, from a browser then unknown, was one of its attempts)…
  expect(statuses).toEqual([...Array<number>(SIGNIN_EMAIL_LIMIT - 1).fill(400), 429, 429, 429]);
  // …and holds whatever the stranger sends next, from any address, even the right password.
  expectRefused(await signInFrom({ ip: newAddress(), cookies: [] }, email, TEST_PASSWORD));
  // The owner's browser counts on its own: it signs in, and gets a fresh device cookie.
  const owner = await signInFrom(browser, email, TEST_PASSWORD);
  await expectSignedIn(owner);
  expect(deviceCookieFrom(owner)).toBeDefined();
  expect(deviceCookieFrom(owner)).not.toBe(browser.cookies[0]);
  // From another address too (a laptop moves between networks; the cookie is what counts).
  await expectSignedIn(await signInFrom({ ...browser, ip: newAddress() }, email, TEST_PASSWORD));
});

test("a stranger's guesses from many addresses do not keep the owner out either", async () => {
  const { email, browser } = await ownerWithKnownBrowser();

  const statuses: number[] = [];
  for (let attempt = 0; attempt < 12; attempt++) statuses.push(...(await strangerGuesses(email, 1)));

  expect(statuses).toEqual([...Array<number>(SIGNIN_EMAIL_LIMIT - 1).fill(400), 429, 429, 429]);
  await expectSignedIn(await signInFrom(browser, email, TEST_PASSWORD));
});

test("a forged, altered, foreign-secret or other account's device cookie gets the stranger nothing", async () => {
  const { email, browser, device } = await ownerWithKnownBrowser();
  await strangerGuesses(email, SIGNIN_EMAIL_LIMIT);
  // The stranger's own account, signed in from the stranger's browser: a genuine device cookie, for another email.
  const strangerEmail = newEmail();
  await createConfirmedUser(strangerEmail, TEST_PASSWORD);
  const strangerOwn = deviceCookieFrom(
    await signInFrom({ ip: newAddress(), cookies: [] }, strangerEmail, TEST_PASSWORD),
  );
  expect(strangerOwn).toBeDefined();

  const [ownerEntry = ""] = entriesOf(device);
  const [nonce = "", mac = ""] = ownerEntry.split(".");
  const forgedNonce = randomBytes(16).toString("base64url");
  const fakes = {
    forged: deviceCookieOf([`${forgedNonce}.${randomBytes(32).toString("base64url")}`]),
    altered: deviceCookieOf([`${nonce}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`]),
    otherNonce: deviceCookieOf([`${forgedNonce}.${mac}`]),
    foreignSecret: deviceCookieOf([
      `${forgedNonce}.${createHmac("sha256", "a-secret-the-app-does-not-hold-0000000")
        .update(`device:${email}`)
        .update("\u0000")
        .update(forgedNonce)
        .digest("base64url")}`,
    ]),
    otherAccount: strangerOwn as string,
    garbage: "device=not-base64-json",
  };

  for (const [kind, cookie] of Object.entries(fakes)) {
    const response = await signInFrom({ ip: newAddress(), cookies: [cookie] }, email, TEST_PASSWORD);
    expect(response.status, kind).toBe(429);
    expect(sessionCookieFrom(response), kind).toBeUndefined();
  }
  // None of that spent the owner's own allowance.
  await expectSignedIn(await signInFrom(browser, email, TEST_PASSWORD));
});

test("a device that guesses is locked out on its own, and nobody else is", async () => {
  const { email, browser } = await ownerWithKnownBrowser();
  // Whoever holds that browser's cookie (a thief who copied it, or a slip of the owner's fingers)
  // gets the device's own allowance: 3 attempts (RATE_LIMIT_SIGNIN_DEVICE above), then 429.
  for (let attempt = 0; attempt < 3; attempt++)
    expect((await signInFrom(browser, email, `Guess-number-${attempt}`)).status).toBe(400);

  expectRefused(await signInFrom(browser, email, TEST_PASSWORD));
  // The email's own counter was not touched: the owner on another computer signs in.
  await expectSignedIn(await signInFrom({ ip: newAddress(), cookies: [] }, email, TEST_PASSWORD));
});

test("a stranger's guesses do not lock the owner out of the account page's password checks", async () => {
  const { email, browser } = await ownerWithKnownBrowser();
  const session = sessionCookieFrom(await signInFrom(browser, email, TEST_PASSWORD)) as string;
  await strangerGuesses(email, SIGNIN_EMAIL_LIMIT + 1);

  const changed = await invoke("/account", {
    form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    cookies: [session, ...browser.cookies],
    sourceIp: browser.ip,
  });

  expect(changed.status, changed.text.slice(0, 300)).toBe(303);
  await expectSignedIn(await signInFrom(browser, email, NEW_PASSWORD));
  expectRefused(await signInFrom({ ip: newAddress(), cookies: [] }, email, NEW_PASSWORD));
});

test("a stranger's guesses do not keep a two-step owner out: password and code both count on the device", async () => {
  const { email, browser: before } = await ownerWithKnownBrowser();
  const signedIn = await signInFrom(before, email, TEST_PASSWORD);
  const session = sessionCookieFrom(signedIn) as string;
  // As a browser does, it keeps the fresh device cookie each sign-in sends (a new counter).
  const browser = { ...before, cookies: [deviceCookieFrom(signedIn) as string] };
  const account = (form: Record<string, string>) =>
    invoke("/account", { form, cookies: [session, ...browser.cookies], sourceIp: browser.ip });
  const started = await account({ intent: "start-two-step", password: TEST_PASSWORD });
  const secret = /data-testid="two-step-secret"[^>]*>([A-Z2-7 ]+)</.exec(started.text)?.[1]?.replace(/ /g, "") ?? "";
  const setup = /name="setup" value="([^"]+)"/.exec(started.body)?.[1] ?? "";
  // Turning it on answers with the recovery codes, shown once (no redirect).
  const confirmed = await account({ intent: "confirm-two-step", setup, code: totpCode(secret) });
  expect(confirmed.status).toBe(200);
  expect(confirmed.text).toMatch(/[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}/);
  await strangerGuesses(email, SIGNIN_EMAIL_LIMIT + 1);

  const password = await signInFrom(browser, email, TEST_PASSWORD);
  expect(password.headers.location).toBe("/login/code");
  const challenge = password.cookies.find((cookie) => cookie.startsWith("signin-challenge="))?.split(";")[0] ?? "";
  // The next step's code: the one just used to turn two-step on cannot be used twice.
  const code = await invoke("/login/code", {
    form: { code: totpCode(secret, Date.now() + 30_000) },
    cookies: [challenge, ...browser.cookies],
    sourceIp: browser.ip,
  });

  await expectSignedIn(code);
  expect(deviceCookieFrom(code)).toBeDefined();
  expectRefused(await signInFrom({ ip: newAddress(), cookies: [] }, email, TEST_PASSWORD));
});

test("a stranger's reset requests do not stop the owner's browser from asking for a code", async () => {
  const { email, browser } = await ownerWithKnownBrowser();

  const statuses: number[] = [];
  for (let attempt = 0; attempt <= RESET_EMAIL_LIMIT; attempt++)
    statuses.push((await invoke("/forgot-password", { form: { email }, sourceIp: newAddress() })).status);

  expect(statuses).toEqual([...Array<number>(RESET_EMAIL_LIMIT).fill(303), 429]);
  const refused = await invoke("/forgot-password", { form: { email }, sourceIp: newAddress() });
  expectRefused(refused);
  // Those requests sent codes to the owner's inbox, and the page says the newest one still works.
  expect(refused.text).toContain(`href="/reset-password?${new URLSearchParams({ email })}"`);
  const owner = await invoke("/forgot-password", { form: { email }, cookies: browser.cookies, sourceIp: browser.ip });
  expect(owner.status).toBe(303);
  expect(owner.headers.location).toBe(`/reset-password?${new URLSearchParams({ email })}`);
});

test("a stranger's wrong reset codes do not keep the owner from resetting the password", async () => {
  const { email, browser } = await ownerWithKnownBrowser();
  expect((await invoke("/forgot-password", { form: { email }, cookies: browser.cookies })).status).toBe(303);

  const statuses: number[] = [];
  for (let attempt = 0; attempt <= RESET_CONFIRM_EMAIL_LIMIT; attempt++) {
    const form = { email, code: String(100000 + attempt), password: "Strangers-password-1" };
    statuses.push((await invoke("/reset-password", { form, sourceIp: newAddress() })).status);
  }

  expect(statuses).toEqual([...Array<number>(RESET_CONFIRM_EMAIL_LIMIT).fill(400), 429]);
  // The emulator's code is always 123456: even the right one is refused to the stranger now.
  const right = { email, code: "123456", password: "Strangers-password-1" };
  expectRefused(await invoke("/reset-password", { form: right, sourceIp: newAddress() }));
  const owner = await invoke("/reset-password", {
    form: { ...right, password: NEW_PASSWORD },
    cookies: browser.cookies,
    sourceIp: browser.ip,
  });
  expect(owner.status, owner.text.slice(0, 300)).toBe(303);
  await expectSignedIn(await signInFrom(browser, email, NEW_PASSWORD));
});

test("an owner on a new browser gets in during an attack by resetting the password with the emailed code", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  await strangerGuesses(email, SIGNIN_EMAIL_LIMIT + 2);
  const newBrowser: Browser = { ip: newAddress(), cookies: [] };
  // A browser the account has never seen shares the strangers' lockout: it waits, as they do…
  const refused = await signInFrom(newBrowser, email, TEST_PASSWORD);
  expectRefused(refused);
  expect(refused.text).toContain("reset your password by email");

  // …unless the owner proves the inbox: the code's browser becomes known to the account.
  expect((await invoke("/forgot-password", { form: { email }, sourceIp: newBrowser.ip })).status).toBe(303);
  const reset = await invoke("/reset-password", {
    form: { email, code: "123456", password: NEW_PASSWORD },
    sourceIp: newBrowser.ip,
  });
  expect(reset.status).toBe(303);
  const device = deviceCookieFrom(reset);
  expect(device).toBeDefined();

  await expectSignedIn(await signInFrom({ ...newBrowser, cookies: [device as string] }, email, NEW_PASSWORD));
  expectRefused(await signInFrom({ ip: newAddress(), cookies: [] }, email, NEW_PASSWORD));
});

test("one browser keeps a device entry for each account signed in there", async () => {
  const first = await ownerWithKnownBrowser();
  const secondEmail = newEmail();
  await createConfirmedUser(secondEmail, TEST_PASSWORD);
  const second = await signInFrom(first.browser, secondEmail, TEST_PASSWORD);
  const both = deviceCookieFrom(second) as string;
  expect(entriesOf(both)).toHaveLength(2);

  await strangerGuesses(first.email, SIGNIN_EMAIL_LIMIT + 1);
  await strangerGuesses(secondEmail, SIGNIN_EMAIL_LIMIT + 1);

  await expectSignedIn(await signInFrom({ ...first.browser, cookies: [both] }, first.email, TEST_PASSWORD));
  await expectSignedIn(await signInFrom({ ...first.browser, cookies: [both] }, secondEmail, TEST_PASSWORD));
});

test("a device cookie from before an APP_SECRET rotation still lets the owner in during an attack", async () => {
  const { email, device } = await ownerWithKnownBrowser();
  const run = promisify(execFile);
  const script = `import { invoke } from "#tests/support/lambda-client.ts";
    const email = ${JSON.stringify(email)};
    const guesses = [];
    for (let i = 0; i < ${SIGNIN_EMAIL_LIMIT + 1}; i++)
      guesses.push((await invoke("/login", { form: { email, password: "Guess-" + i }, sourceIp: "198.19.0." + (i + 1) })).status);
    const owner = await invoke("/login", { form: { email, password: ${JSON.stringify(TEST_PASSWORD)} }, cookies: [${JSON.stringify(device)}], sourceIp: "198.19.1.1" });
    console.log(JSON.stringify({ guesses, owner: owner.status }));`;

  // The handler in a fresh process, as the Lambda runs after the first of the two rotation deploys.
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: {
      ...process.env,
      APP_SECRET: "rotated-app-secret-rotated-app-secret-0002",
      APP_SECRET_PREVIOUS: process.env.APP_SECRET,
    },
    timeout: 60_000,
  });
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { guesses: number[]; owner: number };

  expect(result.guesses.at(-1)).toBe(429);
  expect(result.owner).toBe(303);
}, 90_000);
