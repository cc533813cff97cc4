import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ConflictError, NotFoundError } from "#src/errors.ts";
import { deleteTask, getTask, putTask, queryTaskPage, updateTask } from "#src/tasks/task-repository.ts";
import type { Task } from "#src/tasks/task.ts";
import { newOwnerId } from "#tests/support/factories.ts";

function aTask(owner: string, overrides: Partial<Task> = {}): Task {
  const now = new Date().toISOString();
  return {
    id: ulid(),
    listId: owner,
    title: "A task",
    description: "",
    status: "todo",
    dueDate: null,
    priority: "none",
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...overrides,
  };
}

test("putTask stores the item with the keys of every list index and its search words", async () => {
  const task = aTask(newOwnerId(), {
    status: "in_progress",
    dueDate: "2026-12-24",
    priority: "high",
    title: "Wrap the Café gifts",
    description: "Gifts for the café team",
  });

  await putTask(task, undefined);

  const raw = await (
    await getDocumentClient()
  ).send(new GetCommand({ TableName: getTableNames().tasks, Key: { owner: task.listId, id: task.id } }));
  // Stored under the partition name it always had: the list id is the item's `owner`.
  const { listId, ...fields } = task;
  expect(raw.Item).toEqual({
    ...fields,
    owner: listId,
    ownerStatus: `${task.listId}#in_progress`,
    dueSort: `2026-12-24#${task.id}`,
    prioritySort: `1#2026-12-24#${task.id}`,
    // byAssignee's sort key, written always: only an assigneeId puts the item in that index.
    assigneeSort: `0#2026-12-24#${task.id}`,
    searchText: " wrap the cafe gifts for team",
  });
  expect(raw.Item).not.toHaveProperty("assigneeId");
});

test("a task without a due date sorts last by due date and has no dueDate attribute", async () => {
  const task = aTask(newOwnerId());

  await putTask(task, undefined);

  const raw = await (
    await getDocumentClient()
  ).send(new GetCommand({ TableName: getTableNames().tasks, Key: { owner: task.listId, id: task.id } }));
  expect(raw.Item).not.toHaveProperty("dueDate");
  expect(raw.Item).toMatchObject({ dueSort: `9999-12-31#${task.id}`, prioritySort: `4#9999-12-31#${task.id}` });
});

test("putTask never overwrites an existing task", async () => {
  const task = aTask(newOwnerId(), { title: "Original" });
  await putTask(task, undefined);

  await expect(putTask({ ...task, title: "Overwritten" }, undefined)).rejects.toThrow();

  expect((await getTask(task.listId, task.id))?.title).toBe("Original");
});

test("getTask returns null for a missing task", async () => {
  expect(await getTask(newOwnerId(), ulid())).toBeNull();
});

test("updateTask tells a missing task (not found) from a changed one (conflict)", async () => {
  const task = aTask(newOwnerId());
  await putTask(task, undefined);
  const fields = {
    title: "New",
    description: "",
    status: "done" as const,
    dueDate: null,
    dueTime: null,
    recurrence: null,
    priority: "none" as const,
  };

  await expect(updateTask(task.listId, ulid(), 1, fields, task.updatedAt, "someone")).rejects.toBeInstanceOf(
    NotFoundError,
  );
  await expect(updateTask(task.listId, task.id, 2, fields, task.updatedAt, "someone")).rejects.toBeInstanceOf(
    ConflictError,
  );
  const updated = await updateTask(task.listId, task.id, 1, fields, "2030-01-01T00:00:00.000Z", "someone");

  expect(updated).toMatchObject({ title: "New", status: "done", version: 2, updatedAt: "2030-01-01T00:00:00.000Z" });
});

test("deleteTask only deletes an existing task of that owner", async () => {
  const task = aTask(newOwnerId());
  await putTask(task, undefined);

  await expect(deleteTask(newOwnerId(), task.id)).rejects.toBeInstanceOf(NotFoundError);
  expect(await getTask(task.listId, task.id)).not.toBeNull();
  expect(await deleteTask(task.listId, task.id)).toEqual(task);
  expect(await getTask(task.listId, task.id)).toBeNull();
});

test("queryTaskPage reads one page plus one, and says where the next starts only when more follow", async () => {
  const owner = newOwnerId();
  for (let i = 0; i < 3; i++) await putTask(aTask(owner), undefined);

  const exact = await queryTaskPage([owner], { sort: "newest" }, { limit: 3 });
  const partial = await queryTaskPage([owner], { sort: "newest" }, { limit: 2 });

  expect(exact.tasks).toHaveLength(3);
  expect(exact.after).toBeUndefined();
  expect(partial.tasks).toHaveLength(2);
  expect(partial.after).toBe(partial.tasks[1]?.id);
});
