import { expect, test, type Page } from "./support/test.ts";
import { addTaskViaForm, flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";

// Quick add understands what you type (issue 24), with and without JavaScript: the server
// parses the title the same way the preview does.

function row(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

test("'Buy milk tomorrow p1' adds “Buy milk”, due tomorrow, urgent, and the message says so", async ({
  page,
}, testInfo) => {
  await signedInUser(page, "quick-parse");
  await page.goto("/tasks");

  await addTaskViaForm(page, { title: "Buy milk tomorrow p1" });

  await expect(flash(page).locator("p")).toHaveText("Added “Buy milk” · Tomorrow · Urgent.");
  await expect(taskLinks(page)).toHaveText(["Buy milk"]);
  await expect(row(page, "Buy milk").locator("[data-due]")).toHaveText("Due Tomorrow");
  await expect(row(page, "Buy milk").locator("[data-priority]")).toHaveText("Urgent");
  await expectNoAxeViolations(page, testInfo, "flash saying what quick add understood");
});

test("words in quotes stay text, and so does an email address", async ({ page }) => {
  await signedInUser(page, "quick-quotes");
  await page.goto("/tasks");

  await addTaskViaForm(page, { title: 'Read "next week" magazine "@home" from bob@example.com' });

  await expect(flash(page).locator("p")).toHaveText('Added “Read "next week" magazine "@home" from bob@example.com”.');
  await expect(taskLinks(page)).toHaveText(['Read "next week" magazine "@home" from bob@example.com']);
  const added = row(page, 'Read "next week" magazine "@home" from bob@example.com');
  await expect(added.locator("[data-due]")).toHaveCount(0);
  await expect(added.locator(".label-chip")).toHaveCount(0);
});
