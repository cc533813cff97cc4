import { expect, test } from "./support/test.ts";
import { LOCAL_CODE, PASSWORD, addTaskViaForm, flash, taskLinks, uniqueEmail } from "./support/app.ts";
import { seedTasks, signedInUser } from "./support/seed.ts";

// Each project runs these: once with JavaScript, once without.

test("a new user signs up, confirms, signs in, manages tasks and signs out", async ({ page }) => {
  const email = uniqueEmail("journey");

  await test.step("sign up", async () => {
    await page.goto("/");
    await page.getByRole("link", { name: "Create a free account" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  });

  await test.step("confirm the email address, and be signed in without the password again", async () => {
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await page.getByLabel("Confirmation code").fill(LOCAL_CODE);
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(flash(page)).toHaveText(
      "Your email address is confirmed and you are signed in. Add your first task below.",
    );
    await expect(page.getByRole("navigation", { name: "Account" })).toContainText(email);
    await expect(page.getByText("No tasks yet")).toBeVisible();
  });

  await test.step("create three tasks", async () => {
    await addTaskViaForm(page, { title: "Buy oat milk", description: "The barista kind." });
    await expect(flash(page)).toHaveText("Added “Buy oat milk”.");
    await expect(page.getByRole("region", { name: "Add a task" }).getByLabel("Title")).toHaveValue("");
    await addTaskViaForm(page, { title: "Call the plumber", status: "In progress" });
    await expect(flash(page)).toHaveText("Added “Call the plumber”.");
    await addTaskViaForm(page, { title: "File the tax return", status: "Done" });
    await expect(flash(page)).toHaveText("Added “File the tax return”.");
    await expect(taskLinks(page)).toHaveText(["File the tax return", "Call the plumber", "Buy oat milk"]);
  });

  await test.step("edit one: title, description and status", async () => {
    await taskLinks(page).getByText("Buy oat milk").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buy oat milk");
    const form = page.getByRole("region", { name: "Edit task" });
    await form.getByLabel("Title").fill("Buy oat milk and bread");
    await form.getByLabel("Description").fill("Two loaves.\nSourdough if they have it.");
    await form.getByLabel("Status").selectOption({ label: "Done" });
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(flash(page)).toHaveText("Saved your changes to “Buy oat milk and bread”.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buy oat milk and bread");
    await expect(page.getByRole("article")).toContainText("Two loaves. Sourdough if they have it.");
    await expect(form.getByLabel("Description")).toHaveValue("Two loaves.\nSourdough if they have it.");
    await expect(page.getByRole("article").locator("[data-status]")).toHaveText("Done");
    // The message belongs to that page view only.
    await page.getByRole("link", { name: "← All tasks" }).click();
    await expect(flash(page)).toHaveCount(0);
  });

  await test.step("filter by status", async () => {
    const filters = page.getByRole("navigation", { name: "Filter by status" });
    await filters.getByRole("link", { name: "Done", exact: true }).click();
    await expect(page).toHaveURL(/status=done/);
    await expect(filters.getByRole("link", { name: "Done", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "Done tasks" })).toBeVisible();
    await expect(taskLinks(page)).toHaveText(["File the tax return", "Buy oat milk and bread"]);
    await filters.getByRole("link", { name: "In progress" }).click();
    await expect(taskLinks(page)).toHaveText(["Call the plumber"]);
    await filters.getByRole("link", { name: "To do" }).click();
    await expect(page.getByText("Nothing is “To do” right now")).toBeVisible();
    await filters.getByRole("link", { name: "All" }).click();
    await expect(taskLinks(page)).toHaveCount(3);
  });

  await test.step("delete one, after confirming", async () => {
    await taskLinks(page).getByText("Call the plumber").click();
    const confirmButton = page.getByRole("button", { name: "Yes, delete it" });
    await expect(confirmButton).toBeHidden();
    await page.getByText("Delete this task…").click();
    await confirmButton.click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(flash(page).locator("p")).toHaveText("Deleted “Call the plumber”.");
    await expect(taskLinks(page)).toHaveText(["File the tax return", "Buy oat milk and bread"]);
  });

  await test.step("sign out", async () => {
    await page.locator("summary", { hasText: "Account" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("status").filter({ hasText: "You have signed out." })).toBeVisible();
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftasks/);
  });
});

test("a list longer than one page is paged through, each task shown once", async ({ page }) => {
  const user = await signedInUser(page, "pager");
  const titles = Array.from({ length: 28 }, (_, index) => `Paged task ${String(index + 1).padStart(2, "0")}`);
  // Created in this order, so "Paged task 28" is the newest.
  await seedTasks(
    user,
    titles.map((title) => ({ title })),
  );

  await page.goto("/tasks");
  await expect(taskLinks(page)).toHaveCount(25);
  const firstPage = await taskLinks(page).allTextContents();
  expect(firstPage[0]).toBe("Paged task 28");
  await expect(page.getByRole("link", { name: "← First page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(taskLinks(page)).toHaveCount(3);
  const secondPage = await taskLinks(page).allTextContents();
  expect(secondPage).toEqual(["Paged task 03", "Paged task 02", "Paged task 01"]);
  expect(new Set([...firstPage, ...secondPage]).size).toBe(28);
  await expect(page.getByRole("link", { name: "Next page →" })).toHaveCount(0);

  await page.getByRole("link", { name: "← First page" }).click();
  await expect(taskLinks(page)).toHaveText(firstPage);
});
