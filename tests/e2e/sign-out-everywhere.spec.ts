import { expect, test } from "./support/test.ts";
import { createUser, signInAs } from "./support/seed.ts";

test("Sign out everywhere on the account page ends this session and every other, and the password still signs in", async ({
  page,
  browser,
}) => {
  test.slow();
  const account = await createUser("everywhere");
  await signInAs(page, account);
  // Another device (or someone who copied a cookie), signed in to the same account.
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signInAs(otherPage, account);
  await otherPage.goto("/tasks");
  await expect(otherPage).toHaveURL(/\/tasks$/);

  await page.goto("/account");
  const section = page.getByRole("region", { name: "Sessions" });
  await expect(section.getByText("Signs you out on every device, this one too")).toBeVisible();
  await section.getByRole("button", { name: "Sign out everywhere" }).click();

  // Ending every session is several writes and a redirect: under a CI machine's load, each of
  // the three requests took 1 to 4 s once, 10.5 s in all, so this step waits longer than most.
  await expect(page).toHaveURL(/\/login\?notice=signed-out-everywhere$/, { timeout: 30_000 });
  await expect(page.getByText("You have signed out everywhere")).toBeVisible();
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftasks$/);
  await otherPage.goto("/tasks");
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Ftasks$/);
  await elsewhere.close();

  // Nothing was changed but the sessions: the owner signs straight back in with the same password.
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
