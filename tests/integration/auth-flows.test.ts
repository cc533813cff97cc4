import { expect, test } from "vitest";
import { DEMO_EMAIL, DEMO_PASSWORD } from "#src/plugins/cognito-emulator.js";
import { newEmail } from "#tests/support/cognito.ts";
import { taskFields } from "#tests/support/factories.ts";
import {
  HOST,
  TEST_PASSWORD,
  invoke,
  newSignedInUser,
  sessionCookieFrom,
  signIn,
} from "#tests/support/lambda-client.ts";
import { newUser, seedTasks } from "#tests/support/users.ts";

// Each flow through the built Lambda handler, against the local Cognito emulator and DynamoDB.

async function signUpAndConfirm(email: string, password = TEST_PASSWORD) {
  expect((await invoke("/signup", { form: { email, password } })).status).toBe(303);
  expect((await invoke("/signup/confirm", { form: { intent: "confirm", email, code: "123456" } })).status).toBe(303);
}

test("sign-up creates the account and sends the user to confirm it", async () => {
  const email = newEmail();

  const response = await invoke("/signup", { form: { email, password: TEST_PASSWORD } });

  expect(response.status).toBe(303);
  expect(response.headers.location).toBe(`/signup/confirm?${new URLSearchParams({ email })}`);
});

test("sign-up shows the password rules and enforces them in our own code", async () => {
  const page = await invoke("/signup");
  expect(page.text).toContain("At least 10 characters, with at least one letter and one digit.");

  const cases: Array<[string, string]> = [
    ["short1", "Use at least 10 characters."],
    ["onlyletterslong", "Include at least one digit."],
    ["1234567890", "Include at least one letter."],
  ];
  for (const [password, message] of cases) {
    const email = newEmail();
    const response = await invoke("/signup", { form: { email, password } });
    expect(response.status, password).toBe(400);
    expect(response.text).toContain(message);
    expect(response.text).toContain(email);
    expect(response.body).not.toContain(password);
    // Nothing was created: signing up properly afterwards works.
    expect((await invoke("/signup", { form: { email, password: TEST_PASSWORD } })).status).toBe(303);
  }
});

test("sign-up with an invalid email or an existing account is refused with a message", async () => {
  const email = newEmail();
  await signUpAndConfirm(email);

  const invalid = await invoke("/signup", { form: { email: "not-an-email", password: TEST_PASSWORD } });
  const duplicate = await invoke("/signup", { form: { email: email.toUpperCase(), password: TEST_PASSWORD } });

  expect(invalid.status).toBe(400);
  expect(invalid.text).toContain("Enter a valid email address");
  expect(duplicate.status).toBe(400);
  expect(duplicate.text).toContain("An account with this email already exists");
});

test("a wrong confirmation code is refused; the right one confirms and, without a ticket, sends the user to sign in", async () => {
  const email = newEmail();
  await invoke("/signup", { form: { email, password: TEST_PASSWORD } });

  const wrong = await invoke("/signup/confirm", { form: { intent: "confirm", email, code: "654321" } });
  const malformed = await invoke("/signup/confirm", { form: { intent: "confirm", email, code: "12ab" } });
  const right = await invoke("/signup/confirm", { form: { intent: "confirm", email, code: "123 456" } });

  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("That code is not right");
  expect(malformed.status).toBe(400);
  expect(malformed.text).toContain("Enter the 6-digit code");
  expect(right.status).toBe(303);
  expect(right.headers.location).toBe(`/login?${new URLSearchParams({ notice: "confirmed", email })}`);
});

/** The sign-up ticket cookie (`name=value`) a sign-up response sets, for the confirmation. */
function ticketCookieFrom(response: { cookies: string[] }): string {
  const cookie = response.cookies.find((header) => header.startsWith("signup-ticket="));
  if (!cookie) throw new Error(`no sign-up ticket in ${response.cookies.join(" | ")}`);
  expect(cookie).toMatch(/; Path=\/signup;/);
  expect(cookie).toMatch(/HttpOnly/);
  return cookie.split(";")[0] ?? "";
}

test("confirming from the browser that signed up signs the new account in: no second password entry", async () => {
  const email = newEmail();
  const signedUp = await invoke("/signup", { form: { email, password: TEST_PASSWORD } });
  const ticket = ticketCookieFrom(signedUp);
  // The ticket is sealed: the password is not readable in it.
  expect(decodeURIComponent(ticket)).not.toContain(TEST_PASSWORD);

  const confirmed = await invoke("/signup/confirm", {
    form: { intent: "confirm", email, code: "123456" },
    cookies: [ticket],
  });

  expect(confirmed.status).toBe(303);
  expect(confirmed.headers.location).toBe("/tasks");
  const session = sessionCookieFrom(confirmed);
  expect(session).toBeDefined();
  // The ticket is spent: cleared in the same response.
  expect(confirmed.cookies.find((c) => c.startsWith("signup-ticket="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
  const tasks = await invoke("/tasks", {
    cookies: [session ?? "", ...confirmed.cookies.filter((c) => c.startsWith("flash="))].map(
      (c) => c.split(";")[0] ?? "",
    ),
  });
  expect(tasks.status).toBe(200);
  expect(tasks.text).toContain(email);
  expect(tasks.text).toContain("Your email address is confirmed and you are signed in.");
});

test("a ticket for another address, an altered one, or none leaves the user to sign in as before", async () => {
  const email = newEmail();
  const other = newEmail();
  await invoke("/signup", { form: { email, password: TEST_PASSWORD } });
  const otherTicket = ticketCookieFrom(await invoke("/signup", { form: { email: other, password: TEST_PASSWORD } }));
  const [name, value = ""] = otherTicket.split("=");
  const altered = `${name}=${value.slice(0, -6)}${value.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;

  const withOthers = await invoke("/signup/confirm", {
    form: { intent: "confirm", email, code: "123456" },
    cookies: [otherTicket],
  });
  const withAltered = await invoke("/signup/confirm", {
    form: { intent: "confirm", email: other, code: "123456" },
    cookies: [altered],
  });

  for (const [response, address] of [
    [withOthers, email],
    [withAltered, other],
  ] as const) {
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/login?${new URLSearchParams({ notice: "confirmed", email: address })}`);
    expect(sessionCookieFrom(response)).toBeUndefined();
  }
});

test("a new confirmation code can be requested", async () => {
  const email = newEmail();
  await invoke("/signup", { form: { email, password: TEST_PASSWORD } });

  const response = await invoke("/signup/confirm", { form: { intent: "resend", email } });

  expect(response.status).toBe(200);
  expect(response.text).toContain(`We sent a new code to ${email}`);
});

test("signing in before confirming says so and links to the confirmation page", async () => {
  const email = newEmail();
  await invoke("/signup", { form: { email, password: TEST_PASSWORD } });

  const response = await invoke("/login", { form: { email, password: TEST_PASSWORD } });

  expect(response.status).toBe(400);
  expect(response.text).toContain("Please confirm your email address first");
  expect(response.body).toContain("/signup/confirm?email=");
  expect(sessionCookieFrom(response)).toBeUndefined();
});

test("a wrong password and an unknown account get the same message, and no cookie", async () => {
  const email = newEmail();
  await signUpAndConfirm(email);

  const wrongPassword = await invoke("/login", { form: { email, password: "Wrong-password-1" } });
  const unknown = await invoke("/login", { form: { email: newEmail(), password: "Wrong-password-1" } });

  expect(wrongPassword.status).toBe(400);
  expect(unknown.status).toBe(400);
  expect(wrongPassword.text).toContain("Incorrect email or password.");
  expect(unknown.text).toContain("Incorrect email or password.");
  expect(sessionCookieFrom(wrongPassword)).toBeUndefined();
  expect(sessionCookieFrom(unknown)).toBeUndefined();
  expect(wrongPassword.body).not.toContain("Wrong-password-1");
});

test("email addresses are case-insensitive: sign up in capitals, sign in in lower case", async () => {
  const email = newEmail();
  await signUpAndConfirm(email.toUpperCase());

  const user = await signIn(email, TEST_PASSWORD);

  expect((await user.invoke("/tasks")).status).toBe(200);
});

test("the demo account can sign in", async () => {
  const user = await signIn(DEMO_EMAIL, DEMO_PASSWORD);

  const page = await user.invoke("/tasks");

  expect(page.status).toBe(200);
  expect(page.text).toContain(DEMO_EMAIL);
});

test("sign-in sets one HttpOnly, Secure, SameSite=Lax session cookie with a bounded lifetime, and the device cookie", async () => {
  const email = newEmail();
  await signUpAndConfirm(email);

  const response = await invoke("/login", { form: { email, password: TEST_PASSWORD } });

  expect(response.status).toBe(303);
  expect(response.headers.location).toBe("/tasks");
  expect(response.cookies.map((cookie) => cookie.split("=")[0])).toEqual(["session", "device"]);
  const [cookie = "", device = ""] = response.cookies;
  for (const value of [cookie, device]) {
    expect(value).toMatch(/; HttpOnly/i);
    expect(value).toMatch(/; Secure/i);
    expect(value).toMatch(/; SameSite=Lax/i);
    expect(value).toMatch(/; Path=\//i);
  }
  expect(Number(/Max-Age=(\d+)/i.exec(cookie)?.[1])).toBe(7 * 24 * 60 * 60);
  // The cookie carries a session id, never a token.
  expect(cookie).not.toMatch(/eyJ[\w-]+\.eyJ/);
  // The device cookie (docs/security.md: guessing limits) outlives sessions and names no one.
  expect(Number(/Max-Age=(\d+)/i.exec(device)?.[1])).toBe(365 * 24 * 60 * 60);
  const entries = JSON.parse(
    Buffer.from(decodeURIComponent(device.split(";")[0]!.slice("device=".length)), "base64").toString("utf8"),
  ) as string[];
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
  expect(device).not.toContain(email.split("@")[0]);
});

test("sign-in goes back to a local redirectTo, and to /tasks for anything else", async () => {
  const email = newEmail();
  await signUpAndConfirm(email);
  const cases: Array<[string, string]> = [
    ["/tasks?status=done", "/tasks?status=done"],
    ["//evil.example/tasks", "/tasks"],
    ["https://evil.example/", "/tasks"],
    ["/\\evil.example", "/tasks"],
    ["javascript:alert(1)", "/tasks"],
    ["tasks", "/tasks"],
    ["/.//evil.example", "/tasks"],
    ["/%2e//evil.example", "/tasks"],
  ];
  for (const [redirectTo, expected] of cases) {
    const response = await invoke("/login", { form: { email, password: TEST_PASSWORD, redirectTo } });
    expect(response.headers.location, redirectTo).toBe(expected);
  }
});

test("a signed-in user opening /login with a hostile redirectTo stays on this site", async () => {
  const user = await newSignedInUser();

  for (const redirectTo of ["/.//evil.example", "/tasks/..//evil.example", "//evil.example"]) {
    const response = await user.invoke(`/login?${new URLSearchParams({ redirectTo })}`);
    expect(response.status, redirectTo).toBe(303);
    expect(response.headers.location, redirectTo).toBe("/tasks");
  }
});

test("task pages without a session redirect to sign-in and come back afterwards", async () => {
  const list = await invoke("/tasks?status=done");
  const create = await invoke("/tasks", { form: taskFields() });
  const detail = await invoke("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV");

  expect(list.status).toBe(303);
  expect(list.headers.location).toBe(`/login?${new URLSearchParams({ redirectTo: "/tasks?status=done" })}`);
  expect(create.status).toBe(303);
  expect(create.headers.location).toMatch(/^\/login\?redirectTo=/);
  expect(detail.status).toBe(303);
  expect(detail.headers.location).toBe(
    `/login?${new URLSearchParams({ redirectTo: "/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV" })}`,
  );
});

test("the header shows who is signed in and a sign-out button", async () => {
  const user = await newSignedInUser();

  const page = await user.invoke("/tasks");

  expect(page.text).toContain(user.email);
  expect(page.body).toMatch(/<form method="post" action="\/logout"/);
});

test("sign-out ends the session: the old cookie is cleared and a copy of it gets a redirect, never data", async () => {
  const user = await newSignedInUser();
  await user.invoke("/tasks", { form: taskFields({ title: "Private note" }) });

  const logout = await user.invoke("/logout", { method: "POST", form: {} });
  const replay = await user.invoke("/tasks");

  expect(logout.status).toBe(303);
  expect(logout.headers.location).toBe("/login?notice=signed-out");
  expect(logout.cookies[0]).toMatch(/^session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
  expect(replay.status).toBe(303);
  expect(replay.headers.location).toMatch(/^\/login/);
  expect(replay.text).not.toContain("Private note");
});

test("GET /logout changes nothing", async () => {
  const user = await newSignedInUser();

  const response = await user.invoke("/logout");

  expect(response.status).toBe(303);
  expect((await user.invoke("/tasks")).status).toBe(200);
});

test("every sign-in gets a new session id, and the one the browser held before stops working", async () => {
  const first = await newSignedInUser();

  const again = await invoke("/login", {
    form: { email: first.email, password: first.password },
    cookies: [first.cookie],
  });
  const second = sessionCookieFrom(again);

  expect(again.status).toBe(303);
  expect(second).toBeDefined();
  expect(second).not.toBe(first.cookie);
  expect((await invoke("/tasks", { cookies: [second ?? ""] })).status).toBe(200);
  expect((await first.invoke("/tasks")).status).toBe(303);
});

test("forgot-password answers the same for unknown accounts, and a reset code sets a new password", async () => {
  const email = newEmail();
  await signUpAndConfirm(email);
  const newPassword = "Brand-new-pass-7";

  const unknown = await invoke("/forgot-password", { form: { email: newEmail() } });
  const known = await invoke("/forgot-password", { form: { email } });
  const wrongCode = await invoke("/reset-password", { form: { email, code: "000000", password: newPassword } });
  const weak = await invoke("/reset-password", { form: { email, code: "123456", password: "weak" } });
  const reset = await invoke("/reset-password", { form: { email, code: "123456", password: newPassword } });

  expect(unknown.status).toBe(303);
  expect(known.status).toBe(303);
  expect(unknown.headers.location).toMatch(/^\/reset-password\?email=/);
  expect(wrongCode.status).toBe(400);
  expect(wrongCode.text).toContain("That code is not right");
  expect(weak.status).toBe(400);
  expect(weak.text).toContain("Use at least 10 characters.");
  expect(reset.status).toBe(303);
  expect(reset.headers.location).toBe(`/login?${new URLSearchParams({ notice: "reset", email })}`);
  expect((await invoke("/login", { form: { email, password: TEST_PASSWORD } })).status).toBe(400);
  expect((await invoke("/login", { form: { email, password: newPassword } })).status).toBe(303);
});

test("user B gets 404 for user A's task on view, update and delete, and A's task is unchanged", async () => {
  const alice = await newSignedInUser();
  const bob = await newSignedInUser();
  const title = `Alice only ${crypto.randomUUID()}`;
  await alice.invoke("/tasks", { form: taskFields({ title }) });
  const id = /href="\/tasks\/([0-9A-Z]{26})"/.exec((await alice.invoke("/tasks")).body)?.[1] ?? "";

  const view = await bob.invoke(`/tasks/${id}`);
  const update = await bob.invoke(`/tasks/${id}`, {
    form: {
      intent: "update",
      dueDate: "",
      priority: "none",
      title: "Bob was here",
      description: "",
      status: "done",
      version: "1",
    },
  });
  const remove = await bob.invoke(`/tasks/${id}`, { form: { intent: "delete" } });
  const bobsList = await bob.invoke("/tasks");
  const alicesView = await alice.invoke(`/tasks/${id}`);

  expect(view.status).toBe(404);
  expect(update.status).toBe(404);
  expect(remove.status).toBe(404);
  expect(view.text).not.toContain(title);
  expect(bobsList.text).not.toContain(title);
  expect(alicesView.status).toBe(200);
  expect(alicesView.text).toContain(title);
  expect(alicesView.body).toMatch(/name="version" value="1"/);
});

test("a cursor from one user's list is refused in another user's list", async () => {
  const alice = await newUser();
  const bob = await newSignedInUser();
  await seedTasks(
    alice,
    Array.from({ length: 26 }, () => ({})),
  );
  const next =
    /href="(\/tasks\?cursor=[^"]+)"/.exec((await alice.invoke("/tasks")).body)?.[1]?.replace(/&amp;/g, "&") ?? "";

  expect(next).not.toBe("");
  expect((await alice.invoke(next)).status).toBe(200);
  expect((await bob.invoke(next)).status).toBe(400);
});

test("cross-site requests that change data are refused with 403 and change nothing", async () => {
  const user = await newSignedInUser();
  const title = `CSRF ${crypto.randomUUID()}`;
  // An empty value removes the header the test client would otherwise send.
  const attempts: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: "null" },
    { origin: `http://${HOST}` },
    { origin: "", "sec-fetch-site": "cross-site" },
    { origin: "", "sec-fetch-site": "same-site" },
    { origin: "", "sec-fetch-site": "none" },
    { origin: "" },
  ];

  for (const headers of attempts) {
    const response = await user.invoke("/tasks", { form: taskFields({ title }), headers });
    expect(response.status, JSON.stringify(headers)).toBe(403);
  }
  const logout = await user.invoke("/logout", {
    method: "POST",
    form: {},
    headers: { origin: "https://evil.example" },
  });

  expect(logout.status).toBe(403);
  expect((await user.invoke("/tasks")).text).not.toContain(title);
});

test("requests from the app's own pages are accepted", async () => {
  const user = await newSignedInUser();

  const withOrigin = await user.invoke("/tasks", { form: taskFields(), headers: { origin: `https://${HOST}` } });
  const withFetchSite = await user.invoke("/tasks", {
    form: taskFields(),
    headers: { origin: "", "sec-fetch-site": "same-origin" },
  });

  expect(withOrigin.status).toBe(303);
  expect(withFetchSite.status).toBe(303);
});

test("authenticated responses are never cached", async () => {
  const user = await newSignedInUser();
  await user.invoke("/tasks", { form: taskFields() });
  const id = /href="\/tasks\/([0-9A-Z]{26})"/.exec((await user.invoke("/tasks")).body)?.[1] ?? "";

  for (const path of ["/tasks", `/tasks/${id}`, "/tasks.data", `/tasks/${id}.data`]) {
    const response = await user.invoke(path);
    expect(response.status, path).toBe(200);
    expect(response.headers["cache-control"], path).toBe("private, no-store");
  }
});

test("a tampered or unknown session cookie is treated as signed out", async () => {
  const user = await newSignedInUser();
  const value = user.cookie.slice("session=".length);
  const tampered = [
    `session=${value.slice(0, -2)}xx`,
    `session=${Buffer.from(JSON.stringify("made-up-session-id")).toString("base64")}`,
    "session=",
    `session=${"A".repeat(5000)}`,
  ];

  for (const cookie of tampered) {
    const response = await invoke("/tasks", { cookies: [cookie] });
    expect(response.status, cookie.slice(0, 40)).toBe(303);
    expect(response.headers.location).toMatch(/^\/login/);
  }
});

test("the sign-in page ignores unknown notices, including prototype names", async () => {
  for (const notice of ["__proto__", "constructor", "toString", "nope"]) {
    const response = await invoke(`/login?notice=${notice}`);
    expect(response.status, notice).toBe(200);
  }
  expect((await invoke("/login?notice=signed-out")).text).toContain("You have signed out.");
});

test("signing in lands on the start page the user chose, All tasks or Today, unless sent elsewhere", async () => {
  const user = await newSignedInUser();
  const first = await invoke("/login", { form: { email: user.email, password: user.password } });
  expect(first.headers.location).toBe("/tasks");

  const bad = await user.invoke("/account", { form: { intent: "save-start-view", startView: "board" } });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain("Choose All tasks or Today.");
  const saved = await user.invoke("/account", { form: { intent: "save-start-view", startView: "today" } });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe("/account#start-page");
  const account = await user.invoke("/account");
  expect(account.body).toMatch(/<input type="radio" name="startView"[^>]*checked=""[^>]*value="today"/);

  const today = await invoke("/login", { form: { email: user.email, password: user.password } });
  const elsewhere = await invoke("/login", {
    form: { email: user.email, password: user.password, redirectTo: "/board" },
  });
  expect(today.status).toBe(303);
  expect(today.headers.location).toBe("/tasks?due=today");
  expect(elsewhere.headers.location).toBe("/board");
});
