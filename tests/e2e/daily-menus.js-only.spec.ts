import { expect, test, type Page } from "./support/test.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// With JavaScript the open menu (a row's status or priority, the sort) also closes on Escape and
// on a click outside it (issue 26).

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

test("Escape and a click outside close a row menu and the sort menu", async ({ page }) => {
  const user = await signedInUser(page, "menus-close");
  await seedTasks(user, [{ title: "Second" }, { title: "First" }]);
  await page.goto("/tasks");

  const statusButton = row(page, "First").getByLabel(/^Status of “First”/);
  const inProgress = row(page, "First").getByRole("button", { name: "In progress" });
  await statusButton.click();
  await expect(inProgress).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(inProgress).toBeHidden();
  await expect(statusButton).toBeFocused();

  await row(page, "Second")
    .getByLabel(/^Priority of “Second”/)
    .click();
  const urgent = row(page, "Second").getByRole("button", { name: "Urgent" });
  await expect(urgent).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(urgent).toBeHidden();

  const sort = page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Priority" });
  await page.getByText("Sort:").click();
  await expect(sort).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sort).toBeHidden();
  await page.getByText("Sort:").click();
  await expect(sort).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(sort).toBeHidden();
});
