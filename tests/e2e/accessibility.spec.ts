import { expect, test, type Locator, type Page } from "./support/test.ts";
import { PASSWORD, addTaskViaForm, hasVisibleFocusIndicator } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { changeTaskElsewhere, createUser, seedTask, seedTasks, signedInUser } from "./support/seed.ts";

// axe (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA) in light and dark, on every page and state a user can
// reach, then what axe cannot judge: keyboard use, focus rings and small screens.

const signedOutPages: [string, string][] = [
  ["landing page", "/"],
  ["sign-in page", "/login"],
  ["sign-in page with a notice", "/login?notice=signed-out"],
  ["recovery code page", "/login/recovery"],
  ["sign-up page", "/signup"],
  ["confirmation page", "/signup/confirm?email=someone%40example.com"],
  ["forgot-password page", "/forgot-password"],
  ["reset-password page", "/reset-password?email=someone%40example.com"],
  ["404 page", "/no/such/page"],
];

for (const [state, path] of signedOutPages) {
  test(`the signed-out ${state} has no axe violations`, async ({ page }, testInfo) => {
    await page.goto(path);
    await expectNoAxeViolations(page, testInfo, state);
  });
}

test("the sign-in form with an error has no axe violations", async ({ page }, testInfo) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "sign-in error");
});

test("the sign-up form with field errors has no axe violations", async ({ page }, testInfo) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo, "sign-up field errors");
});

test("the confirmation form with a code error has no axe violations", async ({ page }, testInfo) => {
  const account = await createUser("a11y-confirm");
  await page.goto(`/signup/confirm?email=${encodeURIComponent(account.email)}`);
  await page.getByLabel("Confirmation code").fill("12");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByLabel("Confirmation code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo, "confirmation code error");
});

test("the forgot-password and reset-password forms with errors have no axe violations", async ({ page }, testInfo) => {
  const account = await createUser("a11y-reset");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Send reset code" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo, "forgot-password error");

  await page.goto(`/reset-password?email=${encodeURIComponent(account.email)}`);
  await page.getByLabel("Reset code").fill("000000");
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo, "reset-password errors");
});

test("an empty task list and the create form with errors have no axe violations", async ({ page }, testInfo) => {
  await signedInUser(page, "a11y-empty");
  await page.goto("/tasks");
  await expect(page.getByText("No tasks yet")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "empty task list");

  await addTaskViaForm(page, { title: "", description: "No title" });
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "create form with errors");
});

test("a task list with a flash message, and filtered lists, have no axe violations", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "a11y-list");
  await seedTasks(user, [
    { title: "Water the plants", description: "The fern is thirsty.", status: "in_progress" },
    { title: "Sort the recycling", status: "done" },
    { title: "Call grandma", status: "todo" },
  ]);
  await page.goto("/tasks");
  await addTaskViaForm(page, { title: "Book the dentist" });
  await expect(page.locator("[data-flash]")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "task list with a flash message");

  await page.goto("/tasks?status=done");
  await expect(page.getByRole("link", { name: "Sort the recycling" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "filtered task list");
  await page.goto("/tasks?status=todo");
  await expect(page.getByRole("link", { name: "Call grandma" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "filtered task list");
});

test("a task list longer than one page has no axe violations on either page", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "a11y-pages");
  await seedTasks(
    user,
    Array.from({ length: 26 }, (_, index) => ({ title: `Filler ${index}` })),
  );
  await page.goto("/tasks");
  await expect(page.getByRole("navigation", { name: "Pages" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "first of two pages");
  await page.getByRole("link", { name: /Next page/ }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expectNoAxeViolations(page, testInfo, "second page");
});

test("a task page, its delete confirmation and its edit form with errors have no axe violations", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "a11y-task");
  const { id: taskId } = await seedTask(user, {
    title: "Repaint the fence",
    description: "White.\nTwo coats.",
    status: "in_progress",
  });
  await page.goto(`/tasks/${taskId}`);
  await expectNoAxeViolations(page, testInfo, "task page");

  await page.getByText("Delete this task…").click();
  await expect(page.getByRole("button", { name: "Yes, delete it" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "delete confirmation");

  const edit = page.getByRole("region", { name: "Edit task" });
  await edit.getByLabel("Title").fill("");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "edit form with errors");
});

test("a task page with a flash message, and with a conflict, has no axe violations", async ({ page }, testInfo) => {
  const user = await signedInUser(page, "a11y-saved");
  const { id: taskId } = await seedTask(user, { title: "Repaint the fence", status: "in_progress" });
  await page.goto(`/tasks/${taskId}`);
  const edit = page.getByRole("region", { name: "Edit task" });
  await edit.getByLabel("Status").selectOption({ label: "Done" });
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("[data-flash]")).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "task page with a flash message");

  // A conflict: the task changes behind this page's back.
  await changeTaskElsewhere(user, taskId, { title: "Repaint the gate", description: "", status: "todo" });
  await edit.getByLabel("Title").fill("Repaint the fence and the gate");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("region", { name: "Someone else changed this task" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "conflict");
});

test("another user's task (a 404 page) has no axe violations", async ({ page, browser }, testInfo) => {
  const owner = await signedInUser(page, "a11y-owner");
  const { id: taskId } = await seedTask(owner, { title: "Not yours" });
  const stranger = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const strangerPage = await stranger.newPage();
  await signedInUser(strangerPage, "a11y-stranger");
  await strangerPage.goto(`/tasks/${taskId}`);
  await expect(strangerPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(strangerPage, testInfo, "another user's task (404)");
  await stranger.close();
});

/** Presses Tab until `target` has focus, checking every stop shows a focus indicator. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    if ((await focused.count()) === 1) {
      const name = await focused.evaluate(
        (element) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40) ?? ""}"`,
      );
      // Polled: right after a page load the first stop can take a frame to get its style.
      await expect
        .poll(() => hasVisibleFocusIndicator(focused), { message: `visible focus ring on ${name}`, timeout: 2_000 })
        .toBe(true);
    }
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Could not reach ${target} with the Tab key`);
}

test("every task action works with the keyboard alone, with a visible focus ring", async ({ page }) => {
  const account = await createUser("keyboard");

  await page.goto("/login");
  await tabTo(page, page.getByRole("link", { name: "Skip to content" }));
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeInViewport();
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(account.email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tasks$/);

  // Add a task.
  const addForm = page.getByRole("region", { name: "Add a task" });
  await tabTo(page, addForm.getByLabel("Title"));
  await page.keyboard.type("Keyboard task");
  await tabTo(page, addForm.getByRole("button", { name: "Add task" }));
  await page.keyboard.press("Enter");
  const link = page.getByRole("link", { name: "Keyboard task" });
  await expect(link).toBeVisible();

  // Open it and change its status.
  await tabTo(page, link);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard task");
  const edit = page.getByRole("region", { name: "Edit task" });
  await tabTo(page, edit.getByLabel("Status"));
  await page.keyboard.press("ArrowDown");
  await expect(edit.getByLabel("Status")).toHaveValue("in_progress");
  await tabTo(page, edit.getByRole("button", { name: "Save changes" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article").locator("[data-status]")).toHaveText("In progress");

  // Delete it, confirming in the disclosure.
  await tabTo(page, page.getByText("Delete this task…"));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Yes, delete it" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("No tasks yet")).toBeVisible();

  // Filter, then sign out.
  await tabTo(
    page,
    page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Done", exact: true }),
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=done/);
  // Sign out is in the account menu: open it with the keyboard, then tab into it.
  await tabTo(page, page.locator("summary", { hasText: "Account" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Sign out" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("pages fit a 320 px wide screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const fits = async (what: string) => {
    // Measure the styled page: without JavaScript a click navigates, and layout can be read
    // before the stylesheet has arrived (an unstyled long word is thousands of pixels wide).
    await page.waitForLoadState("load");
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `${what} is ${scrollWidth}px wide`).toBeLessThanOrEqual(clientWidth);
  };
  for (const path of ["/", "/login", "/signup", "/forgot-password", "/nowhere"]) {
    await page.goto(path);
    await fits(path);
  }

  const user = await signedInUser(page, "narrow-screen-with-a-long-address");
  const longWord = "Supercalifragilisticexpialidocious".repeat(5);
  await seedTask(user, {
    title: longWord,
    description: `${longWord}\n${"https://example.com/".repeat(10)}`,
    status: "in_progress",
  });
  await page.goto("/tasks");
  await fits("task list");
  const button = await page.getByRole("button", { name: "Add task" }).boundingBox();
  expect(button && button.x >= 0 && button.x + button.width <= 320, "the Add task button fits across").toBe(true);
  await page.getByRole("link", { name: longWord }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await fits("task page");
  await page.getByText("Delete this task…").click();
  await fits("delete confirmation");
  await page.goto("/tasks?status=done");
  await fits("empty filtered list");
});
