import type { Page } from "@playwright/test";
import { addTaskViaForm, taskLinks } from "./support/app.ts";
import { countNotices, expectHeard, openLive } from "./support/live.ts";
import { changeTaskElsewhere, seedTasks, signedInUser } from "./support/seed.ts";
import { expect as baseExpect, test } from "./support/test.ts";

// A refused submission's answer (a conflict, a field's error) stays on the page while the
// page's data reloads for a change elsewhere: React Router forgets an action's answer on every
// reload, and a live notice reloads without a navigation. A user reading the conflict panel
// lost it and its merged form, and saving again sent the old version into a second conflict
// (daily-views.spec.ts failed so in CI when a notice landed just after the conflict showed).

// A socket and a reload on a busy machine: a page's reload can take seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

/** Resolves when the page's loaders have been run again in place (a reload, not a navigation). */
function nextReload(page: Page) {
  return page.waitForResponse(
    (response) => response.request().method() === "GET" && response.url().includes("_routes="),
  );
}

test("a conflict stays on the task page, with its merged form, when the page reloads for another change", async ({
  page,
}) => {
  const user = await signedInUser(page, "answer-conflict");
  const [task, other] = await seedTasks(user, [{ title: "Plan the party", description: "Saturday" }, { title: "Buy candles" }]);
  const heard = countNotices(page, user.id);
  await openLive(page, `/tasks/${task!.id}`);

  const edit = page.getByRole("region", { name: "Edit task" });
  await edit.getByLabel("Title").fill("Plan the party and the cake");
  // Another device changes this task's status: the save below meets it.
  await changeTaskElsewhere(user, task!.id, { title: "Plan the party", description: "Saturday", status: "in_progress" });
  const quiet = heard();
  await edit.getByRole("button", { name: "Save changes" }).click();
  const conflict = page.getByRole("region", { name: "Someone else changed this task" });
  await expect(conflict.locator("dt")).toHaveText(["Status"]);
  await expect(edit.getByLabel("Status")).toHaveValue("in_progress");
  await expect(page.locator(".live-note")).toHaveText("Live");

  // Then another task of the list changes: its notice reloads this page's data in place.
  const reloaded = nextReload(page);
  const before = Math.max(quiet, heard());
  await changeTaskElsewhere(user, other!.id, { title: "Buy candles", description: "", status: "done" });
  await expectHeard(heard, before);
  await reloaded;

  await expect(conflict.locator("dt")).toHaveText(["Status"]);
  await expect(edit.getByLabel("Title")).toHaveValue("Plan the party and the cake");
  await expect(edit.getByLabel("Status")).toHaveValue("in_progress");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan the party and the cake");
  await expect(page.getByRole("article").locator("[data-status]")).toHaveText("In progress");
  await expect(conflict).toHaveCount(0);
});

test("a refused quick add keeps its message and input while the list reloads for a change elsewhere", async ({
  page,
}) => {
  const user = await signedInUser(page, "answer-quick-add");
  const [task] = await seedTasks(user, [{ title: "Water the plants" }]);
  const heard = countNotices(page, user.id);
  await openLive(page, "/tasks");

  await addTaskViaForm(page, { title: "   ", description: "Keep this text" });
  const form = page.getByRole("region", { name: "Add a task" });
  await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  await expect(form.getByLabel("Title")).toHaveAccessibleDescription("Title is required.");

  const reloaded = nextReload(page);
  const before = heard();
  await changeTaskElsewhere(user, task!.id, { title: "Water the plants and the herbs", description: "", status: "todo" });
  await expectHeard(heard, before);
  await reloaded;

  // The list shows the change, and the refusal is still there to correct.
  await expect(taskLinks(page)).toHaveText(["Water the plants and the herbs"]);
  await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  await expect(form.getByLabel("Title")).toHaveAccessibleDescription("Title is required.");
  await expect(form.getByLabel("Description")).toHaveValue("Keep this text");
});
