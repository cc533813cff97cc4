import { expect, test, type Page } from "./support/test.ts";
import { addDays, todayIn } from "#src/tasks/task-dates.ts";
import { addTaskViaForm, flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { changeTaskElsewhere, seedTasks, signedInUser } from "./support/seed.ts";

// Due dates, priorities, views and one-click changes, with and without JavaScript. The users
// here have no time zone of their own, so "today" is UTC's (as the pages say).

const today = () => todayIn("UTC");

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

test("a task added with a due date and priority shows them, and shows up in Today", async ({ page }, testInfo) => {
  await signedInUser(page, "plan-add");
  await page.goto("/tasks");

  await addTaskViaForm(page, { title: "Pay the rent", dueDate: today(), priority: "High" });

  await expect(flash(page)).toHaveText("Added “Pay the rent”.");
  const added = row(page, "Pay the rent");
  await expect(added.locator("[data-due] time")).toHaveText("Today");
  await expect(added.locator("[data-priority]")).toHaveText("High");
  await expectNoAxeViolations(page, testInfo, "list with a due date and a priority");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
  await expect(page).toHaveURL(/\/tasks\?due=today$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  await expect(taskLinks(page)).toHaveText(["Pay the rent"]);
  // Without JavaScript nothing tells the app the browser's zone, so the page says it uses UTC.
  if (testInfo.project.use.javaScriptEnabled === false)
    await expect(page.getByText("Dates are shown in UTC.")).toBeVisible();
});

test("sorting by due date puts the soonest first and undated tasks last; Upcoming lists the week ahead", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "plan-sort");
  await seedTasks(user, [
    { title: "Undated" },
    { title: "Next week", dueDate: addDays(today(), 6), priority: "low" },
    { title: "Last week", dueDate: addDays(today(), -7), priority: "urgent" },
    { title: "Tomorrow's", dueDate: addDays(today(), 1) },
    { title: "Far away", dueDate: addDays(today(), 30) },
  ]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveText(["Far away", "Tomorrow's", "Last week", "Next week", "Undated"]);

  await page.getByText("Sort:").click();
  await page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Due date" }).click();

  await expect(page).toHaveURL(/sort=due/);
  await expect(taskLinks(page)).toHaveText(["Last week", "Tomorrow's", "Next week", "Far away", "Undated"]);
  await expect(row(page, "Last week").locator("[data-due] time")).toContainText("Overdue · ");
  await expect(row(page, "Tomorrow's").locator("[data-due] time")).toHaveText("Tomorrow");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Upcoming" }).click();
  await expect(taskLinks(page)).toHaveText(["Tomorrow's", "Next week"]);
  await expectNoAxeViolations(page, testInfo, "Upcoming view");

  await page.goBack();
  await expect(page).toHaveURL(/sort=due/);
  await expect(taskLinks(page)).toHaveText(["Last week", "Tomorrow's", "Next week", "Far away", "Undated"]);
});

test("status and priority change from the list in one click, and the page stays where it was", async ({ page }) => {
  const user = await signedInUser(page, "plan-click");
  await seedTasks(user, [
    { title: "Water the fern", dueDate: addDays(today(), 2) },
    { title: "Sort the mail", dueDate: addDays(today(), 1) },
  ]);
  await page.goto("/tasks?sort=due");

  await page.getByRole("button", { name: "Mark “Sort the mail” as done" }).click();

  await expect(page.getByRole("button", { name: "Mark “Sort the mail” as not done" })).toBeVisible();
  await expect(row(page, "Sort the mail").locator("[data-status]")).toHaveText("Done");
  await expect(page).toHaveURL(/\/tasks\?sort=due(#task-\w+)?$/);

  await row(page, "Water the fern")
    .getByLabel(/^Priority of “Water the fern”/)
    .click();
  await row(page, "Water the fern").getByRole("button", { name: "Urgent" }).click();
  await expect(row(page, "Water the fern").locator("[data-priority]")).toHaveText("Urgent");
  await expect(page).toHaveURL(/\/tasks\?sort=due(#task-\w+)?$/);

  // It was saved: once nothing is in flight, a fresh load shows both changes.
  await expect(page.locator("li[aria-busy]")).toHaveCount(0);
  await page.reload();
  await expect(row(page, "Sort the mail").locator("[data-status]")).toHaveText("Done");
  await expect(row(page, "Water the fern").locator("[data-priority]")).toHaveText("Urgent");
});

test("the board moves cards with buttons, and a card changed elsewhere is not moved", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "plan-board");
  const [draft, review] = await seedTasks(user, [
    { title: "Draft the brief", priority: "medium" },
    { title: "Review the brief", status: "in_progress" },
  ]);
  await page.goto("/board");
  const column = (name: string) => page.getByRole("list", { name: `${name} tasks` });
  await expect(column("To do").getByRole("link")).toHaveText(["Draft the brief"]);
  await expectNoAxeViolations(page, testInfo, "board");

  await page.getByRole("button", { name: "Move “Draft the brief” to In progress" }).click();
  await expect(column("In progress").getByRole("link", { name: "Draft the brief" })).toBeVisible();
  await expect(page).toHaveURL(/\/board(#task-\w+)?$/);

  // Another tab finishes the review; this page still shows it in progress.
  await changeTaskElsewhere(user, review!.id, { title: "Review the brief (v2)", description: "", status: "done" });
  await page.getByRole("button", { name: "Move “Review the brief” to To do" }).click();

  if (testInfo.project.use.javaScriptEnabled === false) {
    await expect(page.getByRole("heading", { name: "This task was changed since your list was loaded" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review the brief (v2)");
    await expectNoAxeViolations(page, testInfo, "one-click conflict");
    await page.getByRole("link", { name: "Back to your list without changing it" }).click();
    await expect(page).toHaveURL(/\/board(#task-\w+)?$/);
  } else {
    await expect(page.locator("[data-quick-message]")).toContainText("was changed elsewhere");
  }
  await expect(column("Done").getByRole("link", { name: "Review the brief (v2)" })).toBeVisible();
  await expect(column("To do").getByRole("link")).toHaveCount(0);
  expect(draft).toBeDefined();
});

test("open menus, the add form's options with an error, and an empty Today have no axe violations", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "plan-axe");
  await seedTasks(user, [{ title: "Tidy the shed", dueDate: addDays(today(), 3), priority: "low" }]);
  await page.goto("/tasks?due=today");
  await expect(page.getByText("Nothing due today")).toBeVisible();

  await page.getByText("More options").click();
  await page.getByRole("region", { name: "Add a task" }).getByLabel("Title").fill("Bad date");
  await page.getByRole("region", { name: "Add a task" }).getByLabel("Due date").fill("1800-01-01");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("region", { name: "Add a task" }).getByLabel("Due date")).toHaveAccessibleDescription(
    "Enter a date between 1900 and 2999.",
  );
  await expectNoAxeViolations(page, testInfo, "empty Today with an add-form error in More options");

  await page.goto("/tasks");
  await row(page, "Tidy the shed")
    .getByLabel(/^Status of “Tidy the shed”/)
    .click();
  await expect(row(page, "Tidy the shed").getByRole("button", { name: "In progress" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "open status menu");
  // One menu open at a time (issue 26): the sort menu closes the status menu.
  await page.getByText("Sort:").click();
  await expect(page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Priority" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "open sort menu");
});
