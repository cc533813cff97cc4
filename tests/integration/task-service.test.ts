import { inboxAccess } from "#src/lists/list-access.ts";
import { expect, test } from "vitest";
import { ConflictError, InvalidTokenError, NotFoundError, ValidationError } from "#src/errors.ts";
import {
  PAGE_SIZE,
  createTask,
  deleteTask,
  getTask,
  listTasks,
  updateTask,
  listScope,
} from "#src/tasks/task-service.ts";
import { newOwnerId, taskFields } from "#tests/support/factories.ts";

/** An edit as the form sends it: every field present (tests override what they change). */
function update(owner: string, id: string, fields: Record<string, string>) {
  return updateTask(inboxAccess(owner), id, {
    description: "",
    status: "todo",
    dueDate: "",
    priority: "none",
    ...fields,
  });
}

test("an update that leaves out a field is refused instead of blanking it", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), taskFields({ description: "Keep me", status: "done" }));

  const error = await updateTask(inboxAccess(owner), task.id, { title: "New title", version: "1" }).catch(
    (caught: unknown) => caught,
  );

  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors.description).toEqual([
    "The form is incomplete or out of date; reload the task and try again.",
  ]);
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(task);
});

test("a created task can be read back with version 1 and timestamps", async () => {
  const owner = newOwnerId();
  const created = await createTask(inboxAccess(owner), {
    title: "  Write report ",
    description: "Q3\r\nnumbers",
    status: "in_progress",
  });

  const read = await getTask(inboxAccess(owner), created.id);

  expect(read).toEqual(created);
  expect(read).toMatchObject({
    listId: owner,
    title: "Write report",
    description: "Q3\nnumbers",
    status: "in_progress",
    version: 1,
  });
  expect(read.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(read.createdAt).toBe(read.updatedAt);
});

test("invalid input is refused with field messages and stores nothing", async () => {
  const owner = newOwnerId();

  const error = await createTask(inboxAccess(owner), { title: " ", status: "later" }).catch(
    (caught: unknown) => caught,
  );

  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors).toEqual({
    title: ["Title is required."],
    status: ["Choose a valid status."],
  });
  expect((await listTasks(listScope(inboxAccess(owner)), {})).tasks).toEqual([]);
});

test("an update changes the fields and increments the version", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), taskFields());

  const updated = await update(owner, task.id, {
    title: "Renamed",
    description: "Now with text",
    status: "done",
    version: "1",
  });

  expect(updated).toMatchObject({
    id: task.id,
    title: "Renamed",
    description: "Now with text",
    status: "done",
    version: 2,
  });
  expect(updated.createdAt).toBe(task.createdAt);
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(updated);
});

test("an update with a stale version is a conflict carrying the current task, and changes nothing", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), taskFields({ title: "Original" }));
  const current = await update(owner, task.id, { title: "First edit", version: "1" });

  const error = await update(owner, task.id, { title: "Second edit", version: "1" }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).code).toBe("task.version_conflict");
  expect((error as ConflictError).current).toEqual(current);
  expect(await getTask(inboxAccess(owner), task.id)).toEqual(current);
});

test("an invalid update is refused and changes nothing", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), taskFields());

  await expect(update(owner, task.id, { title: "", version: "1" })).rejects.toBeInstanceOf(ValidationError);

  expect(await getTask(inboxAccess(owner), task.id)).toEqual(task);
});

test("a deleted task is gone, and deleting it again is not found", async () => {
  const owner = newOwnerId();
  const task = await createTask(inboxAccess(owner), taskFields());

  await deleteTask(inboxAccess(owner), task.id);

  await expect(getTask(inboxAccess(owner), task.id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(deleteTask(inboxAccess(owner), task.id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(update(owner, task.id, { title: "x", version: "1" })).rejects.toBeInstanceOf(NotFoundError);
});

test("another owner's task is not found on read, update and delete, and stays unchanged", async () => {
  const alice = newOwnerId();
  const mallory = newOwnerId();
  const task = await createTask(inboxAccess(alice), taskFields({ title: "Alice's secret" }));

  await expect(getTask(inboxAccess(mallory), task.id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(update(mallory, task.id, { title: "Pwned", version: "1" })).rejects.toBeInstanceOf(NotFoundError);
  await expect(deleteTask(inboxAccess(mallory), task.id)).rejects.toBeInstanceOf(NotFoundError);

  expect(await getTask(inboxAccess(alice), task.id)).toEqual(task);
  expect((await listTasks(listScope(inboxAccess(mallory)), {})).tasks).toEqual([]);
});

test("ids that are not task ids are simply not found", async () => {
  const owner = newOwnerId();
  for (const id of ["", "nope", "../../etc", "01J".padEnd(27, "A"), "01jabcdefghjkmnpqrstvwxyz0"]) {
    await expect(getTask(inboxAccess(owner), id), id).rejects.toBeInstanceOf(NotFoundError);
  }
});

test("tasks are listed newest first", async () => {
  const owner = newOwnerId();
  const first = await createTask(inboxAccess(owner), taskFields({ title: "first" }));
  const second = await createTask(inboxAccess(owner), taskFields({ title: "second" }));
  const third = await createTask(inboxAccess(owner), taskFields({ title: "third" }));

  const { tasks } = await listTasks(listScope(inboxAccess(owner)), {});

  expect(tasks.map((task) => task.id)).toEqual([third.id, second.id, first.id]);
});

test("the status filter returns only tasks with that status, newest first, and follows updates", async () => {
  const owner = newOwnerId();
  const a = await createTask(inboxAccess(owner), taskFields({ status: "todo" }));
  const b = await createTask(inboxAccess(owner), taskFields({ status: "done" }));
  const c = await createTask(inboxAccess(owner), taskFields({ status: "todo" }));
  await update(owner, a.id, { title: a.title, status: "done", version: "1" });

  const done = await listTasks(listScope(inboxAccess(owner)), { status: "done" });
  const todo = await listTasks(listScope(inboxAccess(owner)), { status: "todo" });
  const inProgress = await listTasks(listScope(inboxAccess(owner)), { status: "in_progress" });

  expect(done.tasks.map((task) => task.id)).toEqual([b.id, a.id]);
  expect(todo.tasks.map((task) => task.id)).toEqual([c.id]);
  expect(inProgress.tasks).toEqual([]);
  expect(done.view).toEqual({ status: "done", sort: "newest" });
});

test("an unknown status filter is a validation error", async () => {
  await expect(listTasks(listScope(inboxAccess(newOwnerId())), { status: "archived" })).rejects.toBeInstanceOf(
    ValidationError,
  );
});

async function pageThrough(owner: string, status?: string) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listTasks(listScope(inboxAccess(owner)), { status, cursor });
    pages.push(page.tasks.map((task) => task.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 10);
  return pages;
}

test("paging through 60 tasks returns each exactly once, 25 a page, newest first", async () => {
  const owner = newOwnerId();
  const created: string[] = [];
  for (let i = 0; i < 60; i++)
    created.push((await createTask(inboxAccess(owner), taskFields({ title: `Task ${i}` }))).id);

  const pages = await pageThrough(owner);

  expect(pages.map((page) => page.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 10]);
  expect(pages.flat()).toEqual([...created].reverse());
});

test("paging a status filter returns each matching task once, and a full last page has no next link", async () => {
  const owner = newOwnerId();
  const done: string[] = [];
  for (let i = 0; i < 55; i++) {
    const task = await createTask(inboxAccess(owner), taskFields({ status: i % 11 === 0 ? "todo" : "done" }));
    if (task.status === "done") done.push(task.id);
  }

  const pages = await pageThrough(owner, "done");

  expect(done).toHaveLength(50);
  expect(pages.map((page) => page.length)).toEqual([PAGE_SIZE, PAGE_SIZE]);
  expect(pages.flat()).toEqual([...done].reverse());
});

test("a cursor only works for the owner and filter it was issued for", async () => {
  const owner = newOwnerId();
  for (let i = 0; i < PAGE_SIZE + 1; i++) await createTask(inboxAccess(owner), taskFields());
  const { nextCursor } = await listTasks(listScope(inboxAccess(owner)), {});
  expect(nextCursor).toBeDefined();

  await expect(listTasks(listScope(inboxAccess(newOwnerId())), { cursor: nextCursor })).rejects.toBeInstanceOf(
    InvalidTokenError,
  );
  await expect(listTasks(listScope(inboxAccess(owner)), { status: "todo", cursor: nextCursor })).rejects.toBeInstanceOf(
    InvalidTokenError,
  );
  await expect(listTasks(listScope(inboxAccess(owner)), { cursor: `${nextCursor}x` })).rejects.toBeInstanceOf(
    InvalidTokenError,
  );
  expect((await listTasks(listScope(inboxAccess(owner)), { cursor: nextCursor })).tasks).toHaveLength(1);
});
