import { signedInUser, seedTasks } from "./support/seed.ts";
import { expect, test } from "./support/test.ts";

// Stacking is CSS, the same with or without JavaScript; measuring what lies under a point needs
// a script in the page, hence the JavaScript project only.

test("an open row menu lies above the rows below it: its last item is what a click there hits", async ({ page }) => {
  const user = await signedInUser(page, "row-menu");
  const rows = ["One", "Two", "Three", "Four"].map((title) => ({
    title,
    dueDate: "2031-01-02",
    priority: "high" as const,
  }));
  await seedTasks(user, rows);
  await page.goto("/tasks");
  const first = page.locator("li[data-task-id]").first();
  await first.getByLabel(/^Priority of /).click();
  const last = first.getByRole("button", { name: "No priority" });
  await expect(last).toBeVisible();
  await last.scrollIntoViewIfNeeded();

  // The menu lies over the next rows' badges: wherever a click lands on one of its items
  // (points across each item), the item must be what it hits.
  const covered = await first.locator("details[open] button").evaluateAll((buttons) =>
    buttons.flatMap((button) => {
      const box = button.getBoundingClientRect();
      return [0.1, 0.3, 0.5, 0.7, 0.9].flatMap((x) =>
        [0.3, 0.7].flatMap((y) => {
          const hit = document.elementFromPoint(box.left + box.width * x, box.top + box.height * y);
          return hit !== null && button.contains(hit) ? [] : [`${button.textContent} at ${x},${y}`];
        }),
      );
    }),
  );
  expect(covered).toEqual([]);
});
