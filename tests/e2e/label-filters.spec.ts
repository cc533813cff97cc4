import { expect, test, type Page } from "./support/test.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedList, seedTasks, seedTasksIn, signedInUser } from "./support/seed.ts";
import { todayIn } from "#src/tasks/task-dates.ts";

// A label's view says it is one and offers its way out, as a search does: "Clear label" keeps
// the view's other parameters (status, search, Today), with and without JavaScript.

function rowTitles(page: Page) {
  return page.getByRole("main").getByRole("listitem").getByRole("heading", { level: 3 });
}

test("a list's label view clears its label and keeps its status and search", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "label-clear");
  const listId = await seedList(user, "Home");
  await seedTasksIn(user, listId, [
    { title: "Milk for the cat", labels: "errand" },
    { title: "Milk the plan" },
    { title: "Milk bottles back", labels: "errand", status: "done" },
  ]);

  await page.goto(`/lists/${listId}?status=todo&q=milk&label=errand`);
  await expect(rowTitles(page)).toHaveText(["Milk for the cat"]);
  await expect(page.getByText("Only tasks labelled @errand.")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "a label view with its Clear label link");

  await page.getByRole("link", { name: "Clear label" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${listId}\\?status=todo&q=milk$`));
  await expect(rowTitles(page)).toHaveText(["Milk the plan", "Milk for the cat"]);
  await expect(page.getByRole("link", { name: "Clear label" })).toHaveCount(0);
  // The search's own way out is still there.
  await expect(page.getByRole("link", { name: "Clear search" })).toBeVisible();
});

test("Today's label view clears back to Today", async ({ page }) => {
  const user = await signedInUser(page, "label-today");
  const today = todayIn("UTC");
  await seedTasks(user, [
    { title: "Post the letter", labels: "errand", dueDate: today },
    { title: "Call the bank", dueDate: today },
  ]);

  await page.goto("/tasks?due=today&label=errand");
  await expect(rowTitles(page)).toHaveText(["Post the letter"]);
  await page.getByRole("link", { name: "Clear label" }).click();
  await expect(page).toHaveURL(/\/tasks\?due=today$/);
  await expect(rowTitles(page)).toHaveCount(2);
  await expect(rowTitles(page).filter({ hasText: "Call the bank" })).toHaveCount(1);
});

test("a search inside a label view keeps the label", async ({ page }) => {
  const user = await signedInUser(page, "label-search");
  const listId = await seedList(user, "Home");
  await seedTasksIn(user, listId, [
    { title: "Milk for the cat", labels: "errand" },
    { title: "Milk the plan" },
    { title: "Stamps", labels: "errand" },
  ]);

  await page.goto(`/lists/${listId}?label=errand`);
  await expect(rowTitles(page)).toHaveText(["Stamps", "Milk for the cat"]);
  await page.getByRole("searchbox", { name: "Search tasks" }).fill("milk");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${listId}\\?label=errand&q=milk$`));
  await expect(rowTitles(page)).toHaveText(["Milk for the cat"]);
  await expect(page.getByRole("link", { name: "Clear label" })).toBeVisible();
});
