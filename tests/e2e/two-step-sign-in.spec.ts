import { totpCode, wrongTotpCode } from "#tests/support/totp.ts";
import { flash } from "./support/app.ts";
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
  await expect(flash(page)).toContainText("Two-step sign-in is on.", AFTER_SUBMIT);
  await expect(status).toContainText("On.");

  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
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
