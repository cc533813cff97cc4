import { taskLinks } from "./support/app.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";
import { expect, test } from "./support/test.ts";

// On a slow phone the page is usable seconds before its script has run. What a person types or
// chooses in that time must still be there once the script takes over (the fields are
// uncontrolled for that reason). The page's scripts are held back here until the input is made.

test("a search typed and a bulk action chosen before the page hydrates are kept", async ({ page }) => {
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
  await toolbar.getByLabel("With selected").selectOption("priority");
  // Not hydrated yet: the parts only the script adds are absent.
  await expect(toolbar.getByLabel("Select all on this page")).toHaveCount(0);

  release();
  await expect(toolbar.getByLabel("Select all on this page")).toBeVisible();
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

  await search.press("Enter");
  await expect(page).toHaveURL(/\/tasks\?q=cafe$/);
  await expect(taskLinks(page)).toHaveText(["Café order"]);
});
