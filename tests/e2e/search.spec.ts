import { expect, test, type Page } from "./support/test.ts";
import { taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// Search from the list header, with and without JavaScript (the form is a plain GET form).

function searchBox(page: Page) {
  return page.getByRole("search").getByRole("searchbox", { name: "Search tasks" });
}

test("searching a view keeps the view, marks the matches, and Clear search goes back to it", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "search");
  await seedTasks(user, [
    { title: "Café order for the team" },
    { title: "Groceries", description: "Eggs, bread, and coffee beans from the little CAFE on the corner" },
    { title: "Cafeteria menu", status: "done" },
    { title: "Water the plants" },
  ]);
  await page.goto("/tasks?status=todo");

  await searchBox(page).fill("cafe");
  await searchBox(page).press("Enter");

  await expect(page).toHaveURL(/\/tasks\?status=todo&q=cafe$/);
  await expect(taskLinks(page)).toHaveText(["Groceries", "Café order for the team"]);
  await expect(page.getByText("2 tasks match “cafe”.")).toBeVisible();
  await expect(page.locator("li[data-task-id] mark")).toHaveText(["CAFE", "Café"]);
  await expect(searchBox(page)).toHaveValue("cafe");
  await expectNoAxeViolations(page, testInfo, "search results with marks");

  // The filters keep the search.
  await page
    .getByRole("navigation", { name: "Filter by status" })
    .getByRole("link", { name: "Done", exact: true })
    .click();
  await expect(page).toHaveURL(/\/tasks\?status=done&q=cafe$/);
  await expect(taskLinks(page)).toHaveText(["Cafeteria menu"]);

  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(page).toHaveURL(/\/tasks\?status=done$/);
  await expect(searchBox(page)).toHaveValue("");
  await expect(taskLinks(page)).toHaveText(["Cafeteria menu"]);
});

test("a search that finds nothing says so, and pages of results keep the search", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "search-pages");
  await seedTasks(user, [
    ...Array.from({ length: 27 }, (_, i) => ({ title: `Invoice ${String(i + 1).padStart(2, "0")}` })),
    { title: "Receipt" },
  ]);
  await page.goto("/tasks");

  await searchBox(page).fill("nothing like this");
  await page.getByRole("button", { name: "Search" }).click();

  await expect(page.getByText("No tasks match “nothing like this”.")).toBeVisible();
  await expect(page.locator("li[data-task-id]")).toHaveCount(0);
  await expectNoAxeViolations(page, testInfo, "search with no results");

  await searchBox(page).fill("INVOICE");
  await searchBox(page).press("Enter");
  await expect(page.getByText("25 tasks found on this page for “INVOICE”.")).toBeVisible();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/q=INVOICE&cursor=/);
  await expect(taskLinks(page)).toHaveText(["Invoice 02", "Invoice 01"]);
});
