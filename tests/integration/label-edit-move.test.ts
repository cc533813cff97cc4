import { expect, test } from "vitest";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { listLabelsOf, resolveLabelNames } from "#src/tasks/label-service.ts";
import { MAX_LIST_LABELS } from "#src/tasks/task-labels.ts";
import { createTask, getTask } from "#src/tasks/task-service.ts";
import { newUser, type User } from "#tests/support/users.ts";

// The edit form's labels when the same save moves the task to another list: they become the
// target's labels, checked there before anything is saved, so a target with no room for them
// refuses the save and the move together, and the list the task leaves gains no label of them.
// (With JavaScript the form suggests the picked list's labels: tests/e2e/label-edit-suggestions.js-only.spec.ts.)

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

function saveAndMove(user: User, taskId: string, listId: string, labels: string) {
  return user.invoke(
    `/tasks/${taskId}`,
    form({
      intent: "update",
      title: "Buy bulbs",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "none",
      labels,
      version: "1",
      listId,
    }),
  );
}

test("a save that moves the task into a list with no room for its new label changes nothing and says which list", async () => {
  const user = await newUser();
  const full = await createList({ id: user.sub, email: user.email }, { name: "Garden" });
  await resolveLabelNames(
    full.id,
    Array.from({ length: MAX_LIST_LABELS }, (_, i) => `tag${i}`),
  );
  const task = await createTask(inboxAccess(user.sub), { title: "Buy bulbs" });

  const refused = await saveAndMove(user, task.id, full.id, "tag1, spring");
  expect(refused.status).toBe(400);
  expect(refused.text).toContain(
    `“Garden” has all the labels a list can have (${MAX_LIST_LABELS}): remove one on its Labels page first, or use its labels.`,
  );
  // The form comes back with what was typed.
  expect(refused.text).toContain('value="tag1, spring"');
  expect(await getTask(inboxAccess(user.sub), task.id)).toMatchObject({ version: 1, listId: user.sub });
  expect((await getTask(inboxAccess(user.sub), task.id)).labels).toBeUndefined();
  expect(await listLabelsOf(inboxAccess(user.sub))).toEqual([]);

  // With the target's own labels only, it saves and moves.
  const saved = await saveAndMove(user, task.id, full.id, "TAG1");
  expect(saved.status).toBe(303);
  expect(await getTask(await resolveListAccess(user.sub, full.id), task.id)).toMatchObject({ labels: ["tag1"] });
});

test("labels typed while moving are spelled as the target spells them, and the list left gains none", async () => {
  const user = await newUser();
  const work = await createList({ id: user.sub, email: user.email }, { name: "Work" });
  await resolveLabelNames(work.id, ["Report"]);
  const task = await createTask(inboxAccess(user.sub), { title: "Buy bulbs" });

  const saved = await saveAndMove(user, task.id, work.id, "report, urgent-ish");
  expect(saved.status).toBe(303);
  const moved = await getTask(await resolveListAccess(user.sub, work.id), task.id);
  expect(moved.labels).toEqual(["Report", "urgent-ish"]);
  expect((await listLabelsOf(await resolveListAccess(user.sub, work.id))).map((label) => label.name)).toEqual([
    "Report",
    "urgent-ish",
  ]);
  expect(await listLabelsOf(inboxAccess(user.sub))).toEqual([]);
});
