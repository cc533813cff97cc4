import { expect, test } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { signedInUser } from "./support/seed.ts";

// Issue 26, item 13: the time-zone picker offers the current names, each with its UTC offset.

test("the time-zone picker offers current names with their offsets, and saves them", async ({ page }) => {
  await signedInUser(page, "zones");
  await page.goto("/account");
  const select = page.getByRole("combobox", { name: "Time zone" });

  const labels = await select.locator("option").allTextContents();
  expect(labels).toContain("Asia/Kolkata (UTC+05:30)");
  expect(labels).toContain("Asia/Kathmandu (UTC+05:45)");
  expect(labels.some((label) => /^Europe\/Kyiv \(UTC\+0[23]:00\)$/.test(label))).toBe(true);
  expect(labels.some((label) => label.startsWith("Asia/Ho Chi Minh (UTC+07:00)"))).toBe(true);
  expect(labels.some((label) => /Calcutta|Kiev|Saigon/.test(label))).toBe(false);
  await expect(select.locator("optgroup[label=Asia]")).toHaveCount(1);

  await select.selectOption("Asia/Kolkata");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(flash(page)).toHaveText("Saved your settings.");
  await expect(select).toHaveValue("Asia/Kolkata");
});
