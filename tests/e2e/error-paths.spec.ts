import { expect, test } from "./support/test.ts";
import { PASSWORD, addTaskViaForm, postForm, taskLinks } from "./support/app.ts";
import { createUser, seedTask, signedInUser } from "./support/seed.ts";

const javaScript = (enabled: boolean | undefined) => enabled !== false;

test("an invalid task is refused with messages tied to the fields, and the input is kept", async ({
  page,
}, testInfo) => {
  await signedInUser(page, "invalid");
  await page.goto("/tasks");

  await addTaskViaForm(page, { title: "   ", description: "Keep this text\nover two lines", status: "In progress" });

  const form = page.getByRole("region", { name: "Add a task" });
  await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  const title = form.getByLabel("Title");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Title is required.");
  await expect(form.getByLabel("Description")).toHaveValue("Keep this text\nover two lines");
  await expect(form.getByLabel("Status")).toHaveValue("in_progress");
  if (javaScript(testInfo.project.use.javaScriptEnabled)) await expect(title).toBeFocused();
  await expect(page.getByText("No tasks yet")).toBeVisible();

  // Too long on edit: the same rules, the same kept input.
  await addTaskViaForm(page, { title: "A fine title" });
  await taskLinks(page).getByText("A fine title").click();
  const edit = page.getByRole("region", { name: "Edit task" });
  const tooLong = "x".repeat(201);
  await edit.getByLabel("Title").fill(tooLong);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByLabel("Title")).toHaveAccessibleDescription("Title must be at most 200 characters.");
  await expect(edit.getByLabel("Title")).toHaveValue(tooLong);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A fine title");
});

test("titles and descriptions containing HTML or script are shown as text", async ({ page }) => {
  await signedInUser(page, "escape");
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const title = `<script>alert("title")</script><b>bold</b>`;
  const description = `<img src=x onerror="alert('description')"> & <em>done</em>`;

  await page.goto("/tasks");
  await addTaskViaForm(page, { title, description });
  await expect(taskLinks(page)).toHaveText([title]);
  await taskLinks(page).getByText(title).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("article")).toContainText(description);
  await expect(page.locator("main b, main em, main img")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("saving a stale version shows a conflict with the other change and keeps the input", async ({
  page,
}, testInfo) => {
  const user = await signedInUser(page, "conflict");
  const { id: taskId } = await seedTask(user, { title: "Plan the party", description: "Saturday" });

  // A second tab of the same signed-in user, opened on the same version of the task.
  const otherTab = await page.context().newPage();
  await otherTab.goto(`/tasks/${taskId}`);
  await page.goto(`/tasks/${taskId}`);

  const otherEdit = otherTab.getByRole("region", { name: "Edit task" });
  await otherEdit.getByLabel("Title").fill("Plan the party (Sunday now)");
  await otherEdit.getByLabel("Status").selectOption({ label: "In progress" });
  await otherEdit.getByRole("button", { name: "Save changes" }).click();
  await expect(otherTab.getByRole("heading", { level: 1 })).toHaveText("Plan the party (Sunday now)");

  const edit = page.getByRole("region", { name: "Edit task" });
  await edit.getByLabel("Title").fill("Plan the party and the cake");
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await edit.getByRole("button", { name: "Save changes" }).click();
  expect((await response).status()).toBe(409);

  const conflict = page.getByRole("region", { name: "Someone else changed this task" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Plan the party (Sunday now)");
  await expect(conflict).toContainText("In progress");
  await expect(edit.getByLabel("Title")).toHaveValue("Plan the party and the cake");
  if (javaScript(testInfo.project.use.javaScriptEnabled)) await expect(conflict).toBeFocused();

  // Saving again is a deliberate overwrite with the version now shown.
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan the party and the cake");
  await expect(conflict).toHaveCount(0);
});

test("another user's task URL is a 404 page, and the task is untouched", async ({ browser, page }, testInfo) => {
  const owner = await signedInUser(page, "owner");
  const { id: taskId } = await seedTask(owner, { title: "Private plans" });

  const strangerContext = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const stranger = await strangerContext.newPage();
  await signedInUser(stranger, "stranger");
  const response = await stranger.goto(`/tasks/${taskId}`);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(stranger.getByText("Private plans")).toHaveCount(0);

  // Nor can they change or delete it.
  const update = await postForm(stranger, `/tasks/${taskId}`, {
    intent: "update",
    dueDate: "",
    priority: "none",
    title: "Mine now",
    description: "",
    status: "todo",
    version: "1",
  });
  expect(update.status()).toBe(404);
  const remove = await postForm(stranger, `/tasks/${taskId}`, { intent: "delete" });
  expect(remove.status()).toBe(404);
  await strangerContext.close();

  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Private plans");
});

test("a wrong password gets one message that reveals nothing, takes focus, and keeps the email", async ({ page }) => {
  const account = await createUser("wrongpw");

  for (const email of [account.email, "nobody-here@example.com"]) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`${PASSWORD}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("Incorrect email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    // The sign-in page loads no JavaScript either way: the alert's autofocus moves focus to it.
    await expect(alert).toBeFocused();
  }

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A sign-in is Cognito, the accounts table and a session write, each a fresh process under
  // arc sandbox: on a busy 2-core machine it can take longer than the default 10 s wait.
  await expect(page).toHaveURL(/\/tasks$/, { timeout: 20_000 });
});
