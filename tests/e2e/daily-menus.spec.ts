import { expect, test, type Page } from "./support/test.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// The row menus and the sort menu (issue 26): one open at a time, and their items on one line.
// Both work without JavaScript (a <details> group by name, CSS); Escape and a click outside need
// it (daily-menus.js-only.spec.ts).

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

test("opening a menu closes the one open before, and menu items never wrap", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await signedInUser(page, "menus-one");
  await seedTasks(user, [{ title: "Second" }, { title: "First" }]);
  await page.goto("/tasks");

  await row(page, "First")
    .getByLabel(/^Status of “First”/)
    .click();
  const inProgress = row(page, "First").getByRole("button", { name: "In progress" });
  await expect(inProgress).toBeVisible();
  const status = await inProgress.boundingBox();
  const first = await row(page, "First").getByRole("button", { name: "To do" }).boundingBox();
  // One line: "In progress" is as tall as "To do".
  expect(status && first && Math.abs(status.height - first.height) < 1).toBe(true);

  await row(page, "Second")
    .getByLabel(/^Priority of “Second”/)
    .click();
  const none = row(page, "Second").getByRole("button", { name: "No priority" });
  await expect(none).toBeVisible();
  await expect(inProgress).toBeHidden();
  const noneBox = await none.boundingBox();
  const urgentBox = await row(page, "Second").getByRole("button", { name: "Urgent" }).boundingBox();
  expect(noneBox && urgentBox && Math.abs(noneBox.height - urgentBox.height) < 1).toBe(true);

  // On a phone the sort button shows the sort alone ("Sort:" is for screen readers).
  await page.locator("summary", { hasText: "Sort: Newest first" }).click();
  await expect(page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Priority" })).toBeVisible();
  await expect(none).toBeHidden();
});
