import { expect, test, type Page } from "./support/test.ts";
import { addTaskViaForm, flash } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { createUser, seedList, seedTasksIn, signInAs } from "./support/seed.ts";
import { updateAccountSettings } from "#src/accounts/settings-service.ts";

// Labels (issue 24), with and without JavaScript: "@errand" in quick add, the row's chip and the
// list's view of a label, the edit form's labels field with the list's labels suggested, and
// the list's Labels page renaming and removing a label on every task that carries it.

/** The titles of the list's rows, in order (a row's labels are links too). */
function titles(page: Page) {
  return page.getByRole("list", { name: "Home" }).getByRole("heading", { level: 3 });
}

function row(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

test("quick add's @label, the row's chip and ?label=, the edit form's field, and the Labels page", async ({
  page,
}, testInfo) => {
  // A journey of a dozen page loads without JavaScript on a busy machine.
  test.slow();
  // Signed in with a time zone set: a first page without one saves the browser's, and that
  // reload can take a change's one-time message with it.
  const account = await createUser("labels");
  await updateAccountSettings((await signInAs(page, account)).id, { timeZone: "UTC" });
  const user = await signInAs(page, account);
  const listId = await seedList(user, "Home");
  await seedTasksIn(user, listId, [{ title: "Water the plants" }]);
  await page.goto(`/lists/${listId}`);

  await addTaskViaForm(page, { title: "Buy stamps @errand" });
  await expect(flash(page).locator("p")).toContainText("Added “Buy stamps”");
  await expect(titles(page)).toHaveText(["Buy stamps", "Water the plants"]);
  const chip = row(page, "Buy stamps").getByRole("link", { name: "@errand" });
  await expect(chip).toBeVisible();

  // The chip shows the list's view of the label: only the tasks that carry it.
  await chip.click();
  await expect(page).toHaveURL(new RegExp(`/lists/${listId}\\?label=errand$`));
  await expect(titles(page)).toHaveText(["Buy stamps"]);
  await expectNoAxeViolations(page, testInfo, "a list's view of one label");

  // The edit form: the list's labels are suggested, and the field sets the task's labels.
  await page.getByRole("link", { name: "Buy stamps", exact: true }).click();
  const edit = page.getByRole("region", { name: "Edit task" });
  const field = edit.getByLabel("Labels");
  await expect(field).toHaveValue("errand");
  await expect(edit).toContainText("This list's labels: errand.");
  await field.fill("Errand, post-office");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(flash(page).locator("p")).toHaveText("Saved your changes to “Buy stamps”.");
  // The list's first spelling stays: "Errand" is its "errand".
  await expect(page.getByRole("article").getByRole("link", { name: /^@/ })).toHaveText(["@errand", "@post-office"]);

  // A label that breaks the rules is refused by its field, and nothing changes.
  await page.getByRole("region", { name: "Edit task" }).getByLabel("Labels").fill("not#ok");
  await page.getByRole("region", { name: "Edit task" }).getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("region", { name: "Edit task" }).getByLabel("Labels")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(page.getByRole("article").getByRole("link", { name: /^@/ })).toHaveText(["@errand", "@post-office"]);

  // The Labels page: rename one on every task, remove the other.
  await page.goto(`/lists/${listId}`);
  await page.getByRole("link", { name: "Labels", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Labels in Home");
  const labels = page.getByRole("list", { name: "Labels" });
  await expect(labels.getByRole("link")).toHaveText(["@errand", "@post-office"]);
  await expectNoAxeViolations(page, testInfo, "the Labels page");

  await page.getByLabel("Rename @errand to").fill("Shopping");
  await labels.getByRole("button", { name: "Rename" }).first().click();
  await expect(flash(page).locator("p")).toContainText("@Shopping");
  await expect(labels.getByRole("link")).toHaveText(["@post-office", "@Shopping"]);

  // A bad name is refused by its field, and the label keeps its name.
  await page.getByLabel("Rename @Shopping to").fill("two words");
  await labels.getByRole("listitem").filter({ hasText: "@Shopping" }).getByRole("button", { name: "Rename" }).click();
  await expect(page.getByLabel("Rename @Shopping to")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo, "the Labels page with a refused rename");

  // Removing asks first: nothing changes until it is confirmed.
  await expect(page.getByRole("button", { name: "Remove @post-office from every task" })).toBeHidden();
  await labels.getByRole("listitem").filter({ hasText: "@post-office" }).getByText("Remove…").click();
  await expect(page.getByText("Take @post-office off every task in Home that has it?")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "the Labels page asking before a removal");
  await page.getByRole("button", { name: "Remove @post-office from every task" }).click();
  await expect(flash(page).locator("p")).toContainText("Removed the label @post-office from 1 task");
  await expect(labels.getByRole("link")).toHaveText(["@Shopping"]);

  await page.goto(`/lists/${listId}`);
  await expect(row(page, "Buy stamps").getByRole("link", { name: /^@/ })).toHaveText(["@Shopping"]);
  await expect(row(page, "Water the plants").getByRole("link", { name: /^@/ })).toHaveCount(0);
});
