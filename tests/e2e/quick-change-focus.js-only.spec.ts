import { signedInUser, seedTasks } from "./support/seed.ts";
import { expect, test } from "./support/test.ts";

// One-click changes with JavaScript: the page is not reloaded, so closing the menu, keeping
// focus and saying what happened are the page's job (without JavaScript the reloaded page
// shows the message and starts at the top, as any page does).

test("a choice in a row's menu closes the menu, gives focus back to its button and is announced", async ({ page }) => {
  const user = await signedInUser(page, "menu-close");
  await seedTasks(user, [{ title: "Water the plants" }, { title: "Call the bank" }]);
  await page.goto("/tasks");
  const row = page.locator("li[data-task-id]", { hasText: "Water the plants" });
  const summary = row.getByLabel(/^Status of “Water the plants”/);
  await summary.click();
  await row.getByRole("button", { name: "In progress" }).click();

  await expect(row.locator("details[open]")).toHaveCount(0);
  await expect(summary).toBeFocused();
  await expect(page.locator("[data-quick-done]")).toHaveText("Moved “Water the plants” to In progress.");
  await expect(row.getByLabel(/^Status of “Water the plants”: In progress/)).toBeVisible();
});

test("a task done from a filtered list by keyboard leaves focus on the next task, and says so", async ({ page }) => {
  const user = await signedInUser(page, "filtered-focus");
  // Newest first: Third, Second, First.
  await seedTasks(user, [{ title: "First" }, { title: "Second" }, { title: "Third" }]);
  await page.goto("/tasks?status=todo");
  await page.getByRole("button", { name: "Mark “Third” as done" }).focus();
  await page.keyboard.press("Enter");

  await expect(page.locator("li[data-task-id]")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Mark “Second” as done" })).toBeFocused();
  await expect(page.locator("[data-quick-done]")).toHaveText("Moved “Third” to Done.");
});

test("a card moved by keyboard on the board keeps focus in its new column, and says so", async ({ page }) => {
  const user = await signedInUser(page, "board-focus");
  await seedTasks(user, [{ title: "Paint the fence" }, { title: "Fix the gate" }]);
  await page.goto("/board");
  await page.getByRole("button", { name: "Move “Paint the fence” to Done" }).focus();
  await page.keyboard.press("Enter");

  const done = page.getByRole("list", { name: "Done tasks" });
  await expect(done.getByRole("link", { name: "Paint the fence" })).toBeFocused();
  await expect(page.locator("[data-quick-done]")).toHaveText("Moved “Paint the fence” to Done.");
});
