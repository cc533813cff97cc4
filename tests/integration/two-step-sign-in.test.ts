import { AdminCreateUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { renderSVG } from "uqr";
import { afterEach, expect, test, vi } from "vitest";
import { otpauthUri } from "#src/auth/two-step-service.ts";
import { emulatorClient, newEmail } from "#tests/support/cognito.ts";
import {
  TEST_PASSWORD,
  invoke,
  newSignedInUser,
  sessionCookieFrom,
  type LambdaResponse,
  type SignedInUser,
} from "#tests/support/lambda-client.ts";
import { totpCode, wrongTotpCode } from "#tests/support/totp.ts";

// Two-step sign-in through the built Lambda, against the Cognito emulator, which checks TOTP
// codes against the secret it issued (otplib, ±1 step): the codes here are computed from the
// key the account page shows, as an authenticator app would.

afterEach(() => {
  vi.useRealTimers();
});

function challengeCookieFrom(response: LambdaResponse): string | undefined {
  return response.cookies.find((cookie) => cookie.startsWith("signin-challenge="))?.split(";")[0];
}

/** What a reader sees: the decoded text without its tags. */
function shown(response: LambdaResponse): string {
  return response.text.replace(/<[^>]+>/g, "");
}

function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden ${name} field`);
  return match[1];
}

function shownSecret(text: string): string {
  const match = /data-testid="two-step-secret"[^>]*>([A-Z2-7 ]+)</.exec(text);
  if (!match?.[1]) throw new Error("no key on the page");
  return match[1].replace(/ /g, "");
}

function shownRecoveryCodes(response: LambdaResponse): string[] {
  return [...response.text.matchAll(/<li class="select-all">([0-9A-Z]{5}-[0-9A-Z]{5})<\/li>/g)].map(
    (m) => m[1] as string,
  );
}

/** Account page: password → key shown → first code → on. Returns the key. */
async function turnOnTwoStep(user: SignedInUser): Promise<string> {
  const started = await user.invoke("/account", { form: { intent: "start-two-step", password: user.password } });
  expect(started.status).toBe(200);
  const secret = shownSecret(started.text);
  const token = hiddenValue(started.body, "setup");
  const confirmed = await user.invoke("/account", {
    form: { intent: "confirm-two-step", setup: token, code: totpCode(secret) },
  });
  expect(confirmed.status).toBe(200);
  return secret;
}

test("two-step sign-in: set up on the account page, then sign-in asks for the app's code", async () => {
  const user = await newSignedInUser();
  const before = await user.invoke("/account");
  expect(shown(before)).toContain("Off. Add a second step to signing in");

  // Set up, with the password: the key is shown as text and as an otpauth:// URI for the app.
  const started = await user.invoke("/account", { form: { intent: "start-two-step", password: user.password } });
  expect(started.status).toBe(200);
  const secret = shownSecret(started.text);
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  expect(started.text).toContain(
    `otpauth://totp/Task%20Tracker:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Task%20Tracker`,
  );
  const token = hiddenValue(started.body, "setup");
  // And as a QR code of exactly that URI, drawn on the server (no script needed to show it).
  expect(started.body).toContain(
    `aria-label="QR code of the key, for your authenticator app">${renderSVG(otpauthUri(user.email, secret), { border: 2 })}</div>`,
  );

  // A wrong first code is refused, the same key is shown again, and nothing is turned on.
  const wrong = await user.invoke("/account", {
    form: { intent: "confirm-two-step", setup: token, code: wrongTotpCode(secret) },
  });
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("That code is not right.");
  expect(shownSecret(wrong.text)).toBe(secret);
  expect(shown(await user.invoke("/account"))).toContain("Off. Add a second step");

  const right = await user.invoke("/account", {
    form: { intent: "confirm-two-step", setup: token, code: totpCode(secret) },
  });
  // Not a redirect: the answer itself shows the recovery codes, once.
  expect(right.status).toBe(200);
  expect(shown(right)).toContain("Two-step sign-in is on.");
  expect(shownRecoveryCodes(right)).toHaveLength(10);
  expect(shown(await user.invoke("/account"))).toContain("On. Signing in asks for your password and a code");

  expect((await user.invoke("/logout", { method: "POST", form: {} })).status).toBe(303);

  // The password alone opens no session: it leads to the code form, with a sealed challenge.
  const password = await invoke("/login", {
    form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/board" },
  });
  expect(password.status).toBe(303);
  expect(password.headers.location).toBe("/login/code");
  expect(sessionCookieFrom(password)).toBeUndefined();
  const challenge = challengeCookieFrom(password);
  expect(challenge).toBeDefined();
  expect(password.cookies.join(" ")).toMatch(/signin-challenge=.*HttpOnly/i);
  // Cognito's session string never reaches the browser readable.
  expect(
    Buffer.from(decodeURIComponent((challenge as string).split("=")[1] as string), "base64").toString(),
  ).not.toMatch(/USER_ID_FOR_SRP|session/i);

  const form = await invoke("/login/code", { cookies: [challenge as string] });
  expect(form.status).toBe(200);
  expect(shown(form)).toContain("Enter the 6-digit code from your authenticator app.");
  expect(form.text).toContain(user.email);

  const refused = await invoke("/login/code", {
    cookies: [challenge as string],
    form: { code: wrongTotpCode(secret) },
  });
  expect(refused.status).toBe(400);
  expect(refused.text).toContain("That code is not right.");
  expect(sessionCookieFrom(refused)).toBeUndefined();
  const malformed = await invoke("/login/code", { cookies: [challenge as string], form: { code: "12a" } });
  expect(malformed.status).toBe(400);
  expect(malformed.text).toContain("Enter the 6-digit code your authenticator app shows.");

  // The same challenge can be answered again after a mistake.
  const accepted = await invoke("/login/code", { cookies: [challenge as string], form: { code: totpCode(secret) } });
  expect(accepted.status).toBe(303);
  expect(accepted.headers.location).toBe("/board");
  const session = sessionCookieFrom(accepted);
  expect(session).toBeDefined();
  expect(accepted.cookies.join("\n")).toMatch(/signin-challenge=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
  const account = await invoke("/account", { cookies: [session as string] });
  expect(account.status).toBe(200);
  expect(account.text).toContain(user.email);
});

test("two-step sign-in is turned off only with the password; then the password alone signs in", async () => {
  const user = await newSignedInUser();
  await turnOnTwoStep(user);

  const noPassword = await user.invoke("/account", { form: { intent: "turn-off-two-step", password: "" } });
  const wrongPassword = await user.invoke("/account", {
    form: { intent: "turn-off-two-step", password: "Not-the-password-1" },
  });
  expect(noPassword.status).toBe(400);
  expect(noPassword.text).toContain("Enter your password.");
  expect(wrongPassword.status).toBe(400);
  expect(wrongPassword.text).toContain("That is not your password.");
  expect(wrongPassword.body).not.toContain("Not-the-password-1");
  expect(shown(await user.invoke("/account"))).toContain("On. Signing in asks");
  expect((await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } })).headers.location).toBe(
    "/login/code",
  );

  const off = await user.invoke("/account", { form: { intent: "turn-off-two-step", password: TEST_PASSWORD } });
  expect(off.status).toBe(303);
  expect(shown(await user.invoke("/account"))).toContain("Off. Add a second step");
  const signIn = await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } });
  expect(signIn.status).toBe(303);
  expect(signIn.headers.location).toBe("/tasks");
  expect(sessionCookieFrom(signIn)).toBeDefined();
});

test("a code entered after Cognito's 3 minutes, or with no or a forged challenge, sends the user back to sign in", async () => {
  const user = await newSignedInUser();
  const secret = await turnOnTwoStep(user);
  const password = await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } });
  const challenge = challengeCookieFrom(password) as string;

  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 181_000 });
  const late = await invoke("/login/code", { cookies: [challenge], form: { code: totpCode(secret) } });
  const lateForm = await invoke("/login/code", { cookies: [challenge] });
  vi.useRealTimers();

  expect(late.status).toBe(303);
  expect(late.headers.location).toBe(
    `/login?${new URLSearchParams({ notice: "two-step-expired", email: user.email })}`,
  );
  expect(sessionCookieFrom(late)).toBeUndefined();
  expect(lateForm.status).toBe(303);
  const back = await invoke(late.headers.location as string);
  expect(shown(back)).toContain("That sign-in took too long to finish");
  expect(back.body).toContain(`value="${user.email}"`);

  const forged = `${challenge.slice(0, -6)}AAAAAA`;
  const none = await invoke("/login/code", { form: { code: totpCode(secret) } });
  const tampered = await invoke("/login/code", { cookies: [forged], form: { code: totpCode(secret) } });
  const opened = await invoke("/login/code");
  for (const response of [none, tampered]) {
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe("/login?notice=two-step-expired");
    expect(sessionCookieFrom(response)).toBeUndefined();
  }
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toBe("/login");
});

test("a sign-in step the app does not offer (a new password required) gets its own clear message", async () => {
  const email = newEmail();
  const client = emulatorClient();
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: process.env.COGNITO_USER_POOL_ID,
      Username: email,
      TemporaryPassword: TEST_PASSWORD,
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: email }],
    }),
  );
  client.destroy();

  const response = await invoke("/login", { form: { email, password: TEST_PASSWORD } });

  expect(response.status).toBe(400);
  expect(response.text).toContain("This account needs a sign-in step Task Tracker does not offer.");
  expect(sessionCookieFrom(response)).toBeUndefined();
  expect(challengeCookieFrom(response)).toBeUndefined();
});

test("recovery codes: ten shown once at turn-on, stored only hashed, one signs in and turns two-step sign-in off", async () => {
  const user = await newSignedInUser();
  const started = await user.invoke("/account", { form: { intent: "start-two-step", password: user.password } });
  const secret = shownSecret(started.text);
  const confirmed = await user.invoke("/account", {
    form: { intent: "confirm-two-step", setup: hiddenValue(started.body, "setup"), code: totpCode(secret) },
  });
  const codes = shownRecoveryCodes(confirmed);
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  // A plain-text download that needs no script and no second request.
  const download = /href="(data:text\/plain;charset=utf-8,[^"]+)" download="task-tracker-recovery-codes.txt"/.exec(
    confirmed.body,
  );
  expect(decodeURIComponent((download?.[1] as string).replace(/&amp;/g, "&").split(",").slice(1).join(","))).toContain(
    codes.join("\n"),
  );

  // Shown once: the page afterwards gives only the count.
  const account = await user.invoke("/account");
  expect(shownRecoveryCodes(account)).toEqual([]);
  expect(shown(account)).toContain("10 of 10 recovery codes left.");
  for (const code of codes) expect(account.body).not.toContain(code);

  // A recovery sign-in from the code form's link: any case, spaces or a missing dash will do.
  const password = await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } });
  const challenge = challengeCookieFrom(password) as string;
  expect((await invoke("/login/code", { cookies: [challenge] })).body).toContain('href="/login/recovery"');
  const form = await invoke("/login/recovery", { cookies: [challenge] });
  expect(form.status).toBe(200);
  expect(form.body).toContain(`value="${user.email}"`);
  const typed = ` ${(codes[3] as string).replace("-", " ").toLowerCase()} `;
  const wrong = await invoke("/login/recovery", {
    cookies: [challenge],
    form: { email: user.email, password: TEST_PASSWORD, recoveryCode: "0000000000" },
  });
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("That recovery code is not right, or it was already used.");
  const malformed = await invoke("/login/recovery", {
    form: { email: user.email, password: TEST_PASSWORD, recoveryCode: "12" },
  });
  expect(malformed.status).toBe(400);
  expect(malformed.text).toContain("Enter a recovery code as it was given");
  const recovered = await invoke("/login/recovery", {
    cookies: [challenge],
    form: { email: user.email, password: TEST_PASSWORD, recoveryCode: typed },
  });
  expect(recovered.status).toBe(303);
  expect(recovered.headers.location).toBe("/account#two-step");
  const session = sessionCookieFrom(recovered) as string;
  expect(recovered.cookies.join("\n")).toMatch(/signin-challenge=;/);

  // On arrival: a notice saying why two-step sign-in is off, and the set-up form.
  const flash = recovered.cookies.filter((cookie) => cookie.startsWith("flash=")).map((c) => c.split(";")[0] as string);
  const arrival = await invoke("/account", { cookies: [session, ...flash] });
  expect(shown(arrival)).toContain("You signed in with a recovery code, so two-step sign-in is now off");
  expect(shown(arrival)).toContain("Off. Add a second step");
  // And the password alone signs in now, until it is set up again.
  expect((await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } })).headers.location).toBe(
    "/tasks",
  );
});

test("a new set of recovery codes needs the password, replaces the old set, and the page counts what is left", async () => {
  const user = await newSignedInUser();
  await turnOnTwoStep(user);
  const wrong = await user.invoke("/account", { form: { intent: "renew-recovery-codes", password: "Not-it-123" } });
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("That is not your password.");

  const renewed = await user.invoke("/account", { form: { intent: "renew-recovery-codes", password: user.password } });
  expect(renewed.status).toBe(200);
  expect(shown(renewed)).toContain("Here is your new set of recovery codes. The old ones no longer work.");
  const codes = shownRecoveryCodes(renewed);
  expect(codes).toHaveLength(10);
  expect(
    (
      await invoke("/login/recovery", {
        form: { email: user.email, password: TEST_PASSWORD, recoveryCode: codes[0] as string },
      })
    ).status,
  ).toBe(303);
});
