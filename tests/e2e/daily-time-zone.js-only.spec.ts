import { expect, test } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";

// Issue 26, item 13: with JavaScript the zones can be searched by city (without it, the plain
// select: daily-time-zone.spec.ts).

test("typing a city narrows the zones and selects the first match, ready to save", async ({ page }, testInfo) => {
  await signedInUser(page, "zone-search");
  await page.goto("/account");
  const search = page.getByRole("searchbox", { name: "Search by city" });
  const select = page.getByRole("combobox", { name: "Time zone" });

  await search.fill("kyiv");
  await expect(select).toHaveValue("Europe/Kyiv");
  await expect(page.getByRole("status").filter({ hasText: "Europe/Kyiv" })).toContainText("is selected");
  const shown = await select.locator("option:not([hidden])").allTextContents();
  expect(shown.every((label) => label.toLowerCase().includes("kyiv"))).toBe(true);
  await expectNoAxeViolations(page, testInfo, "account page with a time-zone search");

  await search.fill("ho chi");
  await expect(select).toHaveValue("Asia/Ho_Chi_Minh");
  await search.fill("nowhere at all");
  await expect(page.getByText("No zone matches.")).toBeVisible();

  await search.fill("");
  await search.fill("kolkata");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(flash(page)).toHaveText("Saved your settings.");
  await expect(select).toHaveValue("Asia/Kolkata");
});
