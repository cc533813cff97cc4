import { inboxAccess } from "#src/lists/list-access.ts";
import { beforeAll, describe, expect, test } from "vitest";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { createTask, getTask, updateTask } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import type { LambdaResponse } from "#tests/support/lambda-client.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// Bulk actions and undo through the bundle that ships, with API Gateway events, as a browser
// without JavaScript posts them (the same forms JavaScript submits). Tasks are seeded through
// the service; what changed is read back through it.

let alice: User;
let bob: User;
beforeAll(async () => {
  [alice, bob] = await Promise.all([newUser(), newUser()]);
});

async function seed(user: User, count: number, fields: Record<string, string> = {}): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++)
    tasks.push(await createTask(inboxAccess(user.sub), { title: `Task ${i}`, ...fields }));
  return tasks;
}

function bulk(user: User, fields: Record<string, string>, ids: string[]) {
  const body = new URLSearchParams({ returnTo: "/tasks?sort=oldest", ...fields });
  for (const id of ids) body.append("ids", id);
  // Repeated `ids`, as a browser sends the checked boxes.
  return user.invoke("/tasks/bulk", {
    body: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

function undoTokenIn(page: LambdaResponse): string {
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error("no Undo button on the page");
  return token;
}

function undo(user: User, token: string) {
  return user.invoke("/tasks/undo", { form: { token, returnTo: "/tasks" } });
}

const read = (user: User, task: Task) => getTask(inboxAccess(user.sub), task.id);

describe("POST /tasks/bulk", () => {
  test("sets the status of the selected tasks, says how many, and names the ones it could not change", async () => {
    const mine = await seed(alice, 3);
    const [bobs] = await seed(bob, 1);
    const response = await bulk(alice, { action: "status", status: "done" }, [
      ...mine.map((task) => task.id),
      bobs!.id,
      "01ARZ3NDEKTSV4RRFFQ69G5FAV",
      "not-an-id",
    ]);
    expect(response.headers.location).toBe("/tasks?sort=oldest");
    const page = await follow(alice, response);
    expect(page.text).toContain("Moved 3 tasks to Done. 3 were not changed: deleted elsewhere, or not found.");
    for (const task of mine) expect(await read(alice, task)).toMatchObject({ status: "done", version: 2 });
    expect(await read(bob, bobs!)).toMatchObject({ status: "todo", version: 1 });
  });

  test("sets priority, sets and clears due dates, and deletes", async () => {
    const tasks = await seed(alice, 2, { dueDate: "2026-12-01" });
    const ids = tasks.map((task) => task.id);
    await follow(alice, await bulk(alice, { action: "priority", priority: "urgent" }, ids));
    const due = await follow(alice, await bulk(alice, { action: "due", dueDate: "2027-01-15" }, ids));
    expect(due.text).toContain("Set 2 tasks due on Fri 15 Jan 2027.");
    for (const task of tasks)
      expect(await read(alice, task)).toMatchObject({ priority: "urgent", dueDate: "2027-01-15" });
    const cleared = await follow(alice, await bulk(alice, { action: "due", dueDate: "" }, ids));
    expect(cleared.text).toContain("Cleared the due date of 2 tasks.");
    for (const task of tasks) expect(await read(alice, task)).toMatchObject({ dueDate: null });
    const deleted = await follow(alice, await bulk(alice, { action: "delete" }, ids));
    expect(deleted.text).toContain("Deleted 2 tasks.");
    for (const task of tasks) await expect(read(alice, task)).rejects.toThrow("Task not found.");
  });

  test("a bad request is a 400 with a message, and changes nothing", async () => {
    const [task] = await seed(alice, 1);
    const ids = [task!.id];
    const cases: [Record<string, string>, string[], string][] = [
      [{ action: "status", status: "done" }, [], "Select at least one task."],
      [{ action: "status", status: "done" }, Array.from({ length: 101 }, () => task!.id), "Select at most 100 tasks"],
      [{ action: "archive" }, ids, "Choose what to do with the selected tasks."],
      [{ action: "status", status: "someday" }, ids, "Choose a valid status."],
      [{ action: "priority", priority: "" }, ids, "Choose a valid priority."],
      [{ action: "due", dueDate: "2026-02-30" }, ids, "Enter a real date as YYYY-MM-DD."],
    ];
    for (const [fields, given, message] of cases) {
      const response = await bulk(alice, fields, given);
      expect(response.status, message).toBe(400);
      expect(response.text).toContain(message);
      expect(response.body).not.toMatch(/\n\s+at |node_modules/);
    }
    expect(await read(alice, task!)).toMatchObject({ status: "todo", priority: "none", version: 1 });
  });

  test("a change made in another tab since is kept: the bulk action applies its one field on top", async () => {
    const [task] = await seed(alice, 1, { priority: "low" });
    // Another tab renames the task after this one loaded the list.
    await updateTask(inboxAccess(alice.sub), task!.id, {
      title: "Renamed elsewhere",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "low",
      version: "1",
    });
    await follow(alice, await bulk(alice, { action: "status", status: "in_progress" }, [task!.id]));
    expect(await read(alice, task!)).toMatchObject({
      title: "Renamed elsewhere",
      status: "in_progress",
      priority: "low",
      version: 3,
    });
  });
});

describe("POST /tasks/undo", () => {
  test("undoes a bulk change: the previous values come back and the version moves on", async () => {
    const tasks = await seed(alice, 3, { status: "in_progress", priority: "medium" });
    const page = await follow(
      alice,
      await bulk(
        alice,
        { action: "status", status: "done" },
        tasks.map((t) => t.id),
      ),
    );
    const undone = await follow(alice, await undo(alice, undoTokenIn(page)));
    expect(undone.text).toContain("Undid the change to 3 tasks.");
    for (const task of tasks)
      expect(await read(alice, task)).toMatchObject({ status: "in_progress", priority: "medium", version: 3 });
  });

  test("undoes a bulk delete: same ids, fields, created time and due date", async () => {
    const tasks = await seed(alice, 2, { description: "Keep me", dueDate: "2027-03-04", priority: "high" });
    const page = await follow(
      alice,
      await bulk(
        alice,
        { action: "delete" },
        tasks.map((t) => t.id),
      ),
    );
    const undone = await follow(alice, await undo(alice, undoTokenIn(page)));
    expect(undone.text).toContain("Restored 2 tasks.");
    for (const task of tasks) {
      const back = await read(alice, task);
      expect(back).toEqual({ ...task, version: 2, updatedAt: back.updatedAt });
    }
  });

  test("undoes a single delete from the task's page", async () => {
    const [task] = await seed(alice, 1, { title: "Deleted by mistake" });
    const page = await follow(alice, await alice.invoke(`/tasks/${task!.id}`, { form: { intent: "delete" } }));
    expect(page.text).toContain("Deleted “Deleted by mistake”.");
    await follow(alice, await undo(alice, undoTokenIn(page)));
    expect(await read(alice, task!)).toMatchObject({
      title: "Deleted by mistake",
      createdAt: task!.createdAt,
      version: 2,
    });
  });

  test("a task changed in another tab since is left as it is and named; the others are restored", async () => {
    const tasks = await seed(alice, 2, { priority: "low" });
    const page = await follow(
      alice,
      await bulk(
        alice,
        { action: "priority", priority: "high" },
        tasks.map((t) => t.id),
      ),
    );
    await updateTask(inboxAccess(alice.sub), tasks[0]!.id, {
      title: "Edited since",
      description: "",
      status: "todo",
      dueDate: "",
      priority: "high",
      version: "2",
    });
    const undone = await follow(alice, await undo(alice, undoTokenIn(page)));
    expect(undone.text).toContain("Undid the change to 1 task. 1 task was changed since and left as it is: “Task 0”.");
    expect(await read(alice, tasks[0]!)).toMatchObject({ title: "Edited since", priority: "high", version: 3 });
    expect(await read(alice, tasks[1]!)).toMatchObject({ priority: "low", version: 3 });
  });

  test("a forged, foreign, reused or expired token is refused and changes nothing", async () => {
    const tasks = await seed(alice, 1, { status: "todo" });
    const page = await follow(alice, await bulk(alice, { action: "status", status: "done" }, [tasks[0]!.id]));
    const token = undoTokenIn(page);
    const forged = await undo(alice, `${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain("This undo button is not valid.");
    const foreign = await undo(bob, token);
    expect(foreign.status).toBe(400);
    expect(await read(alice, tasks[0]!)).toMatchObject({ status: "done", version: 2 });

    await follow(alice, await undo(alice, token));
    const reused = await undo(alice, token);
    expect(reused.status).toBe(400);
    expect(reused.text).toContain("That was already undone.");
    expect(await read(alice, tasks[0]!)).toMatchObject({ status: "todo", version: 3 });

    // Expired: the undo's time is up (DynamoDB's TTL deletes lazily; the app checks the time).
    const again = await follow(alice, await bulk(alice, { action: "status", status: "done" }, [tasks[0]!.id]));
    const expiring = undoTokenIn(again);
    const client = await getDocumentClient();
    const { UpdateCommand } = await import("@aws-sdk/lib-dynamodb");
    await client.send(
      new UpdateCommand({
        TableName: getTableNames().undo,
        Key: { id: expiring.slice(0, expiring.lastIndexOf(".")), taskId: "#" },
        UpdateExpression: "SET expiresAt = :past",
        ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    const expired = await undo(alice, expiring);
    expect(expired.status).toBe(404);
    expect(expired.text).toContain("can no longer be undone");
    expect(await read(alice, tasks[0]!)).toMatchObject({ status: "done", version: 4 });
  });
});
