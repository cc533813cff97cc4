import { expect, test } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";

// Issue 26, item 8: the user chooses where signing in lands, All tasks or Today.

test("choosing Today as the start page makes the next sign-in land on Today", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "start-page");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Start page" });
  await expect(section.getByRole("radio", { name: "All tasks" })).toBeChecked();

  await section.getByRole("radio", { name: /^Today/ }).check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(flash(page)).toHaveText("Saved your settings.");
  await expect(section.getByRole("radio", { name: /^Today/ })).toBeChecked();
  await expectNoAxeViolations(page, testInfo, "account page with the start page set to Today");

  await page.getByRole("region", { name: "Your account" }).getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tasks\?due=today$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
});
