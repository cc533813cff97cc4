import type { Browser, BrowserContext, TestInfo } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe.ts";
import { seedList, seedTasksIn, shareList, signedInUser } from "./support/seed.ts";
import { expect, test } from "./support/test.ts";

// Assigning a task of a shared list, with and without JavaScript (the row's menu and the edit
// form are plain forms): the owner assigns from the row, the member finds it under "Assigned to
// me", unassigns it from the edit form; removed from the list, their view shows none of it.

async function secondBrowser(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false,
  });
}

test("the owner assigns from a row; the member finds it under Assigned to me and unassigns it; removal empties their view", async ({
  browser,
  page,
}, testInfo) => {
  const owner = await signedInUser(page, "assign-owner");
  const listId = await seedList(owner, "Garden");
  await seedTasksIn(owner, listId, [{ title: "Rake the leaves", dueDate: "2031-03-01" }, { title: "Mow the lawn" }]);
  const memberContext = await secondBrowser(browser, testInfo);
  try {
    const memberPage = await memberContext.newPage();
    const member = await signedInUser(memberPage, "assign-member");
    await shareList(owner, listId, member, "editor");

    await test.step("the owner assigns “Mow the lawn” to the member from its row", async () => {
      await page.goto(`/lists/${listId}`);
      const menu = page.getByLabel("“Mow the lawn” is assigned to nobody. Change who");
      await menu.click();
      await page.getByRole("button", { name: member.email, exact: true }).click();
      const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Mow the lawn" }) });
      await expect(row.getByLabel(`“Mow the lawn” is assigned to ${member.email}. Change who`)).toBeVisible();
      // With JavaScript the row stays put and screen readers hear what changed, in the server's words.
      if (testInfo.project.use.javaScriptEnabled !== false)
        await expect(page.locator("[data-quick-done]")).toHaveText(`Assigned “Mow the lawn” to ${member.email}.`);
      else await expect(page.getByText(`Assigned “Mow the lawn” to ${member.email}.`)).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "a shared list with an assigned task");
    });

    await test.step("the member opens Assigned to me from the navigation: the task, and nothing else", async () => {
      await memberPage.goto("/tasks");
      await memberPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assigned to me" }).click();
      await expect(memberPage).toHaveURL(/\/tasks\?assignee=me$/);
      await expect(memberPage.getByRole("heading", { level: 1 })).toHaveText("Assigned to me");
      const list = memberPage.getByRole("list", { name: "Tasks assigned to me" });
      await expect(list.getByRole("link")).toHaveText(["Mow the lawn"]);
      await expect(memberPage.getByRole("link", { name: "Assigned to me" })).toHaveAttribute("aria-current", "page");
      await expectNoAxeViolations(memberPage, testInfo, "Assigned to me, one task");
    });

    await test.step("the member unassigns it from the edit form; it leaves their view", async () => {
      await memberPage.getByRole("link", { name: "Mow the lawn" }).click();
      await expect(memberPage.getByText(`Assigned to ${member.email}`)).toBeVisible();
      await expect(memberPage.getByLabel("Assigned to")).toHaveValue(member.id);
      await memberPage.getByLabel("Assigned to").selectOption({ label: "Nobody" });
      await memberPage.getByRole("button", { name: "Save changes" }).click();
      await expect(memberPage.getByText("Saved your changes to “Mow the lawn”.")).toBeVisible();
      await expect(memberPage.getByText(`Assigned to ${member.email}`)).toHaveCount(0);
      await memberPage.goto("/tasks?assignee=me");
      await expect(memberPage.getByText("Nothing is assigned to you")).toBeVisible();
    });

    await test.step("assigned again, then removed from the list: their view shows nothing of it", async () => {
      await page.goto(`/lists/${listId}`);
      await page.getByLabel("“Rake the leaves” is assigned to nobody. Change who").click();
      await page.getByRole("button", { name: member.email, exact: true }).click();
      await expect(page.getByLabel(`“Rake the leaves” is assigned to ${member.email}. Change who`)).toBeVisible();
      await memberPage.goto("/tasks?assignee=me");
      await expect(memberPage.getByRole("link", { name: "Rake the leaves" })).toBeVisible();

      await page.goto(`/lists/${listId}/share`);
      await page.getByRole("button", { name: `Remove ${member.email}` }).click();
      await expect(page.getByRole("button", { name: `Remove ${member.email}` })).toHaveCount(0);
      await memberPage.goto("/tasks?assignee=me");
      await expect(memberPage.getByText("Nothing is assigned to you")).toBeVisible();
      await expect(memberPage.getByText("Rake the leaves")).toHaveCount(0);
      // The task stays in the list, assigned to nobody.
      await page.goto(`/lists/${listId}`);
      await expect(page.getByRole("link", { name: "Rake the leaves" })).toBeVisible();
      await expect(page.getByText(member.email)).toHaveCount(0);
    });
  } finally {
    await memberContext.close();
  }
});
