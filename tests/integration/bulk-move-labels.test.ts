import { expect, test } from "vitest";
import { inboxAccess, listsForUser, resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { listLabelsOf, removeLabel, resolveLabelNames } from "#src/tasks/label-service.ts";
import { MAX_LIST_LABELS } from "#src/tasks/task-labels.ts";
import { applyBulk } from "#src/tasks/task-bulk-service.ts";
import { createTask, locateTask } from "#src/tasks/task-service.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// A bulk move into a list that has (nearly) as many labels as a list may hold: the tasks whose
// labels fit move, the others stay where they are with every label, and the answer names them
// and the labels; moving them again once there is room works, and nothing is lost on the way.

/** A list of the user's holding `count` labels (one of them "home"), as the label service adds them. */
async function listWithLabels(user: User, name: string, count: number) {
  const list = await createList({ id: user.sub, email: user.email }, { name });
  const names = ["home", ...Array.from({ length: count - 1 }, (_, i) => `tag${i}`)];
  await resolveLabelNames(list.id, names);
  return resolveListAccess(user.sub, list.id);
}

async function whereIs(user: User, id: string) {
  const { task } = await locateTask(await listsForUser({ id: user.sub }), id);
  return { listId: task.listId, labels: task.labels ?? [] };
}

function bulkMove(user: User, listId: string, ids: string[]) {
  const body = new URLSearchParams({ returnTo: "/tasks", action: "move", listId });
  for (const id of ids) body.append("ids", id);
  return user.invoke("/tasks/bulk", {
    body: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

test("a full list takes the tasks whose labels it has, leaves the others whole and names them; they move once there is room", async () => {
  const user = await newUser();
  const full = await listWithLabels(user, "Full", MAX_LIST_LABELS);
  const inbox = inboxAccess(user.sub);
  const errand = await createTask(inbox, { title: "Post the parcel", labels: "errand, home" });
  const plain = await createTask(inbox, { title: "Water the plants" });
  const known = await createTask(inbox, { title: "Fix the tap", labels: "HOME" });

  const response = await bulkMove(user, full.listId, [errand.id, plain.id, known.id]);
  const page = await follow(user, response);
  expect(page.text).toContain(
    `Moved 2 tasks to “Full”. 1 task stays where it is, labels and all: “Post the parcel”. “Full” has no room for its labels @errand (a list holds at most ${MAX_LIST_LABELS}): remove labels on its Labels page, or take them off the task, then move it again.`,
  );
  expect(await whereIs(user, errand.id)).toEqual({ listId: user.sub, labels: ["errand", "home"] });
  expect(await whereIs(user, plain.id)).toEqual({ listId: full.listId, labels: [] });
  expect(await whereIs(user, known.id)).toEqual({ listId: full.listId, labels: ["home"] });
  expect(await listLabelsOf(full)).toHaveLength(MAX_LIST_LABELS);

  // The same request again (a retry): the moved ones are no longer where it names them, the
  // refused one is refused again, and nothing changes.
  const again = await applyBulk(user.sub, {
    action: "move",
    listId: full.listId,
    ids: [errand.id, plain.id, known.id],
  });
  expect(again).toMatchObject({
    changed: 0,
    missing: [plain.id, known.id],
    refused: [{ id: errand.id, title: "Post the parcel", labels: ["errand"] }],
  });
  expect(await whereIs(user, errand.id)).toEqual({ listId: user.sub, labels: ["errand", "home"] });

  // Room made: it moves, with every label.
  await removeLabel(full, "tag0");
  const moved = await applyBulk(user.sub, { action: "move", listId: full.listId, ids: [errand.id] });
  expect(moved).toMatchObject({ changed: 1, missing: [] });
  expect(moved.refused).toBeUndefined();
  expect(await whereIs(user, errand.id)).toEqual({ listId: full.listId, labels: ["errand", "home"] });
});

test("tasks are taken in order while their new labels fit, a label shared with an earlier one costing nothing", async () => {
  const user = await newUser();
  const nearly = await listWithLabels(user, "Nearly", MAX_LIST_LABELS - 2);
  const inbox = inboxAccess(user.sub);
  const first = await createTask(inbox, { title: "First", labels: "new1, new2" });
  const second = await createTask(inbox, { title: "Second", labels: "new3, home" });
  const third = await createTask(inbox, { title: "Third", labels: "New1" });

  const result = await applyBulk(user.sub, {
    action: "move",
    listId: nearly.listId,
    ids: [first.id, second.id, third.id],
  });
  expect(result).toMatchObject({
    changed: 2,
    failed: 0,
    refused: [{ id: second.id, title: "Second", labels: ["new3"] }],
  });
  expect(await whereIs(user, first.id)).toEqual({ listId: nearly.listId, labels: ["new1", "new2"] });
  expect(await whereIs(user, third.id)).toEqual({ listId: nearly.listId, labels: ["new1"] });
  expect(await whereIs(user, second.id)).toEqual({ listId: user.sub, labels: ["new3", "home"] });
  expect(await listLabelsOf(nearly)).toHaveLength(MAX_LIST_LABELS);
  // Undo puts back only what moved.
  expect(result.undoToken).toBeDefined();
});

test("when no task fits, nothing moves and the page says so, naming them", async () => {
  const user = await newUser();
  const full = await listWithLabels(user, "Full", MAX_LIST_LABELS);
  const inbox = inboxAccess(user.sub);
  const tasks = [];
  for (const title of ["One", "Two", "Three", "Four"])
    tasks.push(await createTask(inbox, { title, labels: `${title.toLowerCase()}-label` }));
  const page = await follow(
    user,
    await bulkMove(
      user,
      full.listId,
      tasks.map((task) => task.id),
    ),
  );
  expect(page.text).toContain(
    "No tasks were moved to “Full”. 4 tasks stay where they are, labels and all: “One”, “Two”, “Three” and 1 more. “Full” has no room for their labels @one-label, @two-label, @three-label, @four-label",
  );
  for (const task of tasks) expect((await whereIs(user, task.id)).listId).toBe(user.sub);
});
