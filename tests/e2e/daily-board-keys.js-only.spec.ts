import { expect, test, type Page } from "./support/test.ts";
import { flash } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { createUser, seedTasks, signInAs, signedInUser, type User } from "./support/seed.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { accept, invite } from "#src/lists/membership-service.ts";
import { createTask } from "#src/tasks/task-service.ts";

// The keyboard on the board (issue 26): j/k and the arrows move within a column, h/l between
// columns at about the same height, s/x/p change the current card through the same bulk and
// undo forms as the list, and the card stays current in the column it moves to.

function card(page: Page, title: string) {
  return page.locator("li[data-task-id]", { has: page.getByRole("link", { name: title, exact: true }) });
}

function column(page: Page, name: string) {
  return page.getByRole("list", { name: `${name} tasks` });
}

const announcement = (page: Page) => page.locator("[data-shortcut-message]");

async function expectCurrent(page: Page, title: string) {
  await expect(card(page, title)).toHaveAttribute("data-current", "true");
  await expect(page.locator("li[data-current]")).toHaveCount(1);
  const link = card(page, title).getByRole("link", { name: title, exact: true });
  await expect(link).toHaveAttribute("aria-current", "true");
}

/** A list of the user's own with these tasks (in order, the last the newest). */
async function seedList(user: User, name: string, titles: string[]) {
  const list = await createList({ id: user.id, email: user.email }, { name, color: "blue" });
  const access = await resolveListAccess(user.id, list.id);
  for (const title of titles) await createTask(access, { title, description: "", status: "todo" });
  return list;
}

test("j/k and the arrows move within a column, h/l between columns, s moves the card and it stays current", async ({
  page,
}) => {
  const user = await signedInUser(page, "board-keys");
  // Newest first in each column: To do reads Draft, Outline, Research.
  await seedTasks(user, [
    { title: "Research", status: "todo" },
    { title: "Outline", status: "todo" },
    { title: "Draft", status: "todo" },
    { title: "Review", status: "in_progress" },
    { title: "Publish", status: "done" },
  ]);
  await page.goto("/board");
  await expect(column(page, "To do").getByRole("link")).toHaveText(["Draft", "Outline", "Research"]);
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await expectCurrent(page, "Draft");
  await expect(page.getByRole("link", { name: "Draft", exact: true })).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("ArrowDown");
  await expectCurrent(page, "Research");
  // The end of a column is its end: j does not run on into the next column.
  await page.keyboard.press("j");
  await expectCurrent(page, "Research");
  await page.keyboard.press("k");
  await page.keyboard.press("ArrowUp");
  await expectCurrent(page, "Draft");

  await page.keyboard.press("l");
  await expectCurrent(page, "Review");
  await page.keyboard.press("ArrowRight");
  await expectCurrent(page, "Publish");
  await expect(page.getByRole("link", { name: "Publish", exact: true })).toBeFocused();
  await page.keyboard.press("l");
  await expect(announcement(page)).toHaveText("No more cards to the right.");
  await page.keyboard.press("h");
  await page.keyboard.press("ArrowLeft");
  await expectCurrent(page, "Draft");

  // s then 2: the card moves to In progress, and the keys go on from it there.
  await page.keyboard.press("j");
  await expectCurrent(page, "Outline");
  await page.keyboard.press("s");
  await expect(announcement(page)).toHaveText("Set status: 1 To do, 2 In progress, 3 Done.");
  await page.keyboard.press("2");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to In progress.");
  await expect(column(page, "In progress").getByRole("link")).toHaveText(["Review", "Outline"]);
  await expect(column(page, "To do").getByRole("link")).toHaveText(["Draft", "Research"]);
  await expectCurrent(page, "Outline");
  await expect(page).toHaveURL(/\/board$/);
  await page.keyboard.press("k");
  await expectCurrent(page, "Review");
  await page.keyboard.press("j");
  await expectCurrent(page, "Outline");

  // z undoes it (the flash's Undo), and the card, back in To do, is still the current one.
  await page.keyboard.press("z");
  await expect(flash(page).locator("p")).toHaveText("Undid the change to 1 task.");
  await expect(column(page, "To do").getByRole("link")).toHaveText(["Draft", "Outline", "Research"]);
  await expectCurrent(page, "Outline");

  // x marks the current card done, and x again takes it back to To do.
  await page.keyboard.press("x");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to Done.");
  await expect(column(page, "Done").getByRole("link")).toContainText(["Outline"]);
  await expectCurrent(page, "Outline");
  await page.keyboard.press("x");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to To do.");
  await expect(column(page, "To do").getByRole("link", { name: "Outline", exact: true })).toBeVisible();
  await expectCurrent(page, "Outline");

  // p then 4: urgent, shown on the card.
  await page.keyboard.press("p");
  await page.keyboard.press("4");
  await expect(flash(page).locator("p")).toHaveText("Set the priority of 1 task to Urgent.");
  await expect(card(page, "Outline").locator("[data-priority]")).toHaveText("Urgent");

  // o opens the current card's task; its back link returns to the board.
  await page.keyboard.press("o");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outline");
  await page.getByRole("link", { name: "← Board" }).click();
  await expect(page).toHaveURL(/\/board$/);
});

test("? lists what works on the list and what on the board; axe is clean with it open", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "board-help");
  await seedTasks(user, [{ title: "Plan", status: "todo" }]);
  await page.goto("/board");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await expectCurrent(page, "Plan");

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { level: 3 })).toHaveText([
    "On the list and the board",
    "On the list",
    "On the board",
  ]);
  const boardOnly = dialog.locator("section", {
    has: page.getByRole("heading", { name: "On the board", exact: true }),
  });
  await expect(boardOnly.locator("dd")).toHaveText([
    "Previous / next column",
    "Mark the current card done, or not done",
  ]);
  const listOnly = dialog.locator("section", { has: page.getByRole("heading", { name: "On the list", exact: true }) });
  await expect(listOnly.locator("dd")).toContainText(["New task (moves to the title field)", "Search"]);
  await expectNoAxeViolations(page, testInfo, "board with the keyboard shortcuts dialog open");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // What works only on the list does nothing here: n finds no title field, and nothing changes.
  await page.keyboard.press("n");
  await expect(announcement(page)).not.toHaveText("New task: type its title.");
  await expectCurrent(page, "Plan");
  await expectNoAxeViolations(page, testInfo, "board with the current card marked");
});

test("on one list's board a change comes back to that board", async ({ page }) => {
  const user = await signedInUser(page, "board-keys-list");
  const list = await seedList(user, "Launch", ["Brief", "Slides"]);
  await page.goto(`/lists/${list.id}/board`);
  await expect(column(page, "To do").getByRole("link")).toHaveText(["Slides", "Brief"]);
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("s");
  await page.keyboard.press("3");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to Done.");
  await expect(page).toHaveURL(new RegExp(`/lists/${list.id}/board$`));
  await expect(column(page, "Done").getByRole("link")).toHaveText(["Brief"]);
  await expectCurrent(page, "Brief");

  // Its task page leads back to this board, as from the board across lists.
  await page.keyboard.press("o");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brief");
  await page.getByRole("link", { name: "← Board" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${list.id}/board$`));
});

test("a viewer moves through a shared board but gets no change that would fail", async ({ page }) => {
  const owner = await createUser("board-owner");
  const ownerUser = await signInAs(page, owner);
  const list = await seedList(ownerUser, "Shared plans", ["Venue"]);
  const viewerAccount = await createUser("board-viewer");
  const viewer = await signInAs(page, viewerAccount);
  const invitation = await invite(await resolveListAccess(ownerUser.id, list.id), {
    email: viewer.email,
    role: "viewer",
  });
  await accept({ id: viewer.id, email: viewer.email }, invitation.id);

  await page.goto(`/lists/${list.id}/board`);
  await expect(page.getByText("You can read this list; only its owner and editors change it.")).toBeVisible();
  await expect(card(page, "Venue").getByRole("button")).toHaveCount(0);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await expectCurrent(page, "Venue");
  await page.keyboard.press("x");
  await expect(announcement(page)).toHaveText("You can read “Venue” but not change it.");
  await page.keyboard.press("s");
  await expect(announcement(page)).toHaveText("Set status: 1 To do, 2 In progress, 3 Done.");
  await page.keyboard.press("3");
  await expect(announcement(page)).toHaveText("You can read “Venue” but not change it.");
  await expect(column(page, "To do").getByRole("link")).toHaveText(["Venue"]);
  await expect(flash(page)).toHaveCount(0);
});

test("on a phone, a card moved to another column by its keys is scrolled into sight there", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await signedInUser(page, "board-keys-phone");
  await seedTasks(user, [
    { title: "Wash the car", status: "todo" },
    { title: "Water the plants", status: "done" },
  ]);
  await page.goto("/board");
  await expect(card(page, "Wash the car")).toBeInViewport();
  await page.locator("h1").click();

  await page.keyboard.press("j");
  await page.keyboard.press("s");
  await page.keyboard.press("3");
  await expect(flash(page).locator("p")).toHaveText("Moved 1 task to Done.");
  await expect(column(page, "Done").getByRole("link", { name: "Wash the car", exact: true })).toBeVisible();
  await expectCurrent(page, "Wash the car");
  await expect(card(page, "Wash the car")).toBeInViewport();
  await expectNoAxeViolations(page, testInfo, "board at 390 px with the current card moved");

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "board at 390 px with the keyboard shortcuts dialog open");
});
