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

test("More options come as the server's HTML: the page hydrates without an error, and a refusal shows them open with what was typed and why", async ({
  page,
}) => {
  await signedInUser(page, "more-options-html");
  const errors: string[] = [];
  page.on("console", (message) => {
    // The refusal's 400 is the browser's own line; anything else (a hydration error) is not expected.
    if (/^Failed to load resource: .* 400/.test(message.text())) return;
    if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/tasks");
  await expect(form(page).getByRole("button", { name: "Add task" })).toBeEnabled();
  const details = form(page).locator("details");
  await expect(details).not.toHaveAttribute("open");

  await form(page).getByText("More options").click();
  await form(page).getByLabel("Title").fill("Stretch");
  await form(page).getByLabel("Description").fill("Ten minutes");
  await form(page).getByLabel("Due time").fill("09:00");
  await form(page).getByRole("button", { name: "Add task" }).click();

  // Refused (a time needs a date): the options open, the field says why and has focus.
  await expect(details).toHaveAttribute("open");
  await expect(form(page).getByLabel("Due time")).toHaveAttribute("aria-invalid", "true");
  await expect(form(page).getByText("Give the task a due date for its time.")).toBeVisible();
  await expect(form(page).getByLabel("Due time")).toBeFocused();
  await expect(form(page).getByLabel("Description")).toHaveValue("Ten minutes");
  await expect(form(page).getByLabel("Title")).toHaveValue("Stretch");

  await form(page).getByLabel("Due date").fill("2031-05-06");
  await form(page).getByRole("button", { name: "Add task" }).click();
  await expect(flash(page).locator("p")).toHaveText("Added “Stretch”.");
  await expect(taskLinks(page)).toHaveText(["Stretch"]);
  await expect(form(page).getByLabel("Due time")).not.toHaveAttribute("aria-invalid");
  expect(errors).toEqual([]);
});
