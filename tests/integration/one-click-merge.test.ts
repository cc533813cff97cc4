import { randomUUID } from "node:crypto";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import * as listStore from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ConflictError } from "#src/errors.ts";
import { updateTaskField } from "#src/tasks/task-field-repository.ts";
import { getTask as getStoredTask } from "#src/tasks/task-repository.ts";
import {
  createTask,
  getTask,
  listScope,
  listTasks,
  setTaskAssignee,
  setTaskPriority,
  setTaskStatus,
  setTaskStatusWithUndo,
  updateTask,
} from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId, taskFields } from "#tests/support/factories.ts";

// One-click changes (a row's status or priority) carry the field's value as the page showed it
// (`base.status`, `base.priority`): another change to another field no longer refuses them;
// only another change to the same field does.

const clock = { timeZone: "UTC", now: new Date("2026-12-07T10:00:00Z") };

async function seed(fields: Record<string, string>): Promise<{ owner: string; task: Task }> {
  const owner = newOwnerId();
  return { owner, task: await createTask(inboxAccess(owner), taskFields(fields), undefined, clock) };
}

/** Another tab's edit-form save (every field, at the version it loaded). */
function editElsewhere(owner: string, task: Task, fields: Record<string, string>) {
  return updateTask(inboxAccess(owner), task.id, {
    ...taskFields({
      title: task.title,
      description: task.description,
      status: task.status,
      dueDate: task.dueDate ?? "",
      priority: task.priority,
      ...fields,
    }),
    version: String(task.version),
  });
}

async function storedItem(owner: string, id: string): Promise<Record<string, unknown>> {
  const client = await getDocumentClient();
  const result = await client.send(new GetCommand({ TableName: getTableNames().tasks, Key: { owner, id } }));
  return result.Item ?? {};
}

test("a status change from a page that is behind on the title is applied, keeps the title, in one read and one write", async () => {
  const { owner, task } = await seed({ title: "Pay rent", priority: "high" });
  const renamed = await editElsewhere(owner, task, { title: "Pay rent (December)" });

  const { result, calls } = await recordCallsDuring(() =>
    setTaskStatus(inboxAccess(owner), task.id, { status: "done", "base.status": "todo", version: "1" }),
  );

  // The read, the one write, and the live notice: the list's change stamp, then the Query of its sockets.
  expect(calls).toEqual(["GetItemCommand", "UpdateItemCommand", "PutItemCommand", "QueryCommand"]);
  expect(result).toMatchObject({ title: "Pay rent (December)", status: "done", priority: "high", version: 3 });
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(result);
  expect(result.updatedAt >= renamed.updatedAt).toBe(true);
  // The status's index keys moved with it: the task is in "done", not in "not done".
  const done = await listTasks(listScope(inboxAccess(owner)), { status: "done" }, clock);
  const open = await listTasks(listScope(inboxAccess(owner)), { status: "not_done" }, clock);
  expect(done.tasks.map((each) => each.id)).toEqual([task.id]);
  expect(open.tasks).toEqual([]);
});

test("a priority change on top of another tab's status change keeps both", async () => {
  const { owner, task } = await seed({ title: "Water the fern" });
  await setTaskStatus(inboxAccess(owner), task.id, { status: "in_progress", "base.status": "todo", version: "1" });

  const result = await setTaskPriority(inboxAccess(owner), task.id, {
    priority: "urgent",
    "base.priority": "none",
    version: "1",
  });

  expect(result).toMatchObject({ status: "in_progress", priority: "urgent", version: 3 });
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(result);
});

test("the same field changed elsewhere is a conflict that says so, carries the task as it is, and changes nothing", async () => {
  const { owner, task } = await seed({ title: "Draft the brief" });
  const elsewhere = await setTaskStatus(inboxAccess(owner), task.id, {
    status: "in_progress",
    "base.status": "todo",
    version: "1",
  });

  const error = await setTaskStatus(inboxAccess(owner), task.id, {
    status: "done",
    "base.status": "todo",
    version: "1",
  }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).message).toBe(
    "Someone changed this task's status since you loaded the page, so yours was not saved.",
  );
  expect((error as ConflictError).current).toEqual(elsewhere);
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(elsewhere);
});

test("without the field's value (a page rendered before pages sent it) a stale version is still refused", async () => {
  const { owner, task } = await seed({ title: "Old page" });
  const renamed = await editElsewhere(owner, task, { title: "Old page, renamed" });

  const error = await setTaskPriority(inboxAccess(owner), task.id, { priority: "high", version: "1" }).catch(
    (caught: unknown) => caught,
  );

  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).message).toBe("This task was changed since you loaded the page.");
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(renamed);
});

test("a priority change after the due date moved elsewhere writes the index key from the date stored now", async () => {
  const { owner, task } = await seed({ title: "Renew passport", dueDate: "2027-03-01" });
  const moved = await editElsewhere(owner, task, { dueDate: "2027-01-15" });

  const result = await setTaskPriority(inboxAccess(owner), task.id, {
    priority: "high",
    "base.priority": "none",
    version: "1",
  });

  expect(result).toMatchObject({ dueDate: "2027-01-15", priority: "high", version: moved.version + 1 });
  expect(await storedItem(owner, task.id)).toMatchObject({
    prioritySort: `1#2027-01-15#${task.id}`,
    dueSort: `2027-01-15#${task.id}`,
    ownerStatus: `${owner}#todo`,
  });
});

test("the write is conditional on the field and the due date read: a stale read never writes a key from an old date", async () => {
  const { owner, task } = await seed({ title: "Book the vet", dueDate: "2027-03-01" });
  const moved = await editElsewhere(owner, task, { dueDate: "2027-04-01" });

  // The read the service made before the other save: same priority, the old date.
  const error = await updateTaskField(task, { priority: "low" }, new Date().toISOString(), owner).catch(
    (caught: unknown) => caught,
  );

  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).current).toEqual(moved);
  expect(await getStoredTask(owner, task.id)).toEqual(moved);
});

test("the write retried after its reply was lost finds the field set and returns the task, one version on", async () => {
  const { owner, task } = await seed({ title: "Call the bank" });
  const at = new Date().toISOString();
  const first = await updateTaskField(task, { status: "done" }, at, owner);

  // The SDK's retry of the same request: its condition (status still "todo") fails.
  const again = await updateTaskField(task, { status: "done" }, at, owner);

  expect(first).toMatchObject({ status: "done", version: 2 });
  expect(again).toEqual(first);
  expect(await storedItem(owner, task.id)).toMatchObject({ version: 2, ownerStatus: `${owner}#done` });
});

test("an item stored without a priority (before priorities) takes a one-click priority", async () => {
  const owner = newOwnerId();
  const id = "01KCQ0000000000000000000CD";
  await (
    await getDocumentClient()
  ).send(
    new PutCommand({
      TableName: getTableNames().tasks,
      Item: {
        owner,
        id,
        title: "Old item",
        description: "",
        status: "todo",
        createdAt: "2026-11-01T10:00:00.000Z",
        updatedAt: "2026-11-01T10:00:00.000Z",
        version: 1,
        ownerStatus: `${owner}#todo`,
      },
    }),
  );

  const result = await setTaskPriority(inboxAccess(owner), id, {
    priority: "low",
    "base.priority": "none",
    version: "1",
  });

  expect(result).toMatchObject({ priority: "low", version: 2 });
});

test("completing a repeating task from a page that is behind stays a conflict: that occurrence may be done already", async () => {
  const { owner, task } = await seed({ title: "Stand-up", dueDate: "2026-12-07", repeat: "every weekday" });
  const first = await setTaskStatusWithUndo(inboxAccess(owner), task.id, {
    status: "done",
    "base.status": "todo",
    version: "1",
  });
  expect(first.task).toMatchObject({ status: "todo", dueDate: "2026-12-08", version: 2 });

  const error = await setTaskStatusWithUndo(inboxAccess(owner), task.id, {
    status: "done",
    "base.status": "todo",
    version: "1",
  }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(ConflictError);
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(first.task);
});

test("an assignment from a row that is behind applies over a status change, and is refused over another assignment", async () => {
  const [owner, editor] = [newOwnerId(), newOwnerId()];
  const email = () => `p-${randomUUID().slice(0, 8)}@example.com`;
  const list = await createList({ id: owner, email: email() }, { name: "Team", color: "teal" });
  const added = await listStore.addMember(
    list.id,
    editor,
    { role: "editor", email: email(), joinedAt: new Date().toISOString() },
    25,
  );
  if (!added.ok) throw new Error("could not add the editor");
  const access = await resolveListAccess(owner, list.id);
  const task = await createTask(access, taskFields({ title: "Book the hall" }));
  await setTaskStatus(access, task.id, { status: "in_progress", "base.status": "todo", version: "1" });

  const assigned = await setTaskAssignee(access, task.id, { assigneeId: editor, "base.assigneeId": "", version: "1" });
  const clash = await setTaskAssignee(access, task.id, {
    assigneeId: owner,
    "base.assigneeId": "",
    version: "1",
  }).catch((caught: unknown) => caught);

  expect(assigned).toMatchObject({ status: "in_progress", assigneeId: editor, version: 3 });
  expect(clash).toBeInstanceOf(ConflictError);
  expect((clash as ConflictError).message).toBe(
    "Someone changed this task's assignee since you loaded the page, so yours was not saved.",
  );
  expect(await getTask(access, task.id)).toEqual(assigned);
});

test("a labelled task's one-click change moves its label copies too, so the label's views show it where it now is", async () => {
  const owner = newOwnerId();
  const inbox = inboxAccess(owner);
  const task = await createTask(inbox, { title: "Buy stamps", labels: "errand" }, undefined, clock);
  await editElsewhere(owner, task, { title: "Buy stamps and envelopes" });

  await setTaskStatus(inbox, task.id, { status: "done", "base.status": "todo", version: "1" });
  await setTaskPriority(inbox, task.id, { priority: "urgent", "base.priority": "none", version: "1" });

  const scope = listScope(inbox);
  const done = await listTasks(scope, { label: "errand", status: "done", sort: "priority" }, clock);
  const open = await listTasks(scope, { label: "errand", status: "not_done" }, clock);
  expect(done.tasks.map((each) => [each.title, each.priority])).toEqual([["Buy stamps and envelopes", "urgent"]]);
  expect(open.tasks).toEqual([]);
});
