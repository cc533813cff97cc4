import { expect, test, type Page } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { signedInUser } from "./support/seed.ts";
import { expectNoAxeViolations } from "./support/axe.ts";

async function fitsWithoutSideways(page: Page, what: string) {
  await page.waitForLoadState("load");
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what} is ${scrollWidth}px wide`).toBeLessThanOrEqual(clientWidth);
}

test("the time zone is set on the account page, and kept", async ({ page }, testInfo) => {
  // Two axe runs (light and dark each) and several round trips through a cold sandbox Lambda.
  test.slow();
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  await signedInUser(page, "time-zone");
  // With JavaScript the page reports the browser's zone (TimeZoneDetector) as it loads; the save
  // below comes after that report, so the page learns a zone is set while showing the error.
  const detected = javaScript
    ? page.waitForResponse(
        (response) => response.url().endsWith("/account.data") && response.request().method() === "POST",
      )
    : undefined;
  await page.goto("/account");
  await detected;
  const timeZone = page.getByRole("combobox", { name: "Time zone" });
  const save = page.getByRole("button", { name: "Save settings" });

  await expect(timeZone).toHaveValue("");
  await expect(page.getByText("Not set: dates and times are shown in UTC.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Account settings", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "account page");

  // A value the list does not offer (without JavaScript: the unchanged placeholder) is refused.
  await save.click();
  await expect(page.getByText("Choose a time zone from the list.")).toBeVisible();
  await expect(timeZone).toHaveAttribute("aria-invalid", "true");
  if (javaScript) await expect(timeZone).toBeFocused();
  await expectNoAxeViolations(page, testInfo, "account page with an error");

  await timeZone.selectOption("Europe/Paris");
  await save.click();
  await expect(flash(page)).toHaveText("Saved your settings.");
  await expect(timeZone).toHaveValue("Europe/Paris");
  await expect(page.getByText("Due dates, “today” and times are shown in this time zone.")).toBeVisible();

  // Detection never replaces a choice: other pages and a reload still have Paris.
  await page.goto("/tasks");
  await page.goto("/account");
  await expect(timeZone).toHaveValue("Europe/Paris");
});

test("the main navigation marks the current place, and the account menu leads to the settings", async ({
  page,
}, testInfo) => {
  test.slow();
  const javaScript = testInfo.project.use.javaScriptEnabled !== false;
  const account = await signedInUser(page, "navigation");
  const nav = page.getByRole("navigation", { name: "Main" });
  const current = nav.locator('[aria-current="page"]');

  // With JavaScript the first page reports the browser's zone; wait for that, which also means
  // the page is hydrated (a click before that may be lost to the router taking over history).
  await page.goto("/tasks");
  await expect(current).toHaveText("All tasks");
  await nav.getByRole("link", { name: "Today" }).click();
  await expect(page).toHaveURL(/\/tasks\?due=today$/);
  await expect(current).toHaveText("Today");
  await expect(nav.getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
  await page.goto("/tasks?status=done");
  await expect(current).toHaveText("All tasks");
  await page.goto("/board");
  await expect(current).toHaveText("Board");
  await page.goto("/account");
  await expect(current).toHaveCount(0);

  const menu = page.locator("details", { has: page.locator("summary", { hasText: "Account" }) });
  const summary = menu.locator("summary");
  const settingsLink = page.getByRole("link", { name: "Account settings" });
  await page.goto("/tasks");
  await expect(settingsLink).toBeHidden();
  await summary.click();
  await expect(menu).toContainText(account.email);
  await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
  if (javaScript) {
    await page.keyboard.press("Escape");
    await expect(settingsLink).toBeHidden();
    await expect(summary).toBeFocused();
    await summary.click();
    await page.getByRole("heading", { level: 1 }).click();
    await expect(settingsLink).toBeHidden();
    await summary.click();
  }
  await settingsLink.click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Account settings", level: 1 })).toBeVisible();
  // A client-side navigation leaves the header in place; the menu must not stay open over the page.
  await expect(settingsLink).toBeHidden();
});

test("the header and the account page fit a 320 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signedInUser(page, "narrow-account-page-with-a-rather-long-address");
  await page.goto("/account");
  await fitsWithoutSideways(page, "account page");
  await page.locator("summary", { hasText: "Account" }).click();
  await fitsWithoutSideways(page, "open account menu");
  const menuBox = await page
    .getByRole("navigation", { name: "Account" })
    .getByRole("button", { name: "Sign out" })
    .boundingBox();
  expect(menuBox && menuBox.x >= 0 && menuBox.x + menuBox.width <= 320, "the menu stays on screen").toBe(true);
});
