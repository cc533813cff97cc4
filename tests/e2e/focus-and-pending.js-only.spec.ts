import { expect, test, type Page } from "./support/test.ts";
import { addTaskViaForm, flash, taskLinks } from "./support/app.ts";
import { signedInUser } from "./support/seed.ts";

// With JavaScript the page does not reload after a submission, so it must move focus and
// announce results itself (without JavaScript the browser loads a new page).

/** Holds this page's form posts for a moment, so the pending state can be seen. */
async function slowDownPosts(page: Page) {
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 750));
    await route.continue();
  });
}

test("after create, update and delete, focus moves to the announced confirmation", async ({ page }) => {
  await signedInUser(page, "focus");
  await page.goto("/tasks");

  await addTaskViaForm(page, { title: "Focus me" });
  const message = page.locator("[data-flash]");
  await expect(message).toHaveText("Added “Focus me”.");
  await expect(message).toBeFocused();
  // Inside a polite live region that was already on the page, so screen readers announce it.
  await expect(page.getByRole("status").filter({ has: message })).toHaveAttribute("aria-live", "polite");

  // The same message twice in a row still takes focus the second time.
  await page.getByRole("region", { name: "Add a task" }).getByLabel("Title").focus();
  await addTaskViaForm(page, { title: "Focus me" });
  await expect(taskLinks(page)).toHaveCount(2);
  await expect(message).toBeFocused();

  await taskLinks(page).first().click();
  await expect(flash(page)).toHaveCount(0);
  await page.getByRole("region", { name: "Edit task" }).getByLabel("Title").fill("Focus me again");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(message).toHaveText("Saved your changes to “Focus me again”.");
  await expect(message).toBeFocused();

  await page.getByText("Delete this task…").click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(message.locator("p")).toHaveText("Deleted “Focus me again”.");
  await expect(message.getByRole("button", { name: "Undo" })).toBeVisible();
  await expect(message).toBeFocused();
  await expect(taskLinks(page)).toHaveText(["Focus me"]);
});

test("buttons show a pending state while their form submits", async ({ page }) => {
  await signedInUser(page, "pending");
  await page.goto("/tasks");
  await slowDownPosts(page);

  await addTaskViaForm(page, { title: "Patience" });
  const adding = page.getByRole("button", { name: "Adding…" });
  await expect(adding).toBeDisabled();
  await expect(page.getByRole("region", { name: "Add a task" }).locator("form")).toHaveAttribute("aria-busy", "true");
  await expect(flash(page)).toHaveText("Added “Patience”.");
  await expect(page.getByRole("button", { name: "Add task" })).toBeEnabled();

  await taskLinks(page).first().click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("button", { name: "Saving…" })).toBeDisabled();
  await expect(flash(page)).toContainText("Saved your changes");

  await page.getByText("Delete this task…").click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page.getByRole("button", { name: "Deleting…" })).toBeDisabled();
  await expect(flash(page).locator("p")).toHaveText(/^Deleted “.+”\.$/);

  await page.locator("summary", { hasText: "Account" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Signing out…" })).toBeDisabled();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a field corrected while a refused save's page reloads keeps the correction, and the save goes through", async ({
  page,
}) => {
  await signedInUser(page, "refused-save-typing");
  await page.goto("/tasks");
  await addTaskViaForm(page, { title: "Water the plants" });
  await page.getByRole("link", { name: "Water the plants", exact: true }).click();
  const edit = page.getByRole("region", { name: "Edit task" });
  await expect(edit.getByLabel("Repeat")).toBeVisible();

  // After the refusal's answer, the page's data reloads; that reload is held back until the
  // correction is typed (a slow network, or a busy server, does the same).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  await page.route(
    (url) => url.pathname.endsWith(".data"),
    async (route) => {
      if (route.request().method() === "GET" && holding) await held;
      await route.fallback();
    },
  );
  holding = true;
  await edit.getByLabel("Repeat").fill("sometimes");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/Write a repeat such as “every Monday”/)).toBeVisible();
  await edit.getByLabel("Repeat").fill("every 2 weeks");
  const loading = () =>
    page.evaluate(
      () =>
        (window as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter?.state.navigation
          .state,
    );
  expect(await loading()).toBe("loading");
  holding = false;
  release();
  // The reload has been taken in: the page's router is idle again.
  await expect.poll(loading).toBe("idle");
  await expect(edit.getByLabel("Repeat")).toHaveValue("every 2 weeks");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(flash(page).locator("p")).toHaveText("Saved your changes to “Water the plants”.");
  await expect(page.locator("article [data-due]")).toContainText("every 2 weeks");
});
