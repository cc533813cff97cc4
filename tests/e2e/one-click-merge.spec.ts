import { signedInUser, seedTasks } from "./support/seed.ts";
import { expect, test, type Page } from "./support/test.ts";

// Two tabs of one user on /tasks, one of them behind (it has not reloaded since the other's
// change; with JavaScript its live updates are kept from connecting, so it stays behind). A
// one-click change there applies when the other tab changed another field, and is refused,
// changing nothing, when it changed the same one.

const row = (page: Page, title: string) => page.locator("li[data-task-id]").filter({ hasText: title });

async function setPriority(page: Page, title: string, label: string) {
  await row(page, title)
    .getByLabel(/^Priority of /)
    .click();
  await row(page, title).getByRole("button", { name: label }).click();
}

test("a one-click change on a field nobody else changed applies on a page that is behind; the same field is a conflict", async ({
  context,
  page,
}, testInfo) => {
  const user = await signedInUser(page, "one-click-merge");
  await seedTasks(user, [{ title: "Pay rent" }]);
  const behind = await context.newPage();
  // No live updates for this tab: it shows what it loaded until it reloads by itself.
  await behind.route("**/live/ticket", (route) => route.abort());
  await behind.goto("/tasks");
  await page.goto("/tasks");
  await expect(row(behind, "Pay rent").locator("[data-priority]")).toHaveText("No priority");

  // The first tab sets the priority; the one behind still shows none and marks it done.
  await setPriority(page, "Pay rent", "High");
  await expect(row(page, "Pay rent").locator("[data-priority]")).toHaveText("High");
  await expect(page.locator("li[aria-busy]")).toHaveCount(0);
  await behind.getByRole("button", { name: "Mark “Pay rent” as done" }).click();

  // Its answer, not only what the page shows at once.
  await expect(behind.locator("li[aria-busy]")).toHaveCount(0);
  await expect(row(behind, "Pay rent").locator("[data-status]")).toHaveText("Done");
  await expect(behind.locator("[data-quick-message]")).toHaveCount(0);
  await page.reload();
  await expect(row(page, "Pay rent").locator("[data-status]")).toHaveText("Done");
  await expect(row(page, "Pay rent").locator("[data-priority]")).toHaveText("High");

  // Now both change the priority: the tab behind (showing High) is refused, and says so.
  await behind.reload();
  await expect(row(behind, "Pay rent").locator("[data-priority]")).toHaveText("High");
  await setPriority(page, "Pay rent", "Urgent");
  await expect(row(page, "Pay rent").locator("[data-priority]")).toHaveText("Urgent");
  await expect(page.locator("li[aria-busy]")).toHaveCount(0);
  await setPriority(behind, "Pay rent", "Low");

  if (testInfo.project.use.javaScriptEnabled === false) {
    await expect(
      behind.getByRole("heading", { name: "This task was changed since your list was loaded" }),
    ).toBeVisible();
    await expect(behind.getByText("status Done, priority urgent")).toBeVisible();
  } else {
    await expect(behind.locator("[data-quick-message]")).toContainText("was changed elsewhere");
    await expect(behind.locator("[data-quick-message]")).toContainText("It is now Done, urgent");
    await expect(row(behind, "Pay rent").locator("[data-priority]")).toHaveText("Urgent");
  }
  await page.reload();
  await expect(row(page, "Pay rent").locator("[data-priority]")).toHaveText("Urgent");
});
