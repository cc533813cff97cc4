import type { BrowserContext } from "@playwright/test";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { getTask, updateTask } from "#src/tasks/task-service.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { countNotices, expectHeard, markDocument, openLive, sameDocument } from "./support/live.ts";
import { seedList, seedTasksIn, shareList, signedInUser, type User } from "./support/seed.ts";
import { expect as baseExpect, test } from "./support/test.ts";

// A task's page open with its edit form while another member changes the task: with JavaScript
// the page follows the task's list, and the form says at once who changed it and what, keeping
// what the user typed (and focus) until they choose theirs or keep their own. Without
// JavaScript the page stays as loaded and a save meets the conflict panel, as before (other specs).

// Two browsers and a socket on a busy machine: a page's reload can take seconds.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

/** The member's save of the edit form elsewhere (their own device), at the version stored now. */
async function changeAs(member: User, listId: string, taskId: string, fields: Record<string, string>) {
  const access = await resolveListAccess(member.id, listId);
  const current = await getTask(access, taskId);
  return updateTask(access, taskId, {
    title: current.title,
    description: current.description,
    status: current.status,
    dueDate: current.dueDate ?? "",
    priority: current.priority,
    ...fields,
    version: String(current.version),
  });
}

test("an open edit form says who changed the task and what, keeps the typing, and lets the user keep theirs or use theirs", async ({
  browser,
  page,
}, testInfo) => {
  const owner = await signedInUser(page, "changed-owner");
  const listId = await seedList(owner, "Flat");
  const [task] = await seedTasksIn(owner, listId, [{ title: "Pay rent", description: "By transfer" }]);
  let memberContext: BrowserContext | undefined;
  try {
    memberContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    const member = await signedInUser(await memberContext.newPage(), "changed-member");
    await shareList(owner, listId, member, "editor");
    const memberName = member.email.split("@")[0];
    await openLive(page, `/lists/${listId}/tasks/${task!.id}`);
    await markDocument(page);

    // The owner is typing a new title when the member marks the task done and rewords it.
    const title = page.getByRole("textbox", { name: "Title" });
    await title.fill("Pay rent for December");
    await changeAs(member, listId, task!.id, { status: "done", description: "By standing order" });

    const notice = page.locator("[data-changed-elsewhere]");
    await expect(notice.getByRole("heading", { name: `Changed by ${memberName} just now` })).toBeVisible();
    await expect(title).toHaveValue("Pay rent for December");
    await expect(title).toBeFocused();
    await notice.getByText("See what changed").click();
    await expect(notice.locator("[data-changed-field]")).toHaveCount(2);
    await expect(notice.locator('[data-changed-field="status"]')).toHaveText("Done");
    await expect(notice.locator('[data-changed-field="description"]')).toHaveText("By standing order");
    // The task's card above the form shows it as it is now.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay rent");
    await expect(page.getByText("By standing order", { exact: true }).first()).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "a task changed elsewhere while its form is open");

    // Keep mine: the notice goes, the typing stays; saving shows both before overwriting.
    await notice.getByRole("button", { name: "Keep mine" }).click();
    await expect(notice).toHaveCount(0);
    await expect(title).toHaveValue("Pay rent for December");
    await expect(title).toBeFocused();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: "Someone else changed this task" })).toBeVisible();
    await expect(title).toHaveValue("Pay rent for December");
    await expect(page.getByLabel("Status")).toHaveValue("done");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay rent for December");

    // Another change, and this time the owner takes theirs: the form shows the task as it is now.
    await page.getByRole("textbox", { name: "Description" }).fill("Something I will drop");
    await changeAs(member, listId, task!.id, { priority: "urgent" });
    await expect(notice.getByRole("heading", { name: `Changed by ${memberName} just now` })).toBeVisible();
    await notice.getByRole("button", { name: "Use theirs" }).click();
    await expect(notice).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Description" })).toHaveValue("By standing order");
    await expect(page.getByLabel("Priority")).toHaveValue("urgent");
    await expect(title).toBeFocused();
    expect(await sameDocument(page)).toBe(true);
  } finally {
    await memberContext?.close();
  }
});

test("the page's own checklist change and save bring no notice", async ({ page }) => {
  const owner = await signedInUser(page, "changed-own");
  const listId = await seedList(owner, "Mine");
  const [task] = await seedTasksIn(owner, listId, [{ title: "Plan the trip" }]);
  const heard = countNotices(page, listId);
  await openLive(page, `/lists/${listId}/tasks/${task!.id}`);

  await page.getByRole("textbox", { name: "Title" }).fill("Plan the trip to Porto");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan the trip to Porto");
  const step = page.getByRole("textbox", { name: "Add a sub-task" });
  await step.fill("Book the train");
  await step.press("Enter");
  await expect(page.getByText("Book the train")).toBeVisible();
  const before = heard();
  await page.getByRole("textbox", { name: "Title" }).fill("Plan the trip to Porto by train");

  // The checklist's own notice comes back and the page reloads its data: still no notice, and
  // the form keeps the typing (the checklist changed none of its fields).
  await expectHeard(heard, before - 1);
  await expect(page.locator("li").filter({ hasText: "Book the train" })).toBeVisible();
  await expect(page.locator("[data-changed-elsewhere]")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue("Plan the trip to Porto by train");
});
