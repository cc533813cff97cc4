import { randomInt } from "node:crypto";
import { AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterEach, expect, test, vi } from "vitest";
import { getRecoveryCodes } from "#src/accounts/recovery-code-repository.ts";
import { useRecoveryCode } from "#src/accounts/recovery-codes.ts";
import { createConfirmedUser, emulatorClient, newEmail } from "#tests/support/cognito.ts";
import {
  TEST_PASSWORD,
  invoke,
  sessionCookieFrom,
  type LambdaResponse,
  type SignedInUser,
} from "#tests/support/lambda-client.ts";
import { totpCode } from "#tests/support/totp.ts";

// The attacker's view of two-step sign-in: someone holding a copy of the owner's session
// cookie (from a shared computer, a leaked HAR file, malware) but not the password, and
// someone holding a recovery code. Each case asserts that nothing changed and that the owner
// can still sign in. Through the built Lambda, the local DynamoDB and the Cognito emulator,
// with our sign-in limits on (small per address, so the thief's address runs out first).
Object.assign(process.env, {
  RATE_LIMITS: "on",
  RATE_LIMIT_SIGNIN_EMAIL: "100/15m",
  RATE_LIMIT_SIGNIN_IP: "4/15m",
});

afterEach(() => {
  vi.useRealTimers();
});

/** A fresh address from the benchmarking range for each party, so tests never share counters. */
function newAddress(): string {
  return `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** The owner: an account, signed in from the owner's own address. */
async function newSignedInUser(): Promise<SignedInUser> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const login = await invoke("/login", { form: { email, password: TEST_PASSWORD }, sourceIp: newAddress() });
  const cookie = sessionCookieFrom(login) as string;
  expect(cookie).toBeDefined();
  return {
    email,
    password: TEST_PASSWORD,
    cookie,
    invoke: (target, options = {}) =>
      invoke(target, { sourceIp: newAddress(), ...options, cookies: [...(options.cookies ?? []), cookie] }),
  };
}

/** The owner's cookie, replayed by someone else from their own address. */
function thiefWith(owner: SignedInUser) {
  const ip = newAddress();
  return (form: Record<string, string>) => invoke("/account", { cookies: [owner.cookie], form, sourceIp: ip });
}

function shown(response: LambdaResponse): string {
  return response.text.replace(/<[^>]+>/g, "");
}

function shownSecret(response: LambdaResponse): string | undefined {
  return /data-testid="two-step-secret"[^>]*>([A-Z2-7 ]+)</.exec(response.text)?.[1]?.replace(/ /g, "");
}

function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden ${name} field`);
  return match[1];
}

function shownRecoveryCodes(response: LambdaResponse): string[] {
  return [...response.text.matchAll(/<li class="select-all">([0-9A-Z]{5}-[0-9A-Z]{5})<\/li>/g)].map(
    (m) => m[1] as string,
  );
}

function recoveryCodesLeft(page: LambdaResponse): string {
  return /data-testid="recovery-codes-left">([^<]*)</.exec(page.text)?.[1] ?? "(none shown)";
}

/** Signing in with the password and a recovery code, from an address of its own. */
function recoverySignIn(email: string, password: string, recoveryCode: string, ip = newAddress()) {
  return invoke("/login/recovery", { form: { email, password, recoveryCode }, sourceIp: ip });
}

/** The owner turns two-step sign-in on, with the password, as the account page asks. */
async function ownerTurnsOnTwoStep(owner: SignedInUser): Promise<{ secret: string; page: LambdaResponse }> {
  const started = await owner.invoke("/account", {
    form: { intent: "start-two-step", password: owner.password },
    sourceIp: newAddress(),
  });
  expect(started.status).toBe(200);
  const secret = shownSecret(started) as string;
  const confirmed = await owner.invoke("/account", {
    form: { intent: "confirm-two-step", setup: hiddenValue(started.body, "setup"), code: totpCode(secret) },
  });
  expect(confirmed.status).toBe(200);
  return { secret, page: confirmed };
}

/** The password alone still opens a session: two-step sign-in is off. */
async function expectOwnerSignsInWithPasswordOnly(owner: SignedInUser): Promise<void> {
  const signIn = await invoke("/login", {
    form: { email: owner.email, password: TEST_PASSWORD },
    sourceIp: newAddress(),
  });
  expect(signIn.status).toBe(303);
  expect(signIn.headers.location).toBe("/tasks");
  expect(sessionCookieFrom(signIn)).toBeDefined();
  expect(shown(await owner.invoke("/account"))).toContain("Off. Add a second step");
}

/** The password and a code from the owner's own app open a session. */
async function expectOwnerSignsInWithApp(owner: SignedInUser, secret: string): Promise<void> {
  const password = await invoke("/login", {
    form: { email: owner.email, password: TEST_PASSWORD },
    sourceIp: newAddress(),
  });
  expect(password.headers.location).toBe("/login/code");
  const challenge = password.cookies.find((cookie) => cookie.startsWith("signin-challenge="))?.split(";")[0];
  const code = await invoke("/login/code", { cookies: [challenge as string], form: { code: totpCode(secret) } });
  expect(code.status).toBe(303);
  expect(sessionCookieFrom(code)).toBeDefined();
}

test("a stolen cookie cannot turn on two-step sign-in without the password", async () => {
  const owner = await newSignedInUser();
  const thief = thiefWith(owner);

  const noPassword = await thief({ intent: "start-two-step" });
  const wrongPassword = await thief({ intent: "start-two-step", password: "Guess-number-1" });

  expect(noPassword.status).toBe(400);
  expect(noPassword.text).toContain("Enter your password.");
  expect(wrongPassword.status).toBe(400);
  expect(wrongPassword.text).toContain("That is not your password.");
  // No key was issued to copy into an authenticator app.
  for (const response of [noPassword, wrongPassword]) expect(shownSecret(response)).toBeUndefined();
  await expectOwnerSignsInWithPasswordOnly(owner);
});

test("a stolen cookie cannot confirm a set-up it was never shown", async () => {
  const owner = await newSignedInUser();
  const thief = thiefWith(owner);

  const none = await thief({ intent: "confirm-two-step", code: "123456" });
  const forged = await thief({ intent: "confirm-two-step", setup: "JBSWY3DPEHPK3PXP~1.AAAA", code: "123456" });

  for (const response of [none, forged]) {
    expect(response.status).toBe(400);
    expect(response.text).toContain("That set-up took too long or was not started here.");
  }
  await expectOwnerSignsInWithPasswordOnly(owner);
});

test("a key left on the owner's screen cannot be confirmed once its 15 minutes are up", async () => {
  const owner = await newSignedInUser();
  const started = await owner.invoke("/account", { form: { intent: "start-two-step", password: owner.password } });
  const secret = shownSecret(started) as string;
  const code = totpCode(secret);

  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 16 * 60_000 });
  const late = await thiefWith(owner)({ intent: "confirm-two-step", setup: hiddenValue(started.body, "setup"), code });
  vi.useRealTimers();

  expect(late.status).toBe(400);
  expect(late.text).toContain("That set-up took too long or was not started here.");
  await expectOwnerSignsInWithPasswordOnly(owner);
});

test("a stolen cookie cannot replace the owner's authenticator app", async () => {
  const owner = await newSignedInUser();
  const { secret } = await ownerTurnsOnTwoStep(owner);
  const thief = thiefWith(owner);

  const replaced = await thief({ intent: "start-two-step", password: "" });

  expect(replaced.status).toBe(400);
  expect(shownSecret(replaced)).toBeUndefined();
  expect(shown(await owner.invoke("/account"))).toContain("On. Signing in asks");
  await expectOwnerSignsInWithApp(owner, secret);
});

test("a stolen cookie cannot turn two-step sign-in off without the password", async () => {
  const owner = await newSignedInUser();
  const { secret } = await ownerTurnsOnTwoStep(owner);
  const thief = thiefWith(owner);

  const off = await thief({ intent: "turn-off-two-step", password: "Guess-number-1" });

  expect(off.status).toBe(400);
  expect(shown(await owner.invoke("/account"))).toContain("On. Signing in asks");
  await expectOwnerSignsInWithApp(owner, secret);
});

test("a stolen cookie's password guesses count against the sign-in limits, and run out", async () => {
  const owner = await newSignedInUser();
  const thiefIp = newAddress();
  const guess = (password: string) =>
    invoke("/account", { cookies: [owner.cookie], form: { intent: "start-two-step", password }, sourceIp: thiefIp });

  for (let attempt = 1; attempt <= 4; attempt++) expect((await guess(`Guess-number-${attempt}`)).status).toBe(400);
  const limited = await guess(TEST_PASSWORD);

  // Past the limit even the right password is refused, so guessing cannot go on from here...
  expect(limited.status).toBe(429);
  expect(limited.headers["retry-after"]).toMatch(/^\d+$/);
  expect(shownSecret(limited)).toBeUndefined();
  // ...and the same counter guards the sign-in form from that address.
  expect(
    (await invoke("/login", { form: { email: owner.email, password: TEST_PASSWORD }, sourceIp: thiefIp })).status,
  ).toBe(429);
  await expectOwnerSignsInWithPasswordOnly(owner);
});

test("a recovery code without the password opens nothing and is not used up", async () => {
  const owner = await newSignedInUser();
  const { secret, page } = await ownerTurnsOnTwoStep(owner);
  const [code] = shownRecoveryCodes(page);

  const refused = await recoverySignIn(owner.email, "Guess-number-1", code as string);

  expect(refused.status).toBe(400);
  expect(sessionCookieFrom(refused)).toBeUndefined();
  expect(recoveryCodesLeft(await owner.invoke("/account"))).toMatch(/^10 of 10 recovery codes left/);
  await expectOwnerSignsInWithApp(owner, secret);
  // The code the guesser had still works for the owner.
  expect((await recoverySignIn(owner.email, TEST_PASSWORD, code as string)).status).toBe(303);
});

test("a used recovery code cannot be used again, nor any code of a set that was replaced", async () => {
  const owner = await newSignedInUser();
  const first = await ownerTurnsOnTwoStep(owner);
  const [used, unused] = shownRecoveryCodes(first.page) as [string, string];
  expect((await recoverySignIn(owner.email, TEST_PASSWORD, used)).status).toBe(303);
  // The owner sets two-step sign-in up again, as the page then asks: a new app key, new codes.
  const again = await ownerTurnsOnTwoStep(owner);

  const reused = await recoverySignIn(owner.email, TEST_PASSWORD, used);
  const fromOldSet = await recoverySignIn(owner.email, TEST_PASSWORD, unused);

  for (const response of [reused, fromOldSet]) {
    expect(response.status).toBe(400);
    expect(response.text).toContain("That recovery code is not right, or it was already used.");
    expect(sessionCookieFrom(response)).toBeUndefined();
  }
  const account = await owner.invoke("/account");
  expect(shown(account)).toContain("On. Signing in asks");
  expect(recoveryCodesLeft(account)).toMatch(/^10 of 10 /);
  await expectOwnerSignsInWithApp(owner, again.secret);
});

test("two uses of the same recovery code at the same moment: exactly one is accepted", async () => {
  const owner = await newSignedInUser();
  const { page } = await ownerTurnsOnTwoStep(owner);
  const [code] = shownRecoveryCodes(page);
  const client = emulatorClient();
  const account = await client.send(
    new AdminGetUserCommand({ UserPoolId: process.env.COGNITO_USER_POOL_ID, Username: owner.email }),
  );
  client.destroy();
  const sub = account.UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value as string;
  const normalised = (code as string).replace("-", "");

  const results = await Promise.all(Array.from({ length: 5 }, () => useRecoveryCode(sub, normalised)));

  expect(results.filter(Boolean)).toHaveLength(1);
  expect(Object.keys(await getRecoveryCodes(sub))).toHaveLength(9);
});

test("a stolen cookie cannot make new recovery codes without the password, so the owner's codes keep working", async () => {
  const owner = await newSignedInUser();
  const { page } = await ownerTurnsOnTwoStep(owner);
  const [code] = shownRecoveryCodes(page);
  const thief = thiefWith(owner);

  const none = await thief({ intent: "renew-recovery-codes" });
  const wrong = await thief({ intent: "renew-recovery-codes", password: "Guess-number-1" });

  expect(none.status).toBe(400);
  expect(none.text).toContain("Enter your password.");
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("That is not your password.");
  for (const response of [none, wrong]) expect(shownRecoveryCodes(response)).toEqual([]);
  expect(recoveryCodesLeft(await owner.invoke("/account"))).toMatch(/^10 of 10 /);
  const recovered = await recoverySignIn(owner.email, TEST_PASSWORD, code as string);
  expect(recovered.status).toBe(303);
  expect(recovered.headers.location).toBe("/account#two-step");
});

test("recovery code guesses count against the sign-in limits, and run out; the owner still gets in", async () => {
  const owner = await newSignedInUser();
  const { page } = await ownerTurnsOnTwoStep(owner);
  const [code] = shownRecoveryCodes(page);
  const guesserIp = newAddress();

  for (let attempt = 1; attempt <= 4; attempt++) {
    const guess = await recoverySignIn(owner.email, TEST_PASSWORD, `ABCDE-${10000 + attempt}`, guesserIp);
    expect(guess.status).toBe(400);
  }
  const limited = await recoverySignIn(owner.email, TEST_PASSWORD, code as string, guesserIp);

  expect(limited.status).toBe(429);
  expect(sessionCookieFrom(limited)).toBeUndefined();
  expect(shown(await owner.invoke("/account"))).toContain("On. Signing in asks");
  // From the owner's own address the same code still works: it was never used up.
  expect((await recoverySignIn(owner.email, TEST_PASSWORD, code as string)).status).toBe(303);
});
