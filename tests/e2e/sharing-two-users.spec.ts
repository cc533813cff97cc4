import type { Browser, BrowserContext, TestInfo } from "@playwright/test";
import { addTaskViaForm } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedList, seedTasksIn, shareList, signedInUser } from "./support/seed.ts";
import { expect, test, type Page } from "./support/test.ts";

// Two people sharing a list, each in a browser of their own, with and without JavaScript (the
// sharing pages are plain forms): the owner invites by email, the invitee accepts at
// /invitations, both see the list; a viewer sees no control that would fail; a removed member
// loses the list at their next request.

/** A second person's browser: a context of its own, with or without JavaScript like the test's. */
async function secondBrowser(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false,
  });
}

/** The titles in the list page's list of tasks (labelled with the list's name). */
function titles(page: Page, listName: string) {
  return page.getByRole("list", { name: listName, exact: true }).getByRole("link");
}

function listNav(page: Page) {
  return page.getByRole("navigation", { name: "Lists" });
}

test("the owner invites a second user as an editor; they accept, both see and change the list; removed, it is gone", async ({
  browser,
  page,
}, testInfo) => {
  const owner = await signedInUser(page, "share-owner");
  const listId = await seedList(owner, "Groceries");
  await seedTasksIn(owner, listId, [{ title: "Buy oat milk" }]);
  const memberContext = await secondBrowser(browser, testInfo);
  try {
    const memberPage = await memberContext.newPage();
    const member = await signedInUser(memberPage, "share-member");

    await test.step("the owner invites the member by email, as an editor", async () => {
      await page.goto(`/lists/${listId}/share`);
      await page.getByLabel("Email address").fill(member.email);
      await page.getByRole("radio", { name: /^Editor:/ }).check();
      await page.getByRole("button", { name: "Send invitation" }).click();
      const waiting = page.getByRole("region", { name: /^Waiting for an answer/ });
      await expect(waiting.getByRole("listitem").filter({ hasText: member.email })).toBeVisible();
      await expect(waiting.getByText(/^Editor · expires/)).toBeVisible();
    });

    await test.step("the member sees it waiting in the lists' navigation, follows it and accepts", async () => {
      await memberPage.goto("/tasks");
      await listNav(memberPage).getByRole("link", { name: "1 invitation waiting" }).click();
      await expect(memberPage).toHaveURL(/\/invitations$/);
      await expect(memberPage.getByRole("heading", { name: "“Groceries”" })).toBeVisible();
      await expectNoAxeViolations(memberPage, testInfo, "invitations, one waiting");
      await memberPage.getByRole("button", { name: "Accept the invitation to “Groceries”" }).click();
      await expect(memberPage).toHaveURL(new RegExp(`/lists/${listId}$`));
      await expect(titles(memberPage, "Groceries")).toHaveText(["Buy oat milk"]);
      await expect(listNav(memberPage).getByRole("link", { name: /^Groceries/ })).toBeVisible();
      await expect(listNav(memberPage).getByRole("link", { name: /invitations? waiting/ })).toHaveCount(0);
    });

    await test.step("the member adds a task; the owner sees it", async () => {
      await addTaskViaForm(memberPage, { title: "Bake bread" });
      await expect(titles(memberPage, "Groceries")).toHaveText(["Bake bread", "Buy oat milk"]);
      await page.goto(`/lists/${listId}`);
      await expect(titles(page, "Groceries")).toHaveText(["Bake bread", "Buy oat milk"]);
    });

    await test.step("the owner removes the member: the list is gone from their next request", async () => {
      await page.goto(`/lists/${listId}/share`);
      const members = page.getByRole("region", { name: /^Members/ });
      const memberRow = members.getByRole("listitem").filter({ hasText: member.email });
      await expect(memberRow).toContainText("Editor");
      await page.getByRole("button", { name: `Remove ${member.email}` }).click();
      await expect(memberRow).toHaveCount(0);

      const response = await memberPage.goto(`/lists/${listId}`);
      expect(response?.status()).toBe(404);
      await expect(memberPage.getByText("Bake bread")).toHaveCount(0);
      await memberPage.goto("/tasks");
      await expect(listNav(memberPage).getByRole("link", { name: /^Inbox/ })).toBeVisible();
      await expect(listNav(memberPage).getByRole("link", { name: /^Groceries/ })).toHaveCount(0);
      await expect(memberPage.getByText("Buy oat milk")).toHaveCount(0);
    });
  } finally {
    await memberContext.close();
  }
});

test("a viewer reads the shared list but sees no control that would change it", async ({ browser, page }, testInfo) => {
  const owner = await signedInUser(page, "share-owner");
  const listId = await seedList(owner, "Film club");
  const [task] = await seedTasksIn(owner, listId, [{ title: "Pick the film" }]);
  const viewerContext = await secondBrowser(browser, testInfo);
  try {
    const viewerPage = await viewerContext.newPage();
    const viewer = await signedInUser(viewerPage, "share-viewer");
    await shareList(owner, listId, viewer, "viewer");

    await viewerPage.goto(`/lists/${listId}`);
    await expect(titles(viewerPage, "Film club")).toHaveText(["Pick the film"]);
    await expect(viewerPage.getByRole("region", { name: "Add a task" })).toHaveCount(0);
    await expect(viewerPage.getByRole("checkbox", { name: "Select “Pick the film”" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Mark “Pick the film” as done" })).toHaveCount(0);
    await expect(viewerPage.getByLabel(/^Status of “Pick the film”/)).toHaveCount(0);
    await expect(viewerPage.getByRole("form", { name: "Change the selected tasks" })).toBeHidden();
    await expectNoAxeViolations(viewerPage, testInfo, "a shared list, as its viewer");

    await viewerPage.goto(`/lists/${listId}/board`);
    await expect(viewerPage.getByRole("link", { name: "Pick the film" })).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: /^Move “Pick the film”/ })).toHaveCount(0);

    await viewerPage.goto(`/lists/${listId}/tasks/${task?.id ?? ""}`);
    await expect(viewerPage.getByRole("heading", { level: 1 })).toHaveText("Pick the film");
    await expect(viewerPage.getByRole("region", { name: "Edit task" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: /delete/i })).toHaveCount(0);

    await viewerPage.goto(`/lists/${listId}/share`);
    await expect(viewerPage.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  } finally {
    await viewerContext.close();
  }
});
