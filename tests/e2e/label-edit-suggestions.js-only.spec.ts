import { expect, test } from "./support/test.ts";
import { seedList, seedTasksIn, signedInUser } from "./support/seed.ts";
import { resolveLabelNames } from "#src/tasks/label-service.ts";

// With JavaScript, the edit form's labels field suggests the labels of the list picked in the
// form, read when it is picked; back on the task's own list, its own again. (Without JavaScript
// it keeps the task's list's; the save checks the labels against the target either way:
// label-moves.spec.ts and tests/integration/label-edit-move.test.ts.)

test("picking another list in the edit form suggests that list's labels", async ({ page }) => {
  const user = await signedInUser(page, "label-suggest");
  const home = await seedList(user, "Home");
  const work = await seedList(user, "Work");
  await resolveLabelNames(work, ["report", "Meeting"]);
  const [task] = await seedTasksIn(user, home, [{ title: "Plan the week", labels: "garden" }]);
  await page.goto(`/lists/${home}/tasks/${task?.id ?? ""}`);

  const edit = page.getByRole("region", { name: "Edit task" });
  const hint = edit.locator("#edit-labels-hint");
  const options = edit.locator("#edit-labels-known option");
  await expect(hint).toContainText("This list's labels: garden.");
  await expect(options).toHaveCount(1);

  await edit.getByLabel("List", { exact: true }).selectOption({ label: "Work" });
  await expect(hint).toContainText("Labels in Work: Meeting, report.");
  await expect(options).toHaveCount(2);
  await expect(edit.getByLabel("Labels")).toHaveAttribute("list", "edit-labels-known");
  expect(await options.evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value))).toEqual([
    "Meeting",
    "report",
  ]);

  // A list with no labels suggests none; the task's own list its own again.
  await edit.getByLabel("List", { exact: true }).selectOption({ label: "Inbox" });
  await expect(hint).not.toContainText("labels:");
  await expect(options).toHaveCount(0);
  await edit.getByLabel("List", { exact: true }).selectOption({ label: "Home" });
  await expect(hint).toContainText("This list's labels: garden.");
});
