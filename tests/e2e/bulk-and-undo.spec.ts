import { expect, test, type Page } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// Bulk actions from the list and undo, with and without JavaScript: the same form either way
// (row checkboxes belong to the toolbar's form), so these steps are what a person does in both.

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

function toolbar(page: Page) {
  return page.getByRole("form", { name: "Change the selected tasks" });
}

/** The toolbar's button: with JavaScript it says what it will do ("Delete 2 tasks"); without, "Apply". */
function applyButton(page: Page, words: string) {
  const withScript = test.info().project.use.javaScriptEnabled !== false;
  return toolbar(page).getByRole("button", { name: withScript ? words : "Apply", exact: true });
}

async function select(page: Page, titles: string[]) {
  for (const title of titles) await page.getByRole("checkbox", { name: `Select “${title}”` }).check();
}

test("select tasks, set their status, then undo it", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "bulk-status");
  await seedTasks(user, [{ title: "Water the plants" }, { title: "Send the invoice" }, { title: "Book the dentist" }]);
  await page.goto("/tasks");

  await select(page, ["Water the plants", "Book the dentist"]);
  await toolbar(page).getByLabel("With selected").selectOption("status");
  await toolbar(page).getByLabel("Status").selectOption("done");
  await applyButton(page, "Set the status of 2 tasks").click();

  await expect(flash(page).locator("p")).toHaveText("Moved 2 tasks to Done.");
  await expect(row(page, "Water the plants").locator("[data-status]")).toHaveText("Done");
  await expect(row(page, "Book the dentist").locator("[data-status]")).toHaveText("Done");
  await expect(row(page, "Send the invoice").locator("[data-status]")).toHaveText("To do");
  // After the action nothing is selected any more.
  await expect(page.getByRole("checkbox", { name: "Select “Water the plants”" })).not.toBeChecked();
  await expectNoAxeViolations(page, testInfo, "list after a bulk change, with Undo");

  await flash(page).getByRole("button", { name: "Undo" }).click();
  await expect(flash(page).locator("p")).toHaveText("Undid the change to 2 tasks.");
  await expect(row(page, "Water the plants").locator("[data-status]")).toHaveText("To do");
  await expect(row(page, "Book the dentist").locator("[data-status]")).toHaveText("To do");
  await expect(flash(page).getByRole("button", { name: "Undo" })).toHaveCount(0);
});

test("set a due date and a priority on several tasks; delete them and bring them back", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "bulk-delete");
  await seedTasks(user, [{ title: "Renew passport" }, { title: "Pay the rent" }, { title: "Keep me" }]);
  await page.goto("/tasks");

  await select(page, ["Renew passport", "Pay the rent"]);
  await toolbar(page).getByLabel("With selected").selectOption("priority");
  await toolbar(page).getByLabel("Priority").selectOption("urgent");
  await applyButton(page, "Set the priority of 2 tasks").click();
  await expect(flash(page).locator("p")).toHaveText("Set the priority of 2 tasks to Urgent.");
  await expect(row(page, "Pay the rent").locator("[data-priority]")).toHaveText("Urgent");

  await select(page, ["Renew passport", "Pay the rent"]);
  await toolbar(page).getByLabel("With selected").selectOption("due");
  await toolbar(page).getByLabel("Due date").fill("2030-05-17");
  await applyButton(page, "Set the due date of 2 tasks").click();
  await expect(flash(page).locator("p")).toHaveText("Set 2 tasks due on Fri 17 May 2030.");
  await expect(row(page, "Renew passport").locator("[data-due] time")).toContainText("17 May 2030");

  await select(page, ["Renew passport", "Pay the rent"]);
  await toolbar(page).getByLabel("With selected").selectOption("delete");
  await applyButton(page, "Delete 2 tasks").click();
  await expect(flash(page).locator("p")).toHaveText("Deleted 2 tasks.");
  await expect(taskLinks(page)).toHaveText(["Keep me"]);
  await expectNoAxeViolations(page, testInfo, "list after a bulk delete, with Undo");

  await flash(page).getByRole("button", { name: "Undo" }).click();
  await expect(flash(page).locator("p")).toHaveText("Restored 2 tasks.");
  await expect(taskLinks(page)).toHaveText(["Keep me", "Pay the rent", "Renew passport"]);
  await expect(row(page, "Pay the rent").locator("[data-priority]")).toHaveText("Urgent");
});

test("a task deleted from its page can be brought back", async ({ page }) => {
  const user = await signedInUser(page, "undo-single");
  const [task] = await seedTasks(user, [{ title: "Deleted by mistake", description: "With its notes" }]);
  await page.goto(`/tasks/${task!.id}`);
  // The page says what the flash will offer: Undo, for as long as it lasts.
  await expect(page.getByText("You can undo it for 30 minutes afterwards.")).toBeVisible();
  await page.getByText("Delete this task…").click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(flash(page).locator("p")).toHaveText("Deleted “Deleted by mistake”.");
  await expect(taskLinks(page)).toHaveCount(0);

  await flash(page).getByRole("button", { name: "Undo" }).click();
  await expect(flash(page).locator("p")).toHaveText("Restored 1 task.");
  await taskLinks(page).getByText("Deleted by mistake").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${task!.id}$`));
  await expect(page.getByRole("article").getByText("With its notes")).toBeVisible();
});
