import { expect, test, type Page } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { createTask } from "#src/tasks/task-service.ts";

// Daily use of the keyboard (issue 26): the current task survives the changes the keys make.

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

test("after j j p 3 the current task stays current: x selects it and j moves on from it", async ({ page }) => {
  const user = await signedInUser(page, "keys-keep");
  await seedTasks(user, [{ title: "Third" }, { title: "Second" }, { title: "First" }]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveText(["First", "Second", "Third"]);
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("p");
  await page.keyboard.press("3");
  await expect(flash(page).locator("p")).toHaveText("Set the priority of 1 task to High.");
  await expect(row(page, "Second").locator("[data-priority]")).toHaveText("High");
  await expect(row(page, "Second")).toHaveAttribute("data-current", "true");

  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: "Select “Second”" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Select “First”" })).not.toBeChecked();

  await page.keyboard.press("j");
  await expect(row(page, "Third")).toHaveAttribute("data-current", "true");
  await expect(page.getByRole("link", { name: "Third", exact: true })).toBeFocused();
  await expect(row(page, "Second")).not.toHaveAttribute("data-current");
});

test("when the current task leaves the page (deleted), j starts again from the top", async ({ page }) => {
  const user = await signedInUser(page, "keys-gone");
  await seedTasks(user, [{ title: "Third" }, { title: "Second" }, { title: "First" }]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveCount(3);
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("#");
  await expect(flash(page).locator("p")).toHaveText("Deleted 1 task.");
  await expect(taskLinks(page)).toHaveText(["First", "Third"]);
  await page.keyboard.press("j");
  await expect(row(page, "First")).toHaveAttribute("data-current", "true");
});

test("on a list of one's own the keys change its tasks and come back to that list", async ({ page }) => {
  const user = await signedInUser(page, "keys-list");
  const list = await createList({ id: user.id, email: user.email }, { name: "Errands", color: "green" });
  const access = await resolveListAccess(user.id, list.id);
  for (const title of ["Post office", "Bakery"]) await createTask(access, { title, description: "", status: "todo" });
  await page.goto(`/lists/${list.id}`);
  await expect(page.getByRole("list", { name: "Errands" }).getByRole("link")).toHaveText(["Bakery", "Post office"]);
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("s");
  await page.keyboard.press("3");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to Done.");
  await expect(page).toHaveURL(new RegExp(`/lists/${list.id}$`));
  await expect(row(page, "Post office").locator("[data-status]")).toHaveText("Done");
  await expect(row(page, "Post office")).toHaveAttribute("data-current", "true");
});
