import { expect, test, type Page } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { createUser, seedTask, signInAs, type User } from "./support/seed.ts";
import { updateAccountSettings } from "#src/accounts/settings-service.ts";
import { changeSubtasks } from "#src/tasks/subtask-service.ts";
import { inboxAccess } from "#src/lists/list-access.ts";

// Sub-tasks (issue 24), with and without JavaScript: the task page's checklist (add, tick,
// rename, reorder, remove), its progress on the row, and the row's one-click tick of the next.

/**
 * A signed-in user whose time zone is set: a first page otherwise reports the browser's zone
 * and revalidates when that is saved, which can swallow a change made in the same moment.
 */
async function signedInUser(page: Page, label: string): Promise<User> {
  const account = await createUser(label);
  await updateAccountSettings((await signInAs(page, account)).id, { timeZone: "UTC" });
  return signInAs(page, account);
}

function checklist(page: Page) {
  return page.getByRole("region", { name: /^Sub-tasks/ });
}

function steps(page: Page) {
  return checklist(page).getByRole("listitem");
}

async function addStep(page: Page, title: string) {
  await checklist(page).getByLabel("Add a sub-task").fill(title);
  await checklist(page).getByRole("button", { name: "Add", exact: true }).click();
  await expect(steps(page).last()).toContainText(title);
}

async function openEdit(page: Page, title: string) {
  // A menu left open by the last change (with JavaScript) closes on Escape, as every menu does.
  await page.keyboard.press("Escape");
  await checklist(page).locator(`summary[aria-label="Edit “${title}”"]`).click();
}

test("the task page's checklist: add, tick, rename, reorder and remove; the row shows 2/5 and ticks the next", async ({
  page,
}, testInfo) => {
  // A whole journey: some 20 page loads without JavaScript on a busy machine.
  test.slow();
  const withJs = testInfo.project.name === "javascript";
  const user = await signedInUser(page, "subtasks");
  const task = await seedTask(user, { title: "Pack for the trip" });
  await page.goto(`/tasks/${task.id}`);
  await expect(checklist(page)).toContainText("No sub-tasks yet.");

  for (const title of ["Passport", "Charger", "Socks", "Hat", "Book", "Umbrella"]) await addStep(page, title);
  await expect(steps(page)).toHaveText(
    ["Passport", "Charger", "Socks", "Hat", "Book", "Umbrella"].map((t) => new RegExp(`^${t}Edit`)),
  );
  // With JavaScript the field is empty again and keeps focus for the next step.
  if (withJs) await expect(checklist(page).getByLabel("Add a sub-task")).toBeFocused();
  await expect(checklist(page).getByLabel("Add a sub-task")).toHaveValue("");

  // Tick two.
  for (const title of ["Passport", "Socks"]) {
    const toggle = checklist(page).getByRole("button", { name: title, exact: true });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    if (withJs) await expect(toggle).toBeFocused();
  }

  // Rename.
  await openEdit(page, "Book");
  await checklist(page).getByLabel("Rename").filter({ visible: true }).fill("  Novel ");
  await checklist(page).getByRole("button", { name: "Save", exact: true }).filter({ visible: true }).click();
  await expect(checklist(page).getByRole("button", { name: "Novel", exact: true })).toBeVisible();

  // Reorder: Hat up above Socks.
  await openEdit(page, "Hat");
  await checklist(page).getByRole("button", { name: "Move up" }).filter({ visible: true }).click();
  await expect(steps(page).nth(2)).toContainText("Hat");
  if (withJs)
    await expect(checklist(page).getByRole("button", { name: "Move up" }).filter({ visible: true })).toBeFocused();

  // Remove.
  if (!withJs) await page.reload();
  await openEdit(page, "Umbrella");
  await checklist(page).getByRole("button", { name: "Remove" }).filter({ visible: true }).click();
  await expect(steps(page)).toHaveCount(5);
  await expect(steps(page)).toHaveText(
    ["Passport", "Charger", "Hat", "Socks", "Novel"].map((t) => new RegExp(`^${t}`)),
  );
  await expect(page.getByRole("heading", { name: "Sub-tasks 2/5 done" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "the task page with a checklist");

  // A bad title is refused with its reason beside the field, and what was typed stays.
  await checklist(page).getByLabel("Add a sub-task").fill("\u200b");
  await checklist(page).getByRole("button", { name: "Add", exact: true }).click();
  await expect(checklist(page).getByText("A sub-task is required.")).toBeVisible();
  await expect(steps(page)).toHaveCount(5);

  // The row: progress, and the next step ticked in one click.
  await page.goto("/tasks");
  const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Pack for the trip" }) });
  await expect(row.locator(".subtask-next")).toHaveText("2/5 · Charger");
  await expectNoAxeViolations(page, testInfo, "a row with its checklist's progress");
  await row.getByRole("button", { name: "Tick “Charger” (2 of 5 sub-tasks done)" }).click();
  await expect(row.locator(".subtask-next")).toHaveText("3/5 · Hat");
  await expect(row.getByRole("button", { name: "Tick “Hat” (3 of 5 sub-tasks done)" })).toBeVisible();
  if (!withJs) await expect(flash(page).locator("p")).toHaveText("Ticked “Charger” of “Pack for the trip”.");
});

test("a checklist changed in another tab: the change is refused with a clear message and the list as it is now", async ({
  page,
}) => {
  const user = await signedInUser(page, "subtasks-clash");
  const made = await seedTask(user, { title: "Plan the party" });
  const { task } = await changeSubtasks(inboxAccess(user.id), made.id, "add", { title: "Cake", version: "1" });
  await page.goto(`/tasks/${task.id}`);
  // Another tab adds a step meanwhile.
  await changeSubtasks(inboxAccess(user.id), made.id, "add", { title: "Balloons", version: String(task.version) });

  await checklist(page).getByRole("button", { name: "Cake", exact: true }).click();

  await expect(checklist(page).getByText(/changed since you loaded it/)).toBeVisible();
  await expect(steps(page)).toHaveText([/^Cake/, /^Balloons/]);
  await expect(checklist(page).getByRole("button", { name: "Cake", exact: true })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  // Ticking again, now based on what is stored (once the page has it), works.
  await expect(checklist(page).getByRole("list")).not.toHaveAttribute("aria-busy", "true");
  await checklist(page).getByRole("button", { name: "Cake", exact: true }).click();
  await expect(checklist(page).getByRole("button", { name: "Cake", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});
