import { totpCode, wrongTotpCode } from "#tests/support/totp.ts";
import { flash, PASSWORD } from "./support/app.ts";
import { expect, test } from "./support/test.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";

// With JavaScript each submission here is an action, a route manifest and a revalidation: up to
// three fresh Lambda processes in a row under arc sandbox (3 s each on a loaded 2-core machine).
const AFTER_SUBMIT = { timeout: 30_000 };

// The whole journey with and without JavaScript: plain form posts carry every step. The codes
// are computed from the key the page shows, as the user's authenticator app would.

test("two-step sign-in: set up from the account page, asked for at sign-in, and turned off", async ({
  page,
}, testInfo) => {
  // Four axe runs and a dozen pages, each a cold sandbox Lambda.
  test.slow();
  const account = await signedInUser(page, "two-step");
  const section = page.getByRole("region", { name: "Two-step sign-in" });
  const status = section.getByTestId("two-step-status");

  await page.goto("/account");
  await expect(status).toContainText("Off.");
  // The password is asked again: a session alone cannot turn this on.
  await section.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await expect(section.getByText("Enter your password.")).toBeVisible(AFTER_SUBMIT);
  await section.getByLabel("Your password, to set it up").fill(account.password);
  await section.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const key = section.getByTestId("two-step-secret");
  await expect(key).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, AFTER_SUBMIT);
  const secret = (await key.innerText()).replace(/\s/g, "");
  await expect(section.getByRole("link", { name: "open the key in your authenticator app" })).toHaveAttribute(
    "href",
    new RegExp(`^otpauth://totp/Task%20Tracker:.+\\?secret=${secret}&`),
  );
  await expectNoAxeViolations(page, testInfo, "two-step set-up");

  const code = section.getByLabel("Code from your authenticator app");
  await code.fill(wrongTotpCode(secret));
  await section.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(section.getByText("That code is not right.")).toBeVisible(AFTER_SUBMIT);
  await expect(code).toHaveAttribute("aria-invalid", "true");
  // The same key again, to try once more.
  await expect(key).toHaveText(new RegExp(`^${secret.slice(0, 4)} `));
  await expectNoAxeViolations(page, testInfo, "two-step set-up with a wrong code");
  await code.fill(totpCode(secret));
  await section.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = section.getByTestId("recovery-codes");
  await expect(codes).toContainText("Two-step sign-in is on.", AFTER_SUBMIT);
  await expect(codes.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await section.getByRole("link", { name: "I have saved them" }).click();
  await expect(status).toContainText("On.", AFTER_SUBMIT);
  await expect(section.getByTestId("recovery-codes-left")).toContainText("10 of 10 recovery codes left.");

  await page.getByRole("main").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible(AFTER_SUBMIT);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/login\/code$/, AFTER_SUBMIT);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await expect(page.getByText(account.email)).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "sign-in code form");
  const signInCode = page.getByLabel("Code from your authenticator app");
  await signInCode.fill(wrongTotpCode(secret));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible(AFTER_SUBMIT);
  await expect(signInCode).toHaveValue("");
  await expectNoAxeViolations(page, testInfo, "sign-in code form with a wrong code");
  await signInCode.fill(totpCode(secret));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/tasks$/, AFTER_SUBMIT);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/account");
  await expect(status).toContainText("On.");
  await section.getByLabel("Your password, to turn it off").fill(account.password);
  await section.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await expect(flash(page)).toContainText("Two-step sign-in is off.", AFTER_SUBMIT);
  await expect(status).toContainText("Off.");
});

test("a lost authenticator: recovery codes shown once at turn-on, and one signs in and asks to set up again", async ({
  page,
}, testInfo) => {
  test.slow();
  const account = await signedInUser(page, "recovery");
  const section = page.getByRole("region", { name: "Two-step sign-in" });

  await page.goto("/account");
  await section.getByLabel("Your password, to set it up").fill(account.password);
  await section.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const key = section.getByTestId("two-step-secret");
  await expect(key).toBeVisible(AFTER_SUBMIT);
  const secret = (await key.innerText()).replace(/\s/g, "");
  await section.getByLabel("Code from your authenticator app").fill(totpCode(secret));
  await section.getByRole("button", { name: "Turn on two-step sign-in" }).click();

  const panel = section.getByTestId("recovery-codes");
  await expect(panel.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible(AFTER_SUBMIT);
  const items = panel.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(items).toHaveCount(10);
  const codes = (await items.allInnerTexts()).map((code) => code.trim());
  await expectNoAxeViolations(page, testInfo, "recovery codes shown once");
  // A plain-text file of the codes, with or without JavaScript.
  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Download as a text file" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("task-tracker-recovery-codes.txt");
  const file = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString("utf8")).toContain(codes.join("\n"));

  await page.getByRole("main").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible(AFTER_SUBMIT);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\/code$/, AFTER_SUBMIT);
  await page.getByRole("link", { name: "Use a recovery code" }).click();

  await expect(page.getByRole("heading", { name: "Use a recovery code" })).toBeVisible(AFTER_SUBMIT);
  await expect(page.getByLabel("Email")).toHaveValue(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Recovery code").fill("ABCDE-12345");
  await page.getByRole("button", { name: "Sign in with the recovery code" }).click();
  await expect(page.getByText("That recovery code is not right, or it was already used.")).toBeVisible(AFTER_SUBMIT);
  await expect(page.getByLabel("Recovery code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo, "recovery code form with a wrong code");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Recovery code").fill(codes[0] as string);
  await page.getByRole("button", { name: "Sign in with the recovery code" }).click();
  await expect(page).toHaveURL(/\/account#two-step$/, AFTER_SUBMIT);
  await expect(flash(page)).toContainText("You signed in with a recovery code, so two-step sign-in is now off");
  await expect(section.getByTestId("two-step-status")).toContainText("Off.");
  await expectNoAxeViolations(page, testInfo, "account page after a recovery sign-in");
});
