import { resolveListAccess } from "#src/lists/list-access.ts";
import { setTaskPriority, setTaskStatus } from "#src/tasks/task-service.ts";
import { markDocument, openLive, sameDocument } from "./support/live.ts";
import { seedList, seedTasksIn, shareList, signedInUser } from "./support/seed.ts";
import { expect as baseExpect, test } from "./support/test.ts";

// Rows another member changes update in place, and a screen reader is told briefly what they
// did ("ana completed Pay rent"), from the live-updates client (loaded after hydration).

// A page's reload after a notice can take seconds on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

test("a member's changes to an open list's rows are told in a polite region, by name", async ({ browser, page }) => {
  const owner = await signedInUser(page, "said-owner");
  const listId = await seedList(owner, "Flat");
  const [rent, fern] = await seedTasksIn(owner, listId, [{ title: "Pay rent" }, { title: "Water the fern" }]);
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  try {
    const member = await signedInUser(await context.newPage(), "said-member");
    await shareList(owner, listId, member, "editor");
    const name = member.email.split("@")[0];
    await openLive(page, `/lists/${listId}`);
    await markDocument(page);
    const said = page.locator("[data-live-said]");
    await expect(said).toHaveAttribute("role", "status");
    const access = await resolveListAccess(member.id, listId);

    await setTaskStatus(access, rent!.id, { status: "done", "base.status": "todo", version: "1" });

    await expect(said).toHaveText(`${name} completed Pay rent.`);
    const row = page.locator(`li[data-task-id="${rent!.id}"]`);
    await expect(row.locator("[data-status]")).toHaveText("Done");

    await setTaskPriority(access, fern!.id, { priority: "urgent", "base.priority": "none", version: "1" });
    await expect(said).toHaveText(`${name} set the priority of Water the fern to Urgent.`);
    expect(await sameDocument(page)).toBe(true);
  } finally {
    await context.close();
  }
});
