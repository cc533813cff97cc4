import { expect, test, type Page } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";

// The quick-add preview (issue 24): what the title says, shown under the field as it is typed,
// its code loaded on first use of the field; a recognised word can be left as text.

function form(page: Page) {
  return page.getByRole("region", { name: "Add a task" });
}

test("the preview loads on first focus of the field, not with the page, and shows what was understood", async ({
  page,
}, testInfo) => {
  await signedInUser(page, "preview-lazy");
  const requested: string[] = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.goto("/tasks");
  await expect(form(page).getByRole("button", { name: "Add task" })).toBeEnabled();
  expect(requested.filter((path) => path.includes("quick-add"))).toEqual([]);

  await form(page).getByLabel("Title").click();
  await page.keyboard.type("Buy milk tomorrow p1");

  await expect(form(page).locator("#new-understood")).toContainText("Tomorrow · Urgent");
  expect(requested.filter((path) => path.includes("quick-add")).length).toBeGreaterThan(0);
  await expectNoAxeViolations(page, testInfo, "quick-add preview");
});

test("a dismissed word stays text: the task keeps it in its title and gets no date", async ({ page }) => {
  await signedInUser(page, "preview-dismiss");
  await page.goto("/tasks");
  await form(page).getByLabel("Title").click();
  await page.keyboard.type("Sat on the report p2");
  await expect(form(page).locator("#new-understood")).toContainText("High");

  await form(page).getByRole("button", { name: "Keep “Sat” as text" }).click();

  await expect(form(page).locator("#new-understood")).not.toContainText("Sat ");
  await expect(form(page).getByLabel("Title")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(flash(page).locator("p")).toHaveText("Added “Sat on the report” · High.");
  await expect(taskLinks(page)).toHaveText(["Sat on the report"]);
  // Emptied for the next task, preview and dismissed words included.
  await expect(form(page).getByLabel("Title")).toHaveValue("");
  await expect(form(page).locator("#new-understood")).toHaveCount(0);
  await expect(form(page).locator('input[name="keep"]')).toHaveValue("");
});
