import { taskLinks } from "./support/app.ts";
import { changeTaskElsewhere, seedTasks, signedInUser } from "./support/seed.ts";
import { expect, test, type Page } from "./support/test.ts";

// Live updates with JavaScript: an open page follows its lists over arc sandbox's @ws and
// reloads its data when one changes, without reloading the page. Without JavaScript nothing
// changes (no socket, no note), which every other spec's no-JavaScript run covers.

/** A mark on the page's window: still there afterwards means the document was never reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { liveMark?: boolean }).liveMark = true));
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark === true);
}

test("a task added in one tab shows in the same user's other tab within 2 s, without a reload", async ({
  context,
  page,
}) => {
  const user = await signedInUser(page, "live-tabs");
  await seedTasks(user, [{ title: "Older" }]);
  const other = await context.newPage();
  await other.goto("/tasks");
  await page.goto("/tasks");
  await expect(other.locator(".live-note")).toHaveText("Live");
  await expect(page.locator(".live-note")).toHaveText("Live");
  await markDocument(other);

  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await title.fill("Pay rent");
  await title.press("Enter");
  await expect(taskLinks(page)).toHaveText(["Pay rent", "Older"]);

  // The write answered after its notice went out: 2 s from here is the other tab's whole wait.
  await expect(taskLinks(other)).toHaveText(["Pay rent", "Older"], { timeout: 2_000 });
  expect(await sameDocument(other)).toBe(true);
});

test("a change made elsewhere moves the card on an open board within 2 s", async ({ page }) => {
  const user = await signedInUser(page, "live-board");
  const [task] = await seedTasks(user, [{ title: "Paint the fence" }]);
  await page.goto("/board");
  await expect(page.locator(".live-note")).toHaveText("Live");
  await markDocument(page);

  await changeTaskElsewhere(user, task?.id ?? "", { title: "Paint the fence", description: "", status: "done" });

  const done = page.getByRole("list", { name: "Done tasks" });
  await expect(done.getByRole("link", { name: "Paint the fence" })).toBeVisible({ timeout: 2_000 });
  expect(await sameDocument(page)).toBe(true);
});
