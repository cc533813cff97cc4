import { expect, test, type Page } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";
import { TITLE_MAX } from "#src/tasks/task-constants.ts";

// Fast entry with JavaScript (issue 26): the title field keeps focus and empties for the next
// task, the task shows in the list at once, and letters typed meanwhile stay letters.

function titleField(page: Page) {
  return page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
}

/** Holds each create (POST to /tasks) until `release` is called, to look at the page meanwhile. */
async function holdCreates(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/tasks",
    async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    },
  );
  return () => release();
}

test("after a quick add the title keeps focus, empty, and a 'z' typed next is a letter, not Undo", async ({ page }) => {
  const user = await signedInUser(page, "entry-focus");
  await seedTasks(user, [{ title: "Older" }]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveText(["Older"]);

  await titleField(page).click();
  await page.keyboard.type("pizza");
  await page.keyboard.press("Enter");
  // Straight on with the next title, before or after the answer: letters, never shortcuts.
  await page.keyboard.type("zebra jz");
  await expect(flash(page).locator("p")).toHaveText("Added “pizza”.");
  await expect(taskLinks(page)).toHaveText(["pizza", "Older"]);
  await expect(titleField(page)).toBeFocused();
  await expect(titleField(page)).toHaveValue("zebra jz");
  await expect(page.locator("li[data-current]")).toHaveCount(0);

  await page.keyboard.press("Enter");
  await expect(flash(page).locator("p")).toHaveText("Added “zebra jz”.");
  await expect(taskLinks(page)).toHaveText(["zebra jz", "pizza", "Older"]);
  await expect(titleField(page)).toBeFocused();
  await expect(titleField(page)).toHaveValue("");
  await page.keyboard.type("z");
  await expect(titleField(page)).toHaveValue("z");
  await expect(taskLinks(page)).toHaveText(["zebra jz", "pizza", "Older"]);
});

test("the new task shows in the list at once, before the server answers", async ({ page }) => {
  const user = await signedInUser(page, "entry-optimistic");
  await seedTasks(user, [{ title: "Older" }]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveText(["Older"]);
  const release = await holdCreates(page);

  await titleField(page).fill("Buy stamps");
  await titleField(page).press("Enter");
  const pendingRow = page.locator("li[data-pending]");
  await expect(pendingRow).toContainText("Buy stamps");
  await expect(pendingRow).toHaveAttribute("aria-busy", "true");
  await expect(page.getByRole("list", { name: "All tasks" }).locator("li").first()).toContainText("Buy stamps");
  await expect(titleField(page)).toHaveValue("");
  await expect(titleField(page)).toBeFocused();

  release();
  await expect(taskLinks(page)).toHaveText(["Buy stamps", "Older"]);
  await expect(pendingRow).toHaveCount(0);
});

test("a refused title comes back into the field with the message, and leaves no row behind", async ({ page }) => {
  await signedInUser(page, "entry-refused");
  await page.goto("/tasks");
  const tooLong = "x".repeat(TITLE_MAX + 1);

  await titleField(page).fill(tooLong);
  await titleField(page).press("Enter");
  await expect(page.getByText(`Title must be at most ${TITLE_MAX} characters.`)).toBeVisible();
  await expect(titleField(page)).toHaveValue(tooLong);
  await expect(titleField(page)).toBeFocused();
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
  await expect(page.getByText("No tasks yet")).toBeVisible();
});
