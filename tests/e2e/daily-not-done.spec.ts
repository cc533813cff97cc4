import { expect, test } from "./support/test.ts";
import { taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// Issue 26, item 8: a "Not done" filter on every list view, and Upcoming read by day.

/** A date `days` from today in UTC (a new user's zone until one is set), as a date input sends it. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("All tasks offers Not done: to-do and in-progress tasks together, in the chosen sort", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "not-done");
  await seedTasks(user, [
    { title: "Send the invoice", status: "todo", priority: "low" },
    { title: "Renew the passport", status: "done", priority: "urgent" },
    { title: "Paint the fence", status: "in_progress", priority: "high" },
  ]);
  await page.goto("/tasks");
  const filters = page.getByRole("navigation", { name: "Filter by status" });
  await expect(filters.getByRole("link")).toHaveText(["All", "Not done", "To do", "In progress", "Done"]);

  await filters.getByRole("link", { name: "Not done" }).click();
  await expect(page).toHaveURL(/\/tasks\?status=not_done$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not done tasks");
  await expect(filters.getByRole("link", { name: "Not done" })).toHaveAttribute("aria-current", "page");
  await expect(taskLinks(page)).toHaveText(["Paint the fence", "Send the invoice"]);

  await page.locator("summary", { hasText: "Sort:" }).click();
  await page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Priority" }).click();
  await expect(page).toHaveURL(/status=not_done&sort=priority$/);
  await expect(taskLinks(page)).toHaveText(["Paint the fence", "Send the invoice"]);
  await expectNoAxeViolations(page, testInfo, "All tasks filtered to Not done");

  // Marking the last open ones done empties the view, which says so.
  for (const title of ["Paint the fence", "Send the invoice"])
    await page.getByRole("button", { name: `Mark “${title}” as done` }).click();
  await expect(page.getByText("Everything is done")).toBeVisible();
});

test("Upcoming is grouped under a heading per day, soonest first", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "upcoming-days");
  await seedTasks(user, [
    { title: "Water the plants", dueDate: day(3) },
    { title: "Call the plumber", dueDate: day(1) },
    { title: "Pay the rent", dueDate: day(3) },
    { title: "Finished already", dueDate: day(1), status: "done" },
    { title: "Book the dentist", dueDate: day(6), status: "in_progress" },
  ]);
  await page.goto("/tasks?due=upcoming");

  const list = page.getByRole("list", { name: "Upcoming tasks" });
  const headings = list.getByRole("heading", { level: 2 });
  await expect(headings).toHaveCount(3);
  const texts = await headings.allTextContents();
  // "Tue 8 Dec": a weekday, the day and the month, in date order.
  for (const text of texts) expect(text).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})?$/);
  // Each heading is followed by that day's tasks, and only those.
  const order = await list
    .locator(":scope > li")
    .evaluateAll((items) =>
      items.map((item) =>
        item.querySelector("h2") ? `# ${item.textContent}` : item.querySelector("h3 a")?.textContent,
      ),
    );
  expect(order).toEqual([
    `# ${texts[0]}`,
    "Call the plumber",
    `# ${texts[1]}`,
    "Water the plants",
    "Pay the rent",
    `# ${texts[2]}`,
    "Book the dentist",
  ]);
  await expect(page.getByRole("navigation", { name: "Filter by status" }).getByRole("link")).toHaveText([
    "Not done",
    "To do",
    "In progress",
  ]);
  await expectNoAxeViolations(page, testInfo, "Upcoming grouped by day");
});
