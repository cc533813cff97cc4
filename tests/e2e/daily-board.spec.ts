import { expect, test } from "./support/test.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// The board on a phone (issue 26): columns side by side, one per screen width, scrolled
// sideways with snapping, instead of stacked. CSS only: the same without JavaScript.

test("at 390 px the board's columns scroll sideways, one per screen width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await signedInUser(page, "board-phone");
  await seedTasks(user, [
    { title: "Plan", status: "todo" },
    { title: "Build", status: "in_progress" },
  ]);
  await page.goto("/board");

  const columns = page.locator("section[data-column]");
  await expect(columns).toHaveCount(3);
  const boxes = await Promise.all([0, 1, 2].map((i) => columns.nth(i).boundingBox()));
  const [todo, doing, done] = boxes;
  expect(todo && doing && done, "columns laid out").toBeTruthy();
  if (!todo || !doing || !done) return;
  // Side by side on one row, each the width of the screen's content area.
  expect(doing.y).toBe(todo.y);
  expect(done.y).toBe(todo.y);
  expect(doing.x).toBeGreaterThanOrEqual(todo.x + todo.width);
  expect(todo.width).toBeGreaterThan(390 - 64);
  expect(todo.x + todo.width).toBeLessThanOrEqual(390);
  // The page itself does not scroll sideways: the columns' own row does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("at 1280 px the board shows its three columns side by side without scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signedInUser(page, "board-wide");
  await page.goto("/board");
  const columns = page.locator("section[data-column]");
  await expect(columns).toHaveCount(3);
  const last = await columns.nth(2).boundingBox();
  expect(last && last.x + last.width <= 1280).toBe(true);
});
