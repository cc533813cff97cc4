import { taskLinks } from "./support/app.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";
import { expect, test } from "./support/test.ts";

// On a slow phone the page is usable seconds before its script has run. What a person types or
// chooses in that time must still be there once the script takes over (the fields are
// uncontrolled for that reason). The page's scripts are held back here until the input is made.

test("a search typed, a task ticked, an action chosen and a menu opened before the page hydrates are kept", async ({
  page,
}) => {
  const user = await signedInUser(page, "before-hydration");
  await seedTasks(user, [{ title: "Café order" }, { title: "Water the plants" }]);

  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_static/assets/*.js", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("/tasks", { waitUntil: "domcontentloaded" });

  const search = page.getByRole("search").getByRole("searchbox", { name: "Search tasks" });
  const toolbar = page.getByRole("form", { name: "Change the selected tasks" });
  await search.fill("cafe");
  // The toolbar's actions show once a task is ticked (CSS, so before the script runs too).
  await page.getByRole("checkbox", { name: "Select “Café order”" }).check();
  await toolbar.getByLabel("With selected").selectOption("priority");
  await page.locator("summary", { hasText: "Account" }).click();
  // Not hydrated yet: the parts only the script adds are absent.
  await expect(toolbar.getByLabel("Select all on this page")).toHaveCount(0);

  release();
  await expect(toolbar.getByLabel("Select all on this page")).toBeVisible();
  await expect(toolbar.getByRole("status")).toHaveText("1 of 2 selected");
  const selectAll = toolbar.getByLabel("Select all on this page");
  await expect(selectAll).not.toBeChecked();
  await expect.poll(() => selectAll.evaluate((box: HTMLInputElement) => box.indeterminate)).toBe(true);
  await expect(page.getByRole("checkbox", { name: "Select “Café order”" })).toBeChecked();
  await expect(page.getByRole("link", { name: "Account settings" })).toBeVisible();
  // A render after hydration (a row's change revalidates the page) must not reset them either.
  await page
    .locator("li[data-task-id]")
    .first()
    .getByRole("button", { name: /as done$/ })
    .click();
  await expect(page.locator("li[data-task-id]").first().locator("[data-status]")).toHaveText("Done");
  await expect(search).toHaveValue("cafe");
  await expect(toolbar.getByLabel("With selected")).toHaveValue("priority");
  await expect(toolbar.getByLabel("Priority")).toBeVisible();
  await expect(toolbar.getByLabel("Status", { exact: true })).toBeHidden();
  await expect(page.getByRole("checkbox", { name: "Select “Café order”" })).toBeChecked();

  await search.press("Enter");
  await expect(page).toHaveURL(/\/tasks\?q=cafe$/);
  await expect(taskLinks(page)).toHaveText(["Café order"]);
  // A new page starts with nothing selected.
  await expect(page.getByRole("checkbox", { name: "Select “Café order”" })).not.toBeChecked();
  await expect(toolbar.getByRole("status")).toHaveText("None selected");
});

test("typing the next task before a page with a confirmation hydrates keeps focus and text", async ({ page }) => {
  await signedInUser(page, "before-hydration-flash");
  await page.goto("/tasks");
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_static/assets/*.js", async (route) => {
    await released;
    await route.continue();
  });
  // Without the scripts the form posts natively: the next page comes with the confirmation.
  await page.reload({ waitUntil: "domcontentloaded" });
  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await title.fill("Water the plants");
  await title.press("Enter");
  await expect(page.locator("[data-flash]")).toHaveText("Added “Water the plants”.");

  await title.fill("Call the");
  release();
  await expect(page.getByRole("form", { name: "Change the selected tasks" }).getByText("None selected")).toBeVisible();
  await expect(title).toBeFocused();
  await page.keyboard.type(" plumber");
  await expect(title).toHaveValue("Call the plumber");
});
