import { inboxAccess } from "#src/lists/list-access.ts";
import { expect, test } from "vitest";
import { getAccount } from "#src/accounts/account-repository.ts";
import { listTasks, listScope } from "#src/tasks/task-service.ts";
import { api, decodeJwt, emulatorSigningKey, signJwt } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, invoke, sessionCookieFrom, signIn, type SignedInUser } from "#tests/support/lambda-client.ts";
import { follow, seedTask } from "#tests/support/users.ts";

// The attacker's view of ending sign-ins: someone holds a copy of a victim's session cookie or
// access token (a shared computer, a leaked script, a stolen laptop), and the victim changes or
// resets the password, or presses "Sign out everywhere". Each case checks that the copy stops
// working, that it changed nothing, and that the owner is not locked out. Through the built
// Lambda, against the local DynamoDB and Cognito emulator.
//
// What only a deployed Cognito can show (the emulator has no global sign-out, and a refresh
// there gives the new access token a new auth_time): that an old refresh token mints nothing.
// Here the app's own layer is shown instead, by a token shaped as Cognito shapes a refreshed one.

const NEW_PASSWORD = "Taken-back-2026";

interface Victim {
  email: string;
  sub: string;
  /** The victim's own browser. */
  browser: SignedInUser;
  /** A task only the victim made. */
  taskTitle: string;
}

async function newVictim(): Promise<Victim> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const sub = String(decodeJwt(accessToken).payload.sub);
  const taskTitle = `Victim's task ${crypto.randomUUID().slice(0, 8)}`;
  await seedTask({ sub }, { title: taskTitle });
  return { email, sub, browser: await signIn(email, TEST_PASSWORD), taskTitle };
}

/** The victim's password reset by emailed code, through the forms (the emulator's code is 123456). */
async function resetPassword(email: string, password = NEW_PASSWORD): Promise<void> {
  expect((await invoke("/forgot-password", { form: { email } })).status).toBe(303);
  const reset = await invoke("/reset-password", { form: { email, code: "123456", password } });
  expect(reset.status, reset.text.slice(0, 300)).toBe(303);
}

/** The victim changes the password on the account page; returns the browser as it is after (a new cookie). */
async function changePassword(victim: Victim): Promise<SignedInUser> {
  const changed = await victim.browser.invoke("/account", {
    form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
  });
  expect(changed.status, changed.text.slice(0, 300)).toBe(303);
  const cookie = sessionCookieFrom(changed) ?? victim.browser.cookie;
  const browser: SignedInUser = {
    ...victim.browser,
    password: NEW_PASSWORD,
    cookie,
    invoke: (target, options = {}) => invoke(target, { ...options, cookies: [...(options.cookies ?? []), cookie] }),
  };
  expect((await follow(browser, changed)).text).toContain("Changed your password.");
  return browser;
}

/** What the attacker tries with a stolen token: read the tasks and plant one. */
async function attackWithToken(token: string) {
  const list = await api("GET", "/api/v1/tasks", { token });
  const plant = await api("POST", "/api/v1/tasks", { token, json: { title: "planted by the attacker" } });
  return { list, plant };
}

async function expectNothingChanged(victim: Victim) {
  const titles = (await listTasks(listScope(inboxAccess(victim.sub)), {})).tasks.map((task) => task.title);
  expect(titles).toEqual([victim.taskTitle]);
}

/**
 * The owner is not locked out: the new password signs in at once (the app waits out the
 * revocation's own second itself), the page shows the task, and a new API token works.
 */
async function expectOwnerGetsIn(victim: Victim, password = NEW_PASSWORD) {
  const browser = await signIn(victim.email, password);
  const page = await browser.invoke("/tasks");
  expect(page.status).toBe(200);
  expect(page.text).toContain(victim.taskTitle);
  // A script's token straight from Cognito gets no such help: one minted in the revocation's
  // own second is refused (it cannot be told from a thief's minted just before). Past it, it works.
  await untilPast((await getAccount(victim.sub))?.tokensValidAfter);
  const { accessToken } = await tokensFor(victim.email, password);
  const list = await api("GET", "/api/v1/tasks", { token: accessToken });
  expect(list.status, list.body).toBe(200);
  expect(list.data.tasks.map((task: { title: string }) => task.title)).toEqual([victim.taskTitle]);
}

/** Waits until the clock has reached the second `validAfter` (a condition, not a guess at speed). */
async function untilPast(validAfter: number | undefined) {
  expect(validAfter).toEqual(expect.any(Number));
  while (Date.now() < Number(validAfter) * 1000 + 250) await new Promise((resolve) => setTimeout(resolve, 50));
}

function expectRefused(response: Awaited<ReturnType<typeof api>>) {
  expect(response.status, response.body).toBe(401);
  expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
  expect(response.body).not.toContain("Victim's task");
}

test("an access token stolen before a password reset stops working on the API", async () => {
  const victim = await newVictim();
  const stolen = (await tokensFor(victim.email, TEST_PASSWORD)).accessToken;
  expect((await api("GET", "/api/v1/tasks", { token: stolen })).status).toBe(200);

  await resetPassword(victim.email);
  const { list, plant } = await attackWithToken(stolen);

  expectRefused(list);
  expectRefused(plant);
  await expectNothingChanged(victim);
  await expectOwnerGetsIn(victim);
});

test("a session cookie stolen before a password reset is signed out, and so is every other session", async () => {
  const victim = await newVictim();
  const thief = await signIn(victim.email, TEST_PASSWORD);
  expect((await thief.invoke("/tasks")).status).toBe(200);

  await resetPassword(victim.email);
  const page = await thief.invoke("/tasks");
  const plant = await thief.invoke("/tasks", { form: { title: "planted by the attacker" } });

  expect(page.status).toBe(303);
  expect(page.headers.location).toMatch(/^\/login\?/);
  expect(plant.status).toBe(303);
  expect(plant.headers.location).toMatch(/^\/login\?/);
  expect((await victim.browser.invoke("/tasks")).status).toBe(303);
  await expectNothingChanged(victim);
  await expectOwnerGetsIn(victim);
});

test("an access token stolen before a password change stops working; the session that changed it goes on", async () => {
  const victim = await newVictim();
  const stolen = (await tokensFor(victim.email, TEST_PASSWORD)).accessToken;
  const thief = await signIn(victim.email, TEST_PASSWORD);

  const browser = await changePassword(victim);
  const { list, plant } = await attackWithToken(stolen);
  const thiefPage = await thief.invoke("/tasks");

  expectRefused(list);
  expectRefused(plant);
  expect(thiefPage.status).toBe(303);
  await expectNothingChanged(victim);
  // The browser that made the change is still signed in, on a new session…
  expect(browser.cookie).not.toBe(victim.browser.cookie);
  const page = await browser.invoke("/tasks");
  expect(page.status).toBe(200);
  expect(page.text).toContain(victim.taskTitle);
  // …and a copy of its old cookie is not.
  expect((await victim.browser.invoke("/tasks")).status).toBe(303);
  await expectOwnerGetsIn(victim);
});

test("a token refreshed from a refresh token stolen before a password change is refused by the API", async () => {
  // Cognito keeps auth_time (when the password was typed) in tokens minted by a refresh. The
  // emulator mints a new one, so the refreshed token is made here as Cognito would make it.
  const victim = await newVictim();
  const stolen = (await tokensFor(victim.email, TEST_PASSWORD)).accessToken;
  const { header, payload } = decodeJwt(stolen);
  const refreshedLater = (authTime: number) =>
    signJwt(
      header,
      {
        ...payload,
        auth_time: authTime,
        iat: Math.floor(Date.now() / 1000) + 1,
        exp: Math.floor(Date.now() / 1000) + 600,
      },
      emulatorSigningKey(),
    );
  expect((await api("GET", "/api/v1/tasks", { token: refreshedLater(Number(payload.auth_time)) })).status).toBe(200);

  await changePassword(victim);
  const { list, plant } = await attackWithToken(refreshedLater(Number(payload.auth_time)));

  expectRefused(list);
  expectRefused(plant);
  await expectNothingChanged(victim);
  await expectOwnerGetsIn(victim);
});

test("a token from a sign-in in the boundary second works; one from the second of the reset does not", async () => {
  // tokensValidAfter and auth_time are whole seconds. A reset sets the boundary to the second
  // after its own: a token from the reset's own second may be a thief's, minted just before.
  const victim = await newVictim();
  const { header, payload } = decodeJwt((await tokensFor(victim.email, TEST_PASSWORD)).accessToken);
  await resetPassword(victim.email);
  const validAfter = (await getAccount(victim.sub))?.tokensValidAfter;
  expect(validAfter).toEqual(expect.any(Number));
  expect(Number(validAfter)).toBeGreaterThan(Number(payload.auth_time));
  const signedInAt = (authTime: number) =>
    signJwt(
      header,
      { ...payload, auth_time: authTime, iat: authTime, exp: Math.floor(Date.now() / 1000) + 600 },
      emulatorSigningKey(),
    );

  const sameSecond = await api("GET", "/api/v1/tasks", { token: signedInAt(Number(validAfter)) });
  const secondBefore = await api("GET", "/api/v1/tasks", { token: signedInAt(Number(validAfter) - 1) });

  expect(sameSecond.status, sameSecond.body).toBe(200);
  expectRefused(secondBefore);
});

test("a password change puts the boundary at its own new sign-in, a second after any token of the old password", async () => {
  const victim = await newVictim();
  const before = Number(decodeJwt((await tokensFor(victim.email, TEST_PASSWORD)).accessToken).payload.auth_time);

  const browser = await changePassword(victim);
  const validAfter = Number((await getAccount(victim.sub))?.tokensValidAfter);

  // The kept session's token, minted in the boundary second itself (by Cognito's clock, so no
  // skew with ours), is accepted; the last token of the old password is a whole second older.
  expect(validAfter).toBeGreaterThan(before);
  expect((await browser.invoke("/account")).status).toBe(200);
  const fresh = (await tokensFor(victim.email, NEW_PASSWORD)).accessToken;
  expect(Number(decodeJwt(fresh).payload.auth_time)).toBeGreaterThanOrEqual(validAfter);
  expect((await api("GET", "/api/v1/tasks", { token: fresh })).status).toBe(200);
});

test("a stolen cookie and a stolen token both stop working after the owner signs out everywhere", async () => {
  const victim = await newVictim();
  const stolen = (await tokensFor(victim.email, TEST_PASSWORD)).accessToken;
  const thief = await signIn(victim.email, TEST_PASSWORD);

  const out = await victim.browser.invoke("/logout", { form: { intent: "everywhere" } });
  const { list, plant } = await attackWithToken(stolen);

  expect(out.status).toBe(303);
  expect(out.headers.location).toBe("/login?notice=signed-out-everywhere");
  expect((await invoke(out.headers.location ?? "")).text).toContain("You have signed out everywhere");
  expect((await thief.invoke("/tasks")).status).toBe(303);
  expect((await victim.browser.invoke("/tasks")).status).toBe(303);
  expectRefused(list);
  expectRefused(plant);
  await expectNothingChanged(victim);
  // Signing out everywhere keeps the password: the owner signs straight back in with it.
  await expectOwnerGetsIn(victim, TEST_PASSWORD);
});

test("signing out everywhere without a session, or with a stolen copy of nobody's cookie, changes nothing", async () => {
  const victim = await newVictim();
  const stranger = await invoke("/logout", { form: { intent: "everywhere" } });
  const forged = await invoke("/logout", { form: { intent: "everywhere" }, cookies: ["session=forged.value"] });

  expect(stranger.status).toBe(303);
  expect(stranger.headers.location).toBe("/login?notice=signed-out");
  expect(forged.status).toBe(303);
  expect((await victim.browser.invoke("/tasks")).status).toBe(200);
  expect((await getAccount(victim.sub))?.tokensValidAfter).toBeUndefined();
});
