import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { findFreePort } from "#src/scripts/local/local-stack.ts";
import { expect, test } from "./support/test.ts";
import { PASSWORD } from "./support/app.ts";
import { createUser } from "./support/seed.ts";

// The owner's browser against a stranger guessing the owner's password. The sandbox the other
// specs use runs with the limits off (they sign up hundreds of users from one address), so this
// spec serves the same built Lambda bundle from a server of its own with the limits on, over the
// same local tables and Cognito emulator.

const root = path.resolve(import.meta.dirname, "../..");
let server: ChildProcess | undefined;
let baseURL = "";

test.beforeAll(async () => {
  const port = await findFreePort();
  server = spawn(
    process.execPath,
    [
      path.join(root, "src/scripts/bench/load-server.ts"),
      path.join(root, "src/http/any-catchall/index.mjs"),
      `${port}`,
    ],
    // ARC_SANDBOX: the browser's origin is http://, as under arc sandbox.
    // The default counts over day-long windows: a fixed window that ended mid-test would restart
    // the count (the limits' own tests cover the 15-minute windows).
    {
      cwd: root,
      env: {
        ...process.env,
        RATE_LIMITS: "on",
        RATE_LIMIT_SIGNIN_EMAIL: "10/24h",
        RATE_LIMIT_SIGNIN_IP: "50/24h",
        RATE_LIMIT_SIGNIN_DEVICE: "10/24h",
        ARC_SANDBOX: "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    server?.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
    server?.on("exit", (code) => reject(new Error(`the server stopped (${code})`)));
  });
  baseURL = `http://127.0.0.1:${port}`;
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

/** A stranger's wrong password, posted as a script would (no cookies, the app's own Origin). */
async function strangerGuess(email: string, attempt: number): Promise<number> {
  const response = await fetch(`${baseURL}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseURL },
    body: new URLSearchParams({ email, password: `Guess-number-${attempt}` }),
    redirect: "manual",
  });
  return response.status;
}

test("the sign-in page makes the browser known, and the owner gets in while a stranger hammers the account", async ({
  page,
  browser,
}) => {
  test.slow();
  const account = await createUser("device");

  // The owner signs in once: the browser gets the device cookie beside the session.
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/tasks`);
  const device = (await page.context().cookies(baseURL)).find((cookie) => cookie.name === "device");
  expect(device).toBeDefined();
  expect(device?.httpOnly).toBe(true);
  expect(device?.sameSite).toBe("Lax");
  // Long-lived: a year, not the session's week.
  expect((device?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 60 * 60 * 1000);
  await page.context().clearCookies({ name: "session" });

  // A stranger spends the email's allowance for unknown browsers (10 per 15 minutes, the
  // owner's first sign-in being one of them), and is refused from then on.
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 12; attempt++) statuses.push(await strangerGuess(account.email, attempt));
  expect(statuses.slice(0, 9)).toEqual(Array<number>(9).fill(400));
  expect(statuses.slice(9)).toEqual([429, 429, 429]);

  // The owner's browser still gets in.
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/tasks`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A browser the account has never seen waits like the stranger, and is told how long: the
  // page's figure and the Retry-After header agree.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`${baseURL}/login`);
  await other.getByLabel("Email").fill(account.email);
  await other.getByLabel("Password").fill(PASSWORD);
  const [refused] = await Promise.all([
    other.waitForResponse((response) => response.request().method() === "POST"),
    other.getByRole("button", { name: "Sign in" }).click(),
  ]);
  expect(refused.status()).toBe(429);
  const alert = other.getByRole("alert");
  await expect(alert).toContainText(/Too many attempts\. Please wait \d+ (minutes?|seconds?) and try again\./);
  // The wait the page states is the Retry-After the response carries, in minutes or (under one) seconds.
  const [, amount, unit] = /wait (\d+) (minute|second)/.exec((await alert.innerText()) ?? "") ?? [];
  const retryAfter = Number(await refused.headerValue("retry-after"));
  expect(Number(amount)).toBe(unit === "second" ? retryAfter : Math.ceil(retryAfter / 60));
  await expect(other).toHaveURL(`${baseURL}/login`);
  await stranger.close();
});
