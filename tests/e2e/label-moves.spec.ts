import { expect, test, type Page } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { seedList, seedTasks, signedInUser } from "./support/seed.ts";
import { resolveLabelNames } from "#src/tasks/label-service.ts";
import { MAX_LIST_LABELS } from "#src/tasks/task-labels.ts";

// A bulk move into a list that already has as many labels as a list may hold, with and without
// JavaScript: the tasks whose labels fit move, the others stay whole, and the message names them.

function toolbar(page: Page) {
  return page.getByRole("form", { name: "Change the selected tasks" });
}

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

test("a bulk move into a full list moves what fits and names the task it left, with its labels", async ({ page }) => {
  const user = await signedInUser(page, "label-moves");
  const listId = await seedList(user, "Full");
  await resolveLabelNames(
    listId,
    Array.from({ length: MAX_LIST_LABELS }, (_, i) => `tag${i}`),
  );
  await seedTasks(user, [{ title: "Post the parcel", labels: "errand" }, { title: "Water the plants" }]);
  await page.goto("/tasks");

  for (const title of ["Post the parcel", "Water the plants"])
    await page.getByRole("checkbox", { name: `Select “${title}”` }).check();
  await toolbar(page).getByLabel("With selected").selectOption("move");
  await toolbar(page).getByLabel("List", { exact: true }).selectOption({ label: "Full" });
  const withScript = test.info().project.use.javaScriptEnabled !== false;
  await toolbar(page)
    .getByRole("button", { name: withScript ? "Move 2 tasks" : "Apply", exact: true })
    .click();

  await expect(flash(page).locator("p")).toContainText(
    "Moved 1 task to “Full”. 1 task stays where it is, labels and all: “Post the parcel”. “Full” has no room for its labels @errand",
  );
  // Still in the Inbox, with its label; the other one is in Full.
  await expect(row(page, "Post the parcel").locator(".list-chip")).toHaveText("List: Inbox");
  await expect(row(page, "Post the parcel").getByRole("link", { name: "@errand" })).toBeVisible();
  await expect(row(page, "Water the plants").locator(".list-chip")).toHaveText("List: Full");
});

test("saving the edit form into a full list with a new label is refused whole, naming the list", async ({ page }) => {
  const user = await signedInUser(page, "label-edit-full");
  const listId = await seedList(user, "Full");
  await resolveLabelNames(
    listId,
    Array.from({ length: MAX_LIST_LABELS }, (_, i) => `tag${i}`),
  );
  const [task] = await seedTasks(user, [{ title: "Post the parcel" }]);
  await page.goto(`/tasks/${task?.id ?? ""}`);

  const edit = page.getByRole("region", { name: "Edit task" });
  await edit.getByLabel("Title").fill("Post the parcel today");
  await edit.getByLabel("List", { exact: true }).selectOption({ label: "Full" });
  await edit.getByLabel("Labels").fill("errand");
  await edit.getByRole("button", { name: "Save changes" }).click();

  await expect(edit.getByLabel("Labels")).toHaveAttribute("aria-invalid", "true");
  await expect(edit).toContainText(`“Full” has all the labels a list can have (${MAX_LIST_LABELS})`);
  // Nothing saved, nothing moved: the task is still in the Inbox, under its old title.
  await page.goto("/tasks");
  await expect(row(page, "Post the parcel")).toBeVisible();
  await expect(row(page, "Post the parcel").locator(".list-chip")).toHaveText("List: Inbox");
});
