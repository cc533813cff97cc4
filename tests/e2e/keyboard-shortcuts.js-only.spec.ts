import { expect, test, type Page } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// The task list's keyboard shortcuts (they need JavaScript). Each change goes through the same
// bulk and undo forms as the buttons, so the page state after a key is what the buttons give.

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

const announcement = (page: Page) => page.locator("[data-shortcut-message]");

function searchBox(page: Page) {
  return page.getByRole("search").getByRole("searchbox", { name: "Search tasks" });
}

function toolbar(page: Page) {
  return page.getByRole("form", { name: "Change the selected tasks" });
}

test("j/k move a visible marker, x selects, s then 3 marks done, z undoes, p then 4 sets urgent", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "keys");
  await seedTasks(user, [{ title: "Third" }, { title: "Second" }, { title: "First" }]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveText(["First", "Second", "Third"]);
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await expect(row(page, "First")).toHaveAttribute("data-current", "true");
  await expect(page.getByRole("link", { name: "First", exact: true })).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(row(page, "Second")).toHaveAttribute("data-current", "true");
  await expect(row(page, "First")).not.toHaveAttribute("data-current");

  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: "Select “Second”" })).toBeChecked();
  await expect(announcement(page)).toHaveText("Selected “Second”. 1 selected.");
  await expect(page.getByRole("form", { name: "Change the selected tasks" }).getByRole("status")).toHaveText(
    "1 of 3 selected",
  );

  await page.keyboard.press("s");
  await expect(announcement(page)).toHaveText("Set status: 1 To do, 2 In progress, 3 Done.");
  await page.keyboard.press("3");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to Done.");
  await expect(row(page, "Second").locator("[data-status]")).toHaveText("Done");

  await page.keyboard.press("z");
  await expect(flash(page).locator("p")).toHaveText("Undid the change to 1 task.");
  await expect(row(page, "Second").locator("[data-status]")).toHaveText("To do");

  // With nothing selected, keys act on the current task, which outlived the changes (issue 26).
  await page.keyboard.press("j");
  await page.keyboard.press("p");
  await page.keyboard.press("4");
  await expect(flash(page).locator("p")).toHaveText("Set the priority of 1 task to Urgent.");
  await expect(row(page, "Third").locator("[data-priority]")).toHaveText("Urgent");
  await expectNoAxeViolations(page, testInfo, "list after shortcuts, with the current-task marker");
});

test("Delete removes the selection (with undo), Enter opens the current task, n goes to the new-task title", async ({
  page,
}) => {
  const user = await signedInUser(page, "keys-delete");
  await seedTasks(user, [{ title: "Keep" }, { title: "Drop one" }, { title: "Drop two" }]);
  await page.goto("/tasks");
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("Delete");
  await expect(flash(page).locator("p")).toHaveText("Deleted 2 tasks.");
  await expect(taskLinks(page)).toHaveText(["Keep"]);
  await page.keyboard.press("z");
  await expect(flash(page).locator("p")).toHaveText("Restored 2 tasks.");
  await expect(taskLinks(page)).toHaveText(["Drop two", "Drop one", "Keep"]);

  // "#" deletes too: here the current task, as nothing is selected. The current task ("Drop
  // one") outlived the delete and its undo, so j moves on to the next.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await page.keyboard.press("#");
  await expect(flash(page).locator("p")).toHaveText("Deleted 1 task.");
  await expect(taskLinks(page)).toHaveText(["Drop two", "Drop one"]);
  await page.keyboard.press("z");
  await expect(flash(page).locator("p")).toHaveText("Restored 1 task.");
  await expect(taskLinks(page)).toHaveText(["Drop two", "Drop one", "Keep"]);

  await page.keyboard.press("n");
  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await expect(title).toBeFocused();
  // Typing in a field is typing, never a shortcut.
  await page.keyboard.type("jxz");
  await expect(title).toHaveValue("jxz");
  await expect(flash(page).locator("p")).toHaveText("Restored 1 task.");

  await title.blur();
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tasks\/[0-9A-Z]{26}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keep");
});

test("the very first key after the page loads does its job, though what the keys do loads only then", async ({
  page,
}) => {
  const user = await signedInUser(page, "keys-first");
  await seedTasks(user, [{ title: "Second" }, { title: "First" }]);
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  const keysLoaded = () => scripts.filter((url) => /\/keyboard-shortcut-keys-[\w-]+\.js$/.test(url));
  await page.goto("/tasks");
  // Hydrated: the bulk toolbar's "select all" only exists with JavaScript running.
  await expect(toolbar(page).getByLabel("Select all on this page")).toBeVisible();
  expect(keysLoaded(), "the keys' code is not part of the page load").toEqual([]);

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  // Two keys at once, before the code can have arrived: both count, in order.
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(row(page, "Second")).toHaveAttribute("data-current", "true");
  await expect(page.getByRole("link", { name: "Second", exact: true })).toBeFocused();
  expect(keysLoaded()).toHaveLength(1);

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});

test("? and the link open the list of shortcuts; they can be switched off on the account page", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "keys-help");
  await seedTasks(user, [{ title: "Only task" }]);
  await page.goto("/tasks");
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("dd")).toContainText(["Undo the last change", "New task (moves to the title field)"]);
  await expectNoAxeViolations(page, testInfo, "keyboard shortcuts dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Keyboard shortcuts" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("link", { name: "Switch them off" }).click();

  await expect(page).toHaveURL(/\/account#shortcuts$/);
  await page.getByLabel("Use keyboard shortcuts on the task list").uncheck();
  await page.getByRole("region", { name: "Keyboard shortcuts" }).getByRole("button", { name: "Save" }).click();
  await expect(flash(page).locator("p")).toHaveText("Saved your settings.");
  await expect(page.getByLabel("Use keyboard shortcuts on the task list")).not.toBeChecked();

  await page.goto("/tasks");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.locator("li[data-current]")).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Select “Only task”" })).not.toBeChecked();
  await expect(page.getByRole("link", { name: "Keyboard shortcuts are off" })).toBeVisible();

  // Off on the board too.
  await page.goto("/board");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByRole("link", { name: "Keyboard shortcuts are off" })).toBeVisible();
  await expect(page.locator("li[data-current]")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "To do tasks" }).getByRole("link")).toHaveText(["Only task"]);
});

test("/ focuses the search field, except while typing in another field", async ({ page }) => {
  const user = await signedInUser(page, "search-key");
  await seedTasks(user, [{ title: "Plan the offsite" }, { title: "Book the room" }]);
  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveCount(2);

  await page.getByLabel("Title").fill("a/b");
  await expect(page.getByLabel("Title")).toHaveValue("a/b");
  await expect(searchBox(page)).not.toBeFocused();

  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("/");
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type("plan");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/tasks\?q=plan$/);
  await expect(taskLinks(page)).toHaveText(["Plan the offsite"]);
  await expect(searchBox(page)).toHaveValue("plan");
});

test("with JavaScript: select all, a live count, and Apply only with a selection", async ({ page }) => {
  const user = await signedInUser(page, "bulk-select-all");
  await seedTasks(user, [{ title: "One" }, { title: "Two" }, { title: "Three" }]);
  await page.goto("/tasks");

  // The button says what it will do, for the selection and the action chosen.
  const apply = toolbar(page).getByRole("button", { name: "Set the status of 3 tasks" });
  const count = toolbar(page).getByRole("status");
  await expect(count).toHaveText("None selected");
  // The actions wait for a selection (and Apply stays disabled where they cannot be hidden).
  await expect(apply).toBeHidden();
  await expect(toolbar(page).locator("button[type=submit]")).toBeDisabled();
  // Only the value the chosen action needs is shown.
  await expect(toolbar(page).getByLabel("Priority")).toBeHidden();

  await toolbar(page).getByLabel("Select all on this page").check();
  await expect(count).toHaveText("3 of 3 selected");
  await expect(apply).toBeEnabled();
  await page.getByRole("checkbox", { name: "Select “Two”" }).uncheck();
  await expect(count).toHaveText("2 of 3 selected");
  await expect(toolbar(page).getByLabel("Select all on this page")).not.toBeChecked();

  await toolbar(page).getByLabel("With selected").selectOption("priority");
  await expect(toolbar(page).getByLabel("Priority")).toBeVisible();
  await expect(toolbar(page).getByLabel("Status", { exact: true })).toBeHidden();
  await expect(toolbar(page).locator("button[type=submit]")).toHaveText("Set the priority of 2 tasks");
  await toolbar(page).getByLabel("With selected").selectOption("delete");
  await page.getByRole("checkbox", { name: "Select “One”" }).uncheck();
  await expect(toolbar(page).locator("button[type=submit]")).toHaveText("Delete 1 task");
});
