import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { createCookie } from "@remix-run/node";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getAccount } from "#src/accounts/account-repository.ts";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { getSession } from "#src/sessions/session-repository.ts";
import { hashSessionId } from "#src/sessions/session-service.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { totpCode } from "#tests/support/totp.ts";
import { follow } from "#tests/support/users.ts";
import {
  TEST_PASSWORD,
  invoke,
  newSignedInUser,
  sessionCookieFrom,
  signIn,
  type LambdaResponse,
  type SignedInUser,
} from "#tests/support/lambda-client.ts";

// The /account page through the built handler, against the sandbox's DynamoDB and Cognito.
// DynamoDB calls are counted by a proxy in front of the local DynamoDB: the bundle's own
// client is out of reach, so the handler is pointed at the proxy before its first request.

let proxy: Awaited<ReturnType<typeof startDynamoCallProxy>>;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  proxy = await startDynamoCallProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  await proxy.stop();
});

const sessionCookie = () => createCookie("session", { secrets: [process.env.APP_SECRET ?? ""] });

/** The session item's key, from the cookie the browser holds. */
async function sessionKeyOf(user: SignedInUser): Promise<string> {
  const sessionId = (await sessionCookie().parse(user.cookie)) as string;
  return hashSessionId(sessionId);
}

async function subOf(user: SignedInUser): Promise<string> {
  const session = await getSession(await sessionKeyOf(user));
  if (!session) throw new Error("no session");
  return session.sub;
}

function selectedZone(html: string): string | undefined {
  const select = /<select[^>]*name="timeZone"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  return /<option value="([^"]*)" selected="">/.exec(select)?.[1];
}

test("the account page and its form require sign-in", async () => {
  const page = await invoke("/account");
  const post = await invoke("/account", { form: { intent: "save-settings", timeZone: "Europe/Paris" } });

  expect(page.status).toBe(303);
  expect(page.headers.location).toBe("/login?redirectTo=%2Faccount");
  expect(post.status).toBe(303);
  expect(post.headers.location).toMatch(/^\/login\?/);
});

test("the account page shows the email, no time zone yet, a time zone list, password change and sign out", async () => {
  const user = await newSignedInUser();

  const page = await user.invoke("/account");

  expect(page.status).toBe(200);
  expect(page.text).toContain(user.email);
  expect(page.text).toContain("Not set: dates and times are shown in UTC.");
  // Each with its offset now (summer time or not).
  expect(page.body).toMatch(/<option value="Europe\/Paris">Europe\/Paris \(UTC\+0[12]:00\)<\/option>/);
  expect(page.body).toContain('<option value="UTC">UTC (UTC+00:00)</option>');
  expect(page.body).toMatch(/<option value="America\/New_York">America\/New York \(UTC−0[45]:00\)<\/option>/);
  // The "Choose a time zone" placeholder, not some zone the user never picked.
  expect(selectedZone(page.body)).toBe("");
  expect(page.body).toContain('name="currentPassword"');
  expect(page.body).toContain('action="/logout"');
  expect(page.body).toMatch(/href="\/account"[^>]*>Account settings</);
});

test("saving a time zone redirects with 303, says so once, and the page then shows it selected", async () => {
  const user = await newSignedInUser();

  const saved = await user.invoke("/account", { form: { intent: "save-settings", timeZone: "Europe/Paris" } });
  const next = await follow(user, saved);
  const later = await user.invoke("/account");

  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe("/account");
  expect(next.text).toContain("Saved your settings.");
  expect(selectedZone(next.body)).toBe("Europe/Paris");
  expect(next.text).not.toContain("Not set:");
  expect(later.text).not.toContain("Saved your settings.");
  expect(selectedZone(later.body)).toBe("Europe/Paris");
});

test("an unknown time zone is a 400 with the field message and the input kept, and changes nothing", async () => {
  const user = await newSignedInUser();
  await user.invoke("/account", { form: { intent: "save-settings", timeZone: "Asia/Tokyo" } });

  const response = await user.invoke("/account", {
    form: { intent: "save-settings", timeZone: "Mars/Olympus<b>" },
  });
  const after = await user.invoke("/account");

  expect(response.status).toBe(400);
  expect(response.text).toContain("Choose a time zone from the list.");
  expect(response.body).toMatch(/<select[^>]*aria-invalid="true"/);
  expect(selectedZone(response.body)).toBe("Mars/Olympus&lt;b&gt;");
  expect(response.body).not.toContain("<b>");
  expect(response.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(selectedZone(after.body)).toBe("Asia/Tokyo");
  expect((await getAccount(await subOf(user)))?.timeZone).toBe("Asia/Tokyo");
});

test("a detected time zone is stored only while none is set: it never overrides a choice", async () => {
  const user = await newSignedInUser();

  const detected = await user.invoke("/account", { form: { intent: "detect-time-zone", timeZone: "America/Denver" } });
  const chosen = await user.invoke("/account", { form: { intent: "save-settings", timeZone: "Europe/Madrid" } });
  const detectedAgain = await user.invoke("/account", {
    form: { intent: "detect-time-zone", timeZone: "America/Denver" },
  });

  expect(detected.status).toBe(200);
  expect(chosen.status).toBe(303);
  expect(detectedAgain.status).toBe(200);
  expect(selectedZone((await user.invoke("/account")).body)).toBe("Europe/Madrid");
  expect((await getAccount(await subOf(user)))?.timeZone).toBe("Europe/Madrid");
});

test("a change made in one session shows in the user's other sessions on their next request", async () => {
  const phone = await newSignedInUser();
  const laptop = await signIn(phone.email, phone.password);

  await phone.invoke("/account", { form: { intent: "save-settings", timeZone: "Pacific/Honolulu" } });

  expect(selectedZone((await laptop.invoke("/account")).body)).toBe("Pacific/Honolulu");
});

test("another user's settings never show or change: the form only ever touches the signed-in account", async () => {
  const alice = await newSignedInUser();
  const bob = await newSignedInUser();
  const aliceSub = await subOf(alice);
  await alice.invoke("/account", { form: { intent: "save-settings", timeZone: "Asia/Singapore" } });

  const bobsPost = await bob.invoke("/account", {
    form: { intent: "save-settings", timeZone: "Europe/Oslo", id: aliceSub, sub: aliceSub },
  });
  const bobsPage = await bob.invoke("/account");

  expect(bobsPost.status).toBe(303);
  expect(selectedZone(bobsPage.body)).toBe("Europe/Oslo");
  expect(bobsPage.text).not.toContain(alice.email);
  expect((await getAccount(aliceSub))?.timeZone).toBe("Asia/Singapore");
  expect(selectedZone((await alice.invoke("/account")).body)).toBe("Asia/Singapore");
});

test("a page view costs one DynamoDB call for the session, with or without a time zone; the account page needs no other", async () => {
  const user = await newSignedInUser();
  const { sessions } = getTableNames();

  proxy.reset();
  await user.invoke("/account");
  const unsetAccountPage = [...proxy.calls];
  await user.invoke("/account", { form: { intent: "save-settings", timeZone: "Europe/Rome" } });
  proxy.reset();
  await user.invoke("/account");
  const accountPage = [...proxy.calls];
  await user.invoke("/tasks"); // the session's first task page keeps the user's lists in the session
  proxy.reset();
  await user.invoke("/tasks");
  const tasksPage = [...proxy.calls];

  expect(unsetAccountPage).toEqual([{ command: "GetItem", table: sessions }]);
  expect(accountPage).toEqual([{ command: "GetItem", table: sessions }]);
  // The task list adds its own query; the session is still the one read.
  expect(tasksPage.filter((call) => call.table === sessions)).toEqual([{ command: "GetItem", table: sessions }]);
  expect(tasksPage.filter((call) => call.table !== sessions).length).toBe(tasksPage.length - 1);
  expect(tasksPage.some((call) => call.table === getTableNames().accounts)).toBe(false);
});

test("with two-step sign-in on, the account page also reads the recovery code count: one more call", async () => {
  const user = await newSignedInUser();
  const started = await user.invoke("/account", { form: { intent: "start-two-step", password: user.password } });
  const secret = /data-testid="two-step-secret"[^>]*>([A-Z2-7 ]+)</.exec(started.text)?.[1]?.replace(/ /g, "") ?? "";
  const setup = /<input type="hidden" name="setup" value="([^"]*)"/.exec(started.body)?.[1] ?? "";
  expect(
    (await user.invoke("/account", { form: { intent: "confirm-two-step", setup, code: totpCode(secret) } })).status,
  ).toBe(200);

  proxy.reset();
  const page = await user.invoke("/account");

  expect(page.text).toContain("10 of 10 recovery codes left.");
  expect(proxy.calls).toEqual([
    { command: "GetItem", table: getTableNames().sessions },
    { command: "GetItem", table: getTableNames().accounts },
  ]);
});

test("a session item from before settings were cached still works, learns them once, then costs one read", async () => {
  const user = await newSignedInUser();
  await user.invoke("/account", { form: { intent: "save-settings", timeZone: "America/Toronto" } });
  const key = await sessionKeyOf(user);
  await (
    await getDocumentClient()
  ).send(
    new UpdateCommand({ TableName: getTableNames().sessions, Key: { id: key }, UpdateExpression: "REMOVE settings" }),
  );
  const { sessions, accounts } = getTableNames();

  proxy.reset();
  const first = await user.invoke("/account");
  const firstCalls = [...proxy.calls];
  proxy.reset();
  const second = await user.invoke("/account");

  expect(first.status).toBe(200);
  expect(selectedZone(first.body)).toBe("America/Toronto");
  expect(firstCalls).toEqual([
    { command: "GetItem", table: sessions },
    { command: "GetItem", table: accounts },
    { command: "UpdateItem", table: sessions },
  ]);
  expect(selectedZone(second.body)).toBe("America/Toronto");
  expect(proxy.calls).toEqual([{ command: "GetItem", table: sessions }]);
});

test("changing the password checks the current one and our rules, never echoes a password, and then only the new one signs in", async () => {
  const user = await newSignedInUser();
  const elsewhere = await signIn(user.email, TEST_PASSWORD);
  const newPassword = "Brand-new-pass-77";

  const wrongCurrent = await user.invoke("/account", {
    form: { intent: "change-password", currentPassword: "Not-my-password-1", newPassword },
  });
  const weak = await user.invoke("/account", {
    form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: "short" },
  });
  const changed = await user.invoke("/account", {
    form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword },
  });
  const next = await follow(user, changed);

  expect(wrongCurrent.status).toBe(400);
  expect(wrongCurrent.text).toContain("That is not your current password.");
  expect(weak.status).toBe(400);
  expect(weak.text).toContain("Use at least 10 characters.");
  for (const response of [wrongCurrent, weak]) {
    expect(response.body).not.toContain(newPassword);
    expect(response.body).not.toContain(TEST_PASSWORD);
  }
  expect(changed.status).toBe(303);
  expect(next.text).toContain("Changed your password. Your other sessions are signed out.");
  // The browser that changed it goes on, on a new session (its tokens came from the old
  // password too); the other one (another device, a stolen cookie) ends, as does the old cookie.
  const renewed = sessionCookieFrom(changed);
  expect(renewed).toMatch(/^session=/);
  expect(renewed).not.toBe(user.cookie);
  expect((await invoke("/tasks", { cookies: [renewed ?? ""] })).status).toBe(200);
  expect((await user.invoke("/tasks")).status).toBe(303);
  const signedOut = await elsewhere.invoke("/tasks");
  expect(signedOut.status).toBe(303);
  expect(signedOut.headers.location).toMatch(/^\/login/);
  expect((await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } })).status).toBe(400);
  expect((await signIn(user.email, newPassword)).cookie).toMatch(/^session=/);
});

test("with the accounts table unavailable, saving answers 503 with Retry-After, keeps the choice and shows no stack trace", async () => {
  const user = await newSignedInUser();
  const script = `
    import { invoke } from "#tests/support/lambda-client.ts";
    const result = await invoke("/account", {
      form: { intent: "save-settings", timeZone: "Europe/Vienna" },
      cookies: [${JSON.stringify(user.cookie)}],
    });
    console.log(JSON.stringify(result));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, DYNAMODB_ENDPOINT: realEndpoint, ACCOUNTS_TABLE: "no-such-table" },
    timeout: 60_000,
  });
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as LambdaResponse;

  expect(result.status).toBe(503);
  expect(result.headers["retry-after"]).toBeDefined();
  expect(result.text).toContain("temporarily unavailable");
  expect(result.text).toContain(user.email);
  expect(selectedZone(result.body)).toBe("Europe/Vienna");
  expect(result.body).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|ResourceNotFound|node_modules/);
  expect(selectedZone((await user.invoke("/account")).body)).toBe("");
});
