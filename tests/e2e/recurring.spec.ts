import { expect, test, type Page } from "./support/test.ts";
import { addTaskViaForm, flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";
import { addDays, formatCalendarDate, todayIn } from "#src/tasks/task-dates.ts";

// Due times and recurring tasks (issue 24), with and without JavaScript: quick add makes one,
// the row shows its time and repeat, ticking it moves it to its next date, the edit form sets one.

function row(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

test("a recurring task from quick add shows its time and repeat, and ticking it moves it to its next date", async ({
  page,
}, testInfo) => {
  await signedInUser(page, "repeat-tick");
  await page.goto("/tasks");
  const today = todayIn("UTC");

  await addTaskViaForm(page, { title: "Stretch tomorrow at 9am every day" });

  await expect(flash(page).locator("p")).toHaveText("Added “Stretch” · Tomorrow 09:00 · every day.");
  await expect(row(page, "Stretch").locator("[data-due]")).toHaveText("Due Tomorrow 09:00· every day");
  await expectNoAxeViolations(page, testInfo, "a row with a time and a repeat");

  await row(page, "Stretch").getByRole("button", { name: "Mark “Stretch” as done" }).click();

  const next = `Due ${formatCalendarDate(addDays(today, 2), today)} 09:00· every day`;
  await expect(row(page, "Stretch").locator("[data-due]")).toHaveText(next);
  await expect(taskLinks(page)).toHaveText(["Stretch"]);
  await expect(row(page, "Stretch").getByRole("button", { name: "Mark “Stretch” as done" })).toBeVisible();
});

test("the edit form sets a due time and a repeat, and the task page shows them", async ({ page }) => {
  await signedInUser(page, "repeat-edit");
  await page.goto("/tasks");
  await addTaskViaForm(page, { title: "Water the plants" });
  await page.getByRole("link", { name: "Water the plants", exact: true }).click();
  const edit = page.getByRole("region", { name: "Edit task" });

  await edit.getByLabel("Due time").fill("18:30");
  await edit.getByLabel("Repeat").fill("sometimes");
  await edit.getByRole("button", { name: "Save changes" }).click();
  // Both problems at once, each by its field.
  await expect(page.getByText("Give the task a due date for its time.")).toBeVisible();
  await expect(page.getByText(/Write a repeat such as “every Monday”/)).toBeVisible();
  await expect(edit.getByLabel("Repeat")).toHaveValue("sometimes");

  await edit.getByLabel("Repeat").fill("every 2 weeks");
  await edit.getByRole("button", { name: "Save changes" }).click();

  await expect(flash(page).locator("p")).toHaveText("Saved your changes to “Water the plants”.");
  const due = page.locator("article [data-due]");
  await expect(due).toContainText("18:30");
  await expect(due).toContainText("· every 2 weeks");
  await expect(edit.getByLabel("Repeat")).toHaveValue("every 2 weeks");
  await expect(edit.getByLabel("Due time")).toHaveValue("18:30");
});
