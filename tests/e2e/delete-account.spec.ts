import { expect, test } from "./support/test.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { createUser, seedTask, signInAs } from "./support/seed.ts";

// Deleting an account from the account page, with and without JavaScript: the export offered
// first, the password asked again (a wrong one changes nothing), then signed out on the landing
// page with a message, and the account gone (its tasks, its sign-in).

test("a wrong password deletes nothing; the right one deletes the account and lands signed out with a message", async ({
  page,
}, testInfo) => {
  test.slow();
  const account = await createUser("delete-me");
  const user = await signInAs(page, account);
  await seedTask(user, { title: "Water the plants" });

  await page.goto("/account#delete-account");
  const section = page.getByRole("region", { name: "Delete your account" });
  await expect(section.getByRole("link", { name: "Download your tasks as JSON" })).toHaveAttribute(
    "href",
    "/tasks/export.json",
  );
  await expect(section.getByRole("link", { name: "as CSV" })).toHaveAttribute("href", "/tasks/export.csv");

  await section.getByLabel("Your password, to delete your account").fill("Not-my-password-1");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByText("That is not your password.")).toBeVisible();
  await expect(page).toHaveURL(/\/account/);
  await expectNoAxeViolations(page, testInfo, "delete account: wrong password");
  await page.goto("/tasks");
  await expect(page.getByText("Water the plants")).toBeVisible();

  await page.goto("/account#delete-account");
  await section.getByLabel("Your password, to delete your account").fill(account.password);
  await section.getByRole("button", { name: "Delete my account" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Your account is deleted")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "account deleted");
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftasks$/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Incorrect email or password");
});
