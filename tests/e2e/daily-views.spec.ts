import { expect, test, type Page } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// Issue 26 (daily use): places in lists, ways back, and forms that forget what they should.

function row(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

test("a one-click change far down a long list comes back to that row, not the top of the page", async ({ page }) => {
  const user = await signedInUser(page, "anchor");
  await seedTasks(
    user,
    Array.from({ length: 20 }, (_, i) => ({ title: `Errand ${String(i + 1).padStart(2, "0")}` })),
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/tasks?sort=oldest");

  const target = row(page, "Errand 18");
  await target.getByRole("button", { name: "Mark “Errand 18” as done" }).click();

  await expect(target.getByRole("button", { name: "Mark “Errand 18” as not done" })).toBeVisible();
  await expect(page).toHaveURL(/\/tasks\?sort=oldest(#task-[0-9A-Z]{26})?$/);
  // With JavaScript the page never moved; without it, the new page opens at the row's anchor.
  await expect(target).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
});

test("the navigation marks the view shown, Upcoming included, and Today is offered once", async ({ page }) => {
  await signedInUser(page, "nav-views");
  const nav = page.getByRole("navigation", { name: "Main" });
  const current = nav.locator('[aria-current="page"]');

  await page.goto("/tasks?due=upcoming");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Upcoming");
  await expect(current).toHaveText("Upcoming");
  await expect(page.getByRole("link", { name: "Today", exact: true })).toHaveCount(1);

  await nav.getByRole("link", { name: "Today" }).click();
  await expect(page).toHaveURL(/\/tasks\?due=today$/);
  await expect(current).toHaveText("Today");
});

test("a task opened from a filtered, sorted, searched view leads back to that view", async ({ page }) => {
  const user = await signedInUser(page, "back-link");
  await seedTasks(user, [
    { title: "Renew the passport", dueDate: "2031-03-01", priority: "high" },
    { title: "Renew the car insurance", priority: "low" },
    { title: "Bake bread" },
  ]);
  const view = "/tasks?status=todo&sort=priority&q=renew";
  await page.goto(view);
  await expect(taskLinks(page)).toHaveText(["Renew the passport", "Renew the car insurance"]);

  await page.getByRole("link", { name: "Renew the car insurance" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Renew the car insurance");
  // Opened from a list, the task belongs to it: All tasks stays the current place.
  await expect(page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]')).toHaveText("All tasks");
  const form = page.getByRole("region", { name: "Edit task" });
  await form.getByLabel("Title").fill("Renew the car insurance online");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(flash(page)).toHaveText("Saved your changes to “Renew the car insurance online”.");

  await page.getByRole("link", { name: "← Search results" }).click();
  await expect(page).toHaveURL(view);
  await expect(taskLinks(page)).toHaveText(["Renew the passport", "Renew the car insurance online"]);
});

test("a task opened from Upcoming marks Upcoming and goes back there; from the board, back to the board", async ({
  page,
}) => {
  const user = await signedInUser(page, "back-upcoming");
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
  await seedTasks(user, [{ title: "Call the plumber", dueDate: tomorrow }]);
  const current = page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]');

  await page.goto("/tasks?due=upcoming");
  await page.getByRole("link", { name: "Call the plumber" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Call the plumber");
  await expect(current).toHaveText("Upcoming");
  await page.getByRole("link", { name: "← Upcoming" }).click();
  await expect(page).toHaveURL(/\/tasks\?due=upcoming$/);

  await page.goto("/board");
  await page.getByRole("link", { name: "Call the plumber" }).click();
  await expect(current).toHaveText("Board");
  await page.getByRole("link", { name: "← Board" }).click();
  await expect(page).toHaveURL(/\/board$/);
});

test("after a successful password change both password fields are empty", async ({ page }) => {
  const user = await signedInUser(page, "password-empty");
  await page.goto("/account");
  const current = page.getByLabel("Current password");
  const next = page.getByLabel("New password");

  await current.fill(user.password);
  await next.fill("Another-horse-77");
  await page.getByRole("button", { name: "Change password" }).click();

  await expect(flash(page)).toHaveText("Changed your password. Your other sessions are signed out.");
  await expect(current).toHaveValue("");
  await expect(next).toHaveValue("");
});

test("links in a description open the web page; the rest of it is plain text", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "links");
  const [task] = await seedTasks(user, [
    { title: "Book the trip", description: "Trains: https://example.com/trains (cheapest).\njavascript:alert(1)" },
  ]);
  await page.goto(`/tasks/${task?.id}`);

  const article = page.getByRole("article");
  const link = article.getByRole("link", { name: "https://example.com/trains" });
  await expect(link).toHaveAttribute("href", "https://example.com/trains");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(article.getByRole("link")).toHaveCount(1);
  await expect(article).toContainText("(cheapest).\njavascript:alert(1)");
  await expectNoAxeViolations(page, testInfo, "task page with a link in its description");
});

test("saving again after someone else's change keeps their changes to the fields you did not touch", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "merge");
  const [task] = await seedTasks(user, [{ title: "Plan the party", description: "Saturday" }]);
  const otherTab = await page.context().newPage();
  await otherTab.goto(`/tasks/${task?.id}`);
  await page.goto(`/tasks/${task?.id}`);

  const otherEdit = otherTab.getByRole("region", { name: "Edit task" });
  await otherEdit.getByLabel("Status").selectOption({ label: "In progress" });
  await otherEdit.getByLabel("Due date").fill("2030-01-02");
  await otherEdit.getByRole("button", { name: "Save changes" }).click();
  await expect(otherTab.getByRole("article").locator("[data-status]")).toHaveText("In progress");

  const edit = page.getByRole("region", { name: "Edit task" });
  await edit.getByLabel("Title").fill("Plan the party and the cake");
  await edit.getByRole("button", { name: "Save changes" }).click();

  const conflict = page.getByRole("region", { name: "Someone else changed this task" });
  await expect(conflict.locator("dt")).toHaveText(["Status", "Due"]);
  await expect(conflict.locator('[data-conflict-field="dueDate"]')).toContainText("Wed 2 Jan 2030");
  await expect(edit.getByLabel("Title")).toHaveValue("Plan the party and the cake");
  await expect(edit.getByLabel("Status")).toHaveValue("in_progress");
  await expect(edit.getByLabel("Due date")).toHaveValue("2030-01-02");
  await expectNoAxeViolations(page, testInfo, "conflict panel naming the fields changed elsewhere");

  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan the party and the cake");
  await expect(page.getByRole("article").locator("[data-status]")).toHaveText("In progress");
  await expect(page.getByRole("article")).toContainText("Wed 2 Jan 2030");
  await expect(conflict).toHaveCount(0);
});
