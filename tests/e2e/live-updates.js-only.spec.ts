import { flash, taskLinks } from "./support/app.ts";
import { countNotices, expectHeard, markDocument, sameDocument } from "./support/live.ts";
import { changeTaskElsewhere, seedTasks, signedInUser } from "./support/seed.ts";
import { expect as baseExpect, test } from "./support/test.ts";

// Live updates with JavaScript: an open page follows its lists over arc sandbox's @ws and
// reloads its data when one changes, without reloading the page. Without JavaScript nothing
// changes (no socket, no note), which every other spec's no-JavaScript run covers.

// A socket needs a ticket, a connection and a subscription, and a page's data can take seconds
// to reload on a machine shared by many suites: steps wait longer than the suite's 10 s (the
// notices themselves are held to 2 s: expectHeard).
const expect = baseExpect.configure({ timeout: 30_000 });

test("a task added in one tab reaches the same user's other tab within 2 s and shows without a reload", async ({
  context,
  page,
}) => {
  const user = await signedInUser(page, "live-tabs");
  await seedTasks(user, [{ title: "Older" }]);
  const other = await context.newPage();
  // The Inbox's notices name it by its stored id, the user's.
  const heard = countNotices(other, user.id);
  await other.goto("/tasks");
  await page.goto("/tasks");
  await expect(other.locator(".live-note")).toHaveText("Live");
  await expect(page.locator(".live-note")).toHaveText("Live");
  await markDocument(other);

  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await title.fill("Pay rent");
  await title.press("Enter");
  await expect(taskLinks(page)).toHaveText(["Pay rent", "Older"]);

  // The write answered after its notice went out: 2 s from here is the notice's whole way.
  await expectHeard(heard, 0);
  await expect(taskLinks(other)).toHaveText(["Pay rent", "Older"]);
  expect(await sameDocument(other)).toBe(true);
});

test("a change made elsewhere reaches an open board within 2 s and moves the card", async ({ page }) => {
  const user = await signedInUser(page, "live-board");
  const [task] = await seedTasks(user, [{ title: "Paint the fence" }]);
  const heard = countNotices(page, user.id);
  await page.goto("/board");
  await expect(page.locator(".live-note")).toHaveText("Live");
  await markDocument(page);

  await changeTaskElsewhere(user, task?.id ?? "", { title: "Paint the fence", description: "", status: "done" });
  await expectHeard(heard, 0);

  const done = page.getByRole("list", { name: "Done tasks" });
  await expect(done.getByRole("link", { name: "Paint the fence" })).toBeVisible();
  expect(await sameDocument(page)).toBe(true);
});

test("the notice of the user's own change, heard while its page reloads, leaves the change's message on the page", async ({
  page,
}) => {
  const user = await signedInUser(page, "live-own-echo");
  await seedTasks(user, [{ title: "Older" }]);
  const heard = countNotices(page, user.id);
  await page.goto("/tasks");
  await expect(page.locator(".live-note")).toHaveText("Live");
  // The page's data after the add's redirect reaches it a second and a half late: the add's own
  // notice arrives (and its 250 ms debounce ends) while the page is still loading, every time.
  // Only loads after the add is sent count: the first is its redirect's. (A reload before it, such
  // as the one a socket asks for when the seeding just before the page changed the list, is not.)
  let sent = false;
  let loads = 0;
  let settled = 0;
  const counted = new Set<unknown>();
  page.on("requestfinished", (request) => void (counted.has(request) && (settled += 1)));
  page.on("requestfailed", (request) => void (counted.has(request) && (settled += 1)));
  await page.route(
    (url) => url.pathname.endsWith(".data"),
    async (route) => {
      if (route.request().method() === "POST") sent = true;
      if (route.request().method() !== "GET" || !sent) return route.fallback();
      counted.add(route.request());
      if (++loads > 1) return route.fallback();
      // The server answers at once and its headers arrive (clearing the flash cookie, which
      // Playwright's fetch leaves to us); the rest of the answer reaches the page late.
      const response = await route.fetch();
      if (
        (await response.headersArray()).some(
          ({ name, value }) => /^set-cookie$/i.test(name) && value.startsWith("flash=;"),
        )
      )
        await page.context().clearCookies({ name: "flash" });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.fulfill({ response }).catch(() => {
        // Given up by the page meanwhile: that is the race this test is about.
      });
    },
  );

  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await title.fill("Pay rent");
  await title.press("Enter");
  await expect(flash(page).locator("p")).toHaveText("Added “Pay rent”.");
  await expect(taskLinks(page)).toHaveText(["Pay rent", "Older"]);
  await expectHeard(heard, 0);
  // The reload the notice asked for comes after the page's own, and leaves the message alone.
  await expect.poll(() => loads >= 2 && settled === loads).toBe(true);
  await expect(flash(page).locator("p")).toHaveText("Added “Pay rent”.");
});

test("a live reload keeps what is being typed into quick add, and the focus, while another tab's task appears", async ({
  context,
  page,
}) => {
  const user = await signedInUser(page, "live-typing");
  await seedTasks(user, [{ title: "Older" }]);
  const other = await context.newPage();
  const heard = countNotices(page, user.id);
  await page.goto("/tasks");
  await other.goto("/tasks");
  await expect(page.locator(".live-note")).toHaveText("Live");
  const title = page.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await title.click();
  await title.pressSequentially("Call the plumb");

  const otherTitle = other.getByRole("region", { name: "Add a task" }).getByLabel("Title");
  await otherTitle.fill("Pay rent");
  await otherTitle.press("Enter");
  await expect(taskLinks(other)).toHaveText(["Pay rent", "Older"]);

  await expectHeard(heard, 0);
  await expect(taskLinks(page)).toHaveText(["Pay rent", "Older"]);
  await expect(title).toHaveValue("Call the plumb");
  await expect(title).toBeFocused();
  // Typing goes on where it was.
  await page.keyboard.type("er");
  await expect(title).toHaveValue("Call the plumber");
});

test("a change made after the page loaded but before its socket followed the list reaches it once it is live", async ({
  page,
}) => {
  const user = await signedInUser(page, "live-gap");
  const [task] = await seedTasks(user, [{ title: "Paint the fence" }]);
  // The page's ticket is held back, so the change below reaches no socket of this page.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route("**/live/ticket", async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto("/tasks");
  const status = page.locator("li[data-task-id]").filter({ hasText: "Paint the fence" }).locator("[data-status]");
  await expect(status).toHaveText("To do");
  await expect.poll(() => asked).toBe(true);
  await markDocument(page);

  await changeTaskElsewhere(user, task?.id ?? "", { title: "Paint the fence", description: "", status: "done" });
  release();

  await expect(page.locator(".live-note")).toHaveText("Live");
  await expect(status).toHaveText("Done");
  expect(await sameDocument(page)).toBe(true);
});
