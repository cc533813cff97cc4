import type { Browser, BrowserContext } from "@playwright/test";
import { addTaskViaForm, flash } from "./support/app.ts";
import { countNotices, expectHeard, markDocument, openLive, sameDocument } from "./support/live.ts";
import { seedList, seedTasksIn, shareList, signedInUser } from "./support/seed.ts";
import { expect as baseExpect, test, type Page } from "./support/test.ts";

// Two people sharing a list, each in a browser of their own, with JavaScript: every kind of
// write one of them makes reaches the other's open list page and board (the notice within 2 s
// of the write answering) and shows there without a reload; a member removed from the list is
// told once (their open page lets it go) and hears nothing more about it; a non-member's open page
// hears nothing of it at all. (Inviting and accepting through the pages, with and without
// JavaScript, is sharing-two-users.spec.ts; here the membership service arranges it.)

// Three pages and a socket each on a machine shared by many suites: a write and the pages'
// reloads can each take seconds, so steps here wait longer than the suite's 10 s (the notices
// themselves are held to 2 s: expectHeard).
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 300_000 });

async function secondBrowser(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: process.env.E2E_BASE_URL });
}

/** The titles in a list page's list of tasks (labelled with the list's name). */
function titles(page: Page, listName: string) {
  return page.getByRole("list", { name: listName, exact: true }).getByRole("link");
}

function row(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

function column(board: Page, status: "To do" | "In progress" | "Done") {
  return board.getByRole("list", { name: `${status} tasks` });
}

test("each kind of write by one member reaches the other's open list page and board, without a reload", async ({
  browser,
  page,
}) => {
  const owner = await signedInUser(page, "live-owner");
  const listId = await seedList(owner, "Household");
  await seedTasksIn(owner, listId, [{ title: "Water the plants" }]);
  const memberContext = await secondBrowser(browser);
  try {
    const memberPage = await memberContext.newPage();
    const member = await signedInUser(memberPage, "live-member");
    await shareList(owner, listId, member, "editor");
    const board = await page.context().newPage();
    const listHeard = countNotices(page, listId);
    const boardHeard = countNotices(board, listId);
    await openLive(page, `/lists/${listId}`);
    await openLive(board, `/lists/${listId}/board`);
    await openLive(memberPage, `/lists/${listId}`);
    await markDocument(page);
    await markDocument(board);
    const ownerList = titles(page, "Household");

    /** Runs the member's write (to its confirmation); the owner's two pages hear of it within 2 s. */
    async function write(change: () => Promise<void>) {
      const before = [listHeard(), boardHeard()] as const;
      await change();
      await expectHeard(listHeard, before[0]);
      await expectHeard(boardHeard, before[1]);
    }

    await test.step("create", async () => {
      await write(async () => {
        await addTaskViaForm(memberPage, { title: "Pay rent" });
        await expect(titles(memberPage, "Household")).toHaveText(["Pay rent", "Water the plants"]);
      });
      await expect(ownerList).toHaveText(["Pay rent", "Water the plants"]);
      await expect(column(board, "To do").getByRole("link", { name: "Pay rent" })).toBeVisible();
    });

    await test.step("one-click status", async () => {
      await write(async () => {
        await memberPage.getByRole("button", { name: "Mark “Pay rent” as done" }).click();
        // Said once the server has answered (the row itself changes at once).
        await expect(memberPage.locator("[data-quick-done]")).toHaveText("Moved “Pay rent” to Done.");
      });
      await expect(row(page, "Pay rent").locator("[data-status]")).toHaveText("Done");
      await expect(column(board, "Done").getByRole("link", { name: "Pay rent" })).toBeVisible();
    });

    await test.step("edit", async () => {
      await titles(memberPage, "Household").getByText("Pay rent").click();
      const form = memberPage.getByRole("region", { name: "Edit task" });
      await form.getByLabel("Title").fill("Pay the rent");
      await write(async () => {
        await form.getByRole("button", { name: "Save changes" }).click();
        await expect(memberPage.getByRole("heading", { level: 1 })).toHaveText("Pay the rent");
      });
      await expect(ownerList).toHaveText(["Pay the rent", "Water the plants"]);
      await expect(column(board, "Done").getByRole("link", { name: "Pay the rent" })).toBeVisible();
    });

    await test.step("bulk", async () => {
      await openLive(memberPage, `/lists/${listId}`);
      for (const title of ["Pay the rent", "Water the plants"])
        await memberPage.getByRole("checkbox", { name: `Select “${title}”` }).check();
      const toolbar = memberPage.getByRole("form", { name: "Change the selected tasks" });
      await toolbar.getByLabel("With selected").selectOption("status");
      await toolbar.getByLabel("Status").selectOption("in_progress");
      await write(async () => {
        await toolbar.getByRole("button", { name: "Set the status of 2 tasks" }).click();
        await expect(flash(memberPage).locator("p")).toHaveText("Moved 2 tasks to In progress.");
      });
      for (const title of ["Pay the rent", "Water the plants"]) {
        await expect(row(page, title).locator("[data-status]")).toHaveText("In progress");
        await expect(column(board, "In progress").getByRole("link", { name: title })).toBeVisible();
      }
    });

    await test.step("delete, then undo", async () => {
      await titles(memberPage, "Household").getByText("Water the plants").click();
      await memberPage.getByText("Delete this task…").click();
      await write(async () => {
        await memberPage.getByRole("button", { name: "Yes, delete it" }).click();
        await expect(flash(memberPage).locator("p")).toHaveText("Deleted “Water the plants”.");
      });
      await expect(ownerList).toHaveText(["Pay the rent"]);
      await expect(board.getByRole("link", { name: "Water the plants" })).toHaveCount(0);

      await write(async () => {
        await flash(memberPage).getByRole("button", { name: "Undo" }).click();
        await expect(flash(memberPage).locator("p")).toHaveText("Restored 1 task.");
      });
      await expect(ownerList).toHaveText(["Pay the rent", "Water the plants"]);
      await expect(column(board, "In progress").getByRole("link", { name: "Water the plants" })).toBeVisible();
    });

    expect(await sameDocument(page)).toBe(true);
    expect(await sameDocument(board)).toBe(true);
  } finally {
    await memberContext.close();
  }
});

test("a removed member's open page hears nothing more about the list; a non-member's page hears nothing of it", async ({
  browser,
  page,
}) => {
  const owner = await signedInUser(page, "live-owner");
  const listId = await seedList(owner, "Book club");
  const memberContext = await secondBrowser(browser);
  const strangerContext = await secondBrowser(browser);
  try {
    const memberPage = await memberContext.newPage();
    const strangerPage = await strangerContext.newPage();
    const member = await signedInUser(memberPage, "live-member");
    await signedInUser(strangerPage, "live-stranger");
    await shareList(owner, listId, member, "editor");
    const ownerHeard = countNotices(page, listId);
    const memberHeard = countNotices(memberPage, listId);
    const strangerHeard = countNotices(strangerPage, listId);
    await openLive(page, `/lists/${listId}`);
    await openLive(memberPage, `/lists/${listId}`);
    await openLive(strangerPage, "/tasks");

    await test.step("while a member, they hear of a change (so the count can tell)", async () => {
      await addTaskViaForm(page, { title: "Chapter one" });
      await expect(titles(page, "Book club")).toHaveText(["Chapter one"]);
      await expectHeard(memberHeard, 0);
      await expect(titles(memberPage, "Book club")).toHaveText(["Chapter one"]);
    });

    await test.step("the owner removes them: their open page lets the list go at once, without a reload", async () => {
      await markDocument(memberPage);
      const before = memberHeard();
      const share = await page.context().newPage();
      await share.goto(`/lists/${listId}/share`);
      await share.getByRole("button", { name: `Remove ${member.email}` }).click();
      await expect(share.getByText(member.email, { exact: true })).toHaveCount(0);
      await share.close();
      // Told once, at the removal: the page reloads its data and finds the list gone.
      await expectHeard(memberHeard, before);
      await expect(memberPage.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await expect(memberPage.getByText("List not found.")).toBeVisible();
      expect(await sameDocument(memberPage)).toBe(true);
      expect((await memberPage.request.get(`/lists/${listId}`)).status()).toBe(404);
    });

    await test.step("changes after the removal reach the owner's page, not theirs", async () => {
      const memberBefore = memberHeard();
      const ownerBefore = ownerHeard();
      await addTaskViaForm(page, { title: "Chapter two" });
      await expect(titles(page, "Book club")).toHaveText(["Chapter two", "Chapter one"]);
      await addTaskViaForm(page, { title: "Chapter three" });
      await expect(titles(page, "Book club")).toHaveText(["Chapter three", "Chapter two", "Chapter one"]);
      // The owner's own page was told of both (the same fan-out that would have told the member).
      await expect.poll(ownerHeard).toBeGreaterThanOrEqual(ownerBefore + 2);
      expect(memberHeard()).toBe(memberBefore);
      await expect(memberPage.getByText("Chapter three")).toHaveCount(0);
    });

    expect(strangerHeard()).toBe(0);
  } finally {
    await memberContext.close();
    await strangerContext.close();
  }
});
