import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, removeMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { createTask, getTask, setTaskAssignee } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// Assignment through the bundle that ships, as a browser without JavaScript uses it: who may
// assign from a row's menu and the edit form, what rows and the task page show, "Assigned to
// me" across lists and its pages, and what each costs in DynamoDB calls.

let proxy: Awaited<ReturnType<typeof startDynamoCallProxy>>;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  proxy = await startDynamoCallProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  await proxy.stop();
});

async function join(listId: string, user: User, role: "editor" | "viewer") {
  const added = await addMember(listId, user.sub, { role, email: user.email, joinedAt: new Date().toISOString() }, 25);
  if (!added.ok) throw new Error(`could not add the ${role}`);
  await writeDirectory(added.list);
}

/** A list `owner` made, which `editor` and `viewer` joined, with one task. */
async function household() {
  const [owner, editor, viewer, stranger] = await Promise.all([newUser(), newUser(), newUser(), newUser()]);
  const list = await createList({ id: owner.sub, email: owner.email }, { name: "Household", color: "teal" });
  await join(list.id, editor, "editor");
  await join(list.id, viewer, "viewer");
  const task = await createTask(await resolveListAccess(owner.sub, list.id), { title: "Fix the tap" });
  return { list, task, owner, editor, viewer, stranger };
}

async function stored(owner: User, listId: string, taskId: string): Promise<Task> {
  return getTask(await resolveListAccess(owner.sub, listId), taskId);
}

const calls = () => proxy.calls.map((call) => `${call.command}:${call.table}`).sort();

describe("assigning from the pages, by role", () => {
  test("an owner or an editor assigns from a row's menu and the edit form; a viewer is refused; a stranger and a removed member get a 404", async () => {
    const { list, task, owner, editor, viewer, stranger } = await household();
    const taskUrl = `/lists/${list.id}/tasks/${task.id}`;
    const quick = (assigneeId: string, version: number) => ({
      intent: "quick",
      assigneeId,
      version: String(version),
      returnTo: `/lists/${list.id}`,
    });

    const byOwner = await owner.invoke(taskUrl, { method: "POST", form: quick(owner.sub, 1) });
    expect(byOwner.status).toBe(303);
    expect((await follow(owner, byOwner)).text).toContain(`Assigned “Fix the tap” to ${owner.email}.`);
    expect((await stored(owner, list.id, task.id)).assigneeId).toBe(owner.sub);

    const edit = await editor.invoke(taskUrl, {
      method: "POST",
      form: {
        intent: "update",
        title: "Fix the tap",
        description: "",
        status: "todo",
        dueDate: "",
        priority: "none",
        assigneeId: editor.sub,
        version: "2",
      },
    });
    expect(edit.status).toBe(303);
    expect((await stored(owner, list.id, task.id)).assigneeId).toBe(editor.sub);

    const refused = await viewer.invoke(taskUrl, { method: "POST", form: quick("", 3) });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("This needs the editor role in “Household”; you are a viewer.");
    for (const outsider of [stranger]) {
      const response = await outsider.invoke(taskUrl, { method: "POST", form: quick(outsider.sub, 3) });
      expect(response.status).toBe(404);
      expect(response.text).not.toContain("Fix the tap");
    }
    await removeMember(list.id, viewer.sub);
    expect((await viewer.invoke(taskUrl, { method: "POST", form: quick(viewer.sub, 3) })).status).toBe(404);
    expect((await stored(owner, list.id, task.id)).assigneeId).toBe(editor.sub);
  });

  test("assigning someone outside the list is refused on the page with the reason; the task is unchanged", async () => {
    const { list, task, owner, stranger } = await household();
    const response = await owner.invoke(`/lists/${list.id}/tasks/${task.id}`, {
      method: "POST",
      form: {
        intent: "update",
        title: "Fix the tap",
        description: "",
        status: "todo",
        dueDate: "",
        priority: "none",
        assigneeId: stranger.sub,
        version: "1",
      },
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain("Only a member of “Household” can be assigned its tasks: invite them first.");
    expect(await stored(owner, list.id, task.id)).toMatchObject({ version: 1 });
    expect((await stored(owner, list.id, task.id)).assigneeId).toBeUndefined();
  });

  test("a viewer is never offered as an assignee, and a row's menu naming one is refused with the reason", async () => {
    const { list, task, owner, editor, viewer } = await household();
    const page = await owner.invoke(`/lists/${list.id}`);
    expect(page.text).toContain(`value="${editor.sub}"`);
    expect(page.text).not.toContain(`value="${viewer.sub}"`);
    const editPage = await owner.invoke(`/lists/${list.id}/tasks/${task.id}`);
    expect(editPage.text).toContain(`<option value="${editor.sub}">`);
    expect(editPage.text).not.toContain(`<option value="${viewer.sub}">`);

    const response = await owner.invoke(`/lists/${list.id}/tasks/${task.id}`, {
      method: "POST",
      form: { intent: "quick", assigneeId: viewer.sub, version: "1", returnTo: `/lists/${list.id}` },
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain("A viewer of “Household” cannot be assigned its tasks: make them an editor first.");
    expect(await stored(owner, list.id, task.id)).toMatchObject({ version: 1 });
    expect((await stored(owner, list.id, task.id)).assigneeId).toBeUndefined();
  });

  test("rows and the task page name the assignee from the members the page already read; a viewer sees it without a menu", async () => {
    const { list, task, owner, editor, viewer } = await household();
    await setTaskAssignee(await resolveListAccess(owner.sub, list.id), task.id, {
      assigneeId: editor.sub,
      version: "1",
    });
    for (let i = 0; i < 5; i++) {
      const more = await createTask(await resolveListAccess(owner.sub, list.id), { title: `Chore ${i}` });
      await setTaskAssignee(await resolveListAccess(owner.sub, list.id), more.id, {
        assigneeId: i % 2 ? owner.sub : editor.sub,
        version: "1",
      });
    }
    const { lists, tasks, sessions } = getTableNames();

    await owner.invoke(`/lists/${list.id}`);
    proxy.reset();
    const page = await owner.invoke(`/lists/${list.id}`);
    expect(page.status).toBe(200);
    // The same three calls as any list page (the session keeps the navigation), however many rows name an assignee.
    expect(calls()).toEqual([`GetItem:${sessions}`, `GetItem:${lists}`, `Query:${tasks}`].sort());
    expect(page.text).toContain(`“Fix the tap” is assigned to ${editor.email}. Change who`);
    expect(page.text).toContain(`${owner.email} (you)`);
    expect(page.text).toContain('name="assigneeId"');

    const asViewer = await viewer.invoke(`/lists/${list.id}`);
    expect(asViewer.text).toContain(`Assigned to ${editor.email}`);
    expect(asViewer.text).not.toContain('name="assigneeId"');

    const taskPage = await viewer.invoke(`/lists/${list.id}/tasks/${task.id}`);
    expect(taskPage.text).toContain(`Assigned to ${editor.email}`);
    const editPage = await owner.invoke(`/lists/${list.id}/tasks/${task.id}`);
    expect(editPage.text).toMatch(/<select[^>]*name="assigneeId"/);
  });
});

describe("Assigned to me", () => {
  test("lists my tasks from every list, pages with the signed cursor, and shows nothing of a list I was removed from", async () => {
    const [me, first, second] = await Promise.all([newUser(), newUser(), newUser()]);
    const home = await createList({ id: first.sub, email: first.email }, { name: "Home" });
    const club = await createList({ id: second.sub, email: second.email }, { name: "Club" });
    await join(home.id, me, "editor");
    await join(club.id, me, "editor");
    for (let i = 0; i < 27; i++) {
      const [owner, list] = i % 3 ? [first, home] : [second, club];
      const access = await resolveListAccess(owner.sub, list.id);
      const task = await createTask(access, {
        title: `Job ${String(i).padStart(2, "0")}`,
        dueDate: `2031-02-${String(i + 1).padStart(2, "0")}`,
      });
      await setTaskAssignee(access, task.id, { assigneeId: me.sub, version: "1" });
    }
    await createTask(await resolveListAccess(first.sub, home.id), { title: "Nobody's job" });

    const firstPage = await me.invoke("/tasks?assignee=me");
    expect(firstPage.status).toBe(200);
    expect(firstPage.text).toContain("Assigned to me</h1>");
    expect(firstPage.text).toMatch(
      /href="\/tasks\?assignee=me"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/tasks\?assignee=me"/,
    );
    expect(firstPage.text).not.toContain("Nobody&#x27;s job");
    expect(firstPage.text).not.toContain("Nobody's job");
    const titles = (text: string) => [...text.matchAll(/Job \d\d/g)].map((match) => match[0]);
    const onFirst = [...new Set(titles(firstPage.text))];
    expect(onFirst).toHaveLength(25);
    expect(onFirst[0]).toBe("Job 00");
    const next = /href="(\/tasks\?assignee=me&(?:amp;)?cursor=[^"]+)"/
      .exec(firstPage.text)?.[1]
      ?.replace(/&amp;/g, "&");
    expect(next).toBeDefined();
    const secondPage = await me.invoke(next ?? "");
    expect([...new Set(titles(secondPage.text))]).toEqual(["Job 25", "Job 26"]);
    // A cursor of another view is refused, not followed.
    const cursor = new URL(next ?? "", "http://x").searchParams.get("cursor") ?? "";
    expect((await me.invoke(`/tasks?cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);

    // Removed from Club: nothing of it shows, though nine of my tasks were there.
    await removeMember(club.id, me.sub);
    const after = await me.invoke("/tasks?assignee=me");
    const left = [...new Set(titles(after.text))];
    expect(left).toHaveLength(18);
    expect(after.text).not.toContain("Club");
    expect(left.every((title) => Number(title.slice(4)) % 3 !== 0)).toBe(true);
  });

  test("costs the same few calls at 1, 20 and 100 lists: the session, the lists (one BatchGetItem per 100), one Query", async () => {
    const { lists, tasks, sessions } = getTableNames();
    const me = await newUser();
    const owner = await newUser();
    const measured: Record<number, { first: string[]; next: string[] }> = {};
    let have = 1;
    for (const n of [1, 20, 100]) {
      for (; have < n; have++) {
        const list = await createList({ id: owner.sub, email: owner.email }, { name: `L${have}` });
        await join(list.id, me, "editor");
        if (have % 10 === 1) {
          const access = await resolveListAccess(owner.sub, list.id);
          const task = await createTask(access, { title: `In L${have}` });
          await setTaskAssignee(access, task.id, { assigneeId: me.sub, version: "1" });
        }
      }
      // The first page after a change to the directory reads it and keeps it in the session.
      proxy.reset();
      expect((await me.invoke("/tasks?assignee=me")).status).toBe(200);
      const first = calls();
      proxy.reset();
      const page = await me.invoke("/tasks?assignee=me");
      expect(page.status).toBe(200);
      measured[n] = { first, next: calls() };
      if (n > 1) expect(page.text).toContain("In L1");
    }
    expect(measured[1]?.next).toEqual([`GetItem:${sessions}`, `Query:${tasks}`].sort());
    for (const n of [20, 100]) {
      expect(measured[n]?.next, `${n} lists`).toEqual(
        [`GetItem:${sessions}`, `BatchGetItem:${lists}`, `Query:${tasks}`].sort(),
      );
      expect(measured[n]?.first, `${n} lists, first page`).toEqual(
        // The directory and the invitations waiting (two Queries of the lists table), kept in one write.
        [
          `GetItem:${sessions}`,
          `Query:${lists}`,
          `Query:${lists}`,
          `UpdateItem:${sessions}`,
          `BatchGetItem:${lists}`,
          `Query:${tasks}`,
        ].sort(),
      );
    }
  }, 240_000);

  test("its filters are not done, done and all; a view it cannot serve is a 400 with the reason", async () => {
    const me = await newUser();
    const page = await me.invoke("/tasks?assignee=me");
    expect(page.text).toContain("Nothing is assigned to you");
    expect(page.text).toContain('href="/tasks?assignee=me&status=not_done"');
    expect(page.text).toContain('href="/tasks?assignee=me&status=done"');
    expect(page.text).not.toContain('name="title"');
    for (const [query, message] of [
      ["assignee=me&due=today", "Assigned tasks are not split into Today and Upcoming"],
      ["assignee=me&status=todo", "Assigned tasks can be filtered as not done or done."],
      ["assignee=someone-else", "This page lists your own assignments: assignee=me."],
    ] as const) {
      const refused = await me.invoke(`/tasks?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.text).toContain(message);
    }
  });
});
