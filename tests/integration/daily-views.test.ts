import { beforeAll, expect, test } from "vitest";
import { invoke as anonymousInvoke, newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";
import { taskFields } from "#tests/support/factories.ts";
import { uploadImport } from "#tests/support/import-client.ts";

// Issue 26 (daily use): where one-click changes, task pages and deletes send the user back to,
// and what /favicon.ico answers. Driven through the bundle that ships, as a browser without
// JavaScript would post.

let user: SignedInUser;
beforeAll(async () => {
  user = await newSignedInUser();
});

async function createTask(fields: Record<string, string> = {}) {
  const values = taskFields(fields);
  expect((await user.invoke("/tasks", { form: values })).status).toBe(303);
  const list = await user.invoke("/tasks");
  const match = new RegExp(`id="task-([0-9A-Z]{26})"(?:(?!</li>).)*?>${values.title}<`, "s").exec(list.body);
  if (!match?.[1]) throw new Error(`no row for ${values.title}`);
  const version = /name="version" value="(\d+)"/.exec(list.body.slice(match.index))?.[1] ?? "1";
  return { id: match[1], title: values.title ?? "", version };
}

function backLinkOf(html: string): string | undefined {
  return /<a [^>]*href="([^"]*)"[^>]*>← /.exec(html)?.[1]?.replace(/&amp;/g, "&");
}

test("GET /favicon.ico answers with the app's icon, without touching the session or storage", async () => {
  const response = await anonymousInvoke("/favicon.ico");

  expect(response.status).toBe(301);
  expect(response.headers.location).toBe("/_static/favicon.svg");
  expect(response.headers["cache-control"]).toContain("max-age=86400");
});

test("a one-click change without JavaScript returns to the row's anchor in the same list", async () => {
  const task = await createTask({ dueDate: "2030-01-02" });

  const response = await user.invoke(`/tasks/${task.id}`, {
    form: { intent: "quick", status: "in_progress", version: task.version, returnTo: "/tasks?sort=due" },
  });

  expect(response.status).toBe(303);
  expect(response.headers.location).toBe(`/tasks?sort=due#task-${task.id}`);
  const list = await user.invoke("/tasks?sort=due");
  expect(list.body).toContain(`id="task-${task.id}"`);
});

test("a one-click change from another site's returnTo goes back to /tasks, and its conflict page links only there", async () => {
  const task = await createTask();

  const redirected = await user.invoke(`/tasks/${task.id}`, {
    form: { intent: "quick", priority: "high", version: task.version, returnTo: "https://evil.example/tasks" },
  });
  const conflict = await user.invoke(`/tasks/${task.id}`, {
    form: { intent: "quick", priority: "low", version: task.version, returnTo: "javascript:alert(1)//tasks" },
  });

  expect(redirected.headers.location).toBe(`/tasks#task-${task.id}`);
  expect(conflict.status).toBe(409);
  expect(conflict.body).not.toContain("javascript:");
  expect(backLinkOf(conflict.body)).toBe("/tasks");
});

test("the task page's back link returns to the view it was opened from, named after it", async () => {
  const task = await createTask();
  const view = "/tasks?due=upcoming&q=rent";

  const page = await user.invoke(`/tasks/${task.id}?back=${encodeURIComponent(view)}`);
  const fromBoard = await user.invoke(`/tasks/${task.id}?back=${encodeURIComponent("/board?sort=due")}`);
  const plain = await user.invoke(`/tasks/${task.id}`);

  expect(backLinkOf(page.body)).toBe(view);
  expect(page.text).toContain("← Search results");
  expect(backLinkOf(fromBoard.body)).toBe("/board?sort=due");
  expect(fromBoard.text).toContain("← Board");
  expect(backLinkOf(plain.body)).toBe("/tasks");
  expect(plain.text).toContain("← All tasks");
});

test("a back parameter that leaves the app's lists is never a link: the back link is All tasks", async () => {
  const task = await createTask();

  for (const back of ["https://evil.example/tasks", "//evil.example/tasks", "/tasks/..//evil.example", "/account"]) {
    const page = await user.invoke(`/tasks/${task.id}?back=${encodeURIComponent(back)}`);
    expect(page.status, back).toBe(200);
    expect(backLinkOf(page.body), back).toBe("/tasks");
    expect(page.body, back).not.toMatch(/href="[^"]*evil\.example/);
  }
});

test("saving a task keeps the way back; deleting it returns to the list it was opened from", async () => {
  const task = await createTask();
  const back = "/tasks?status=todo&sort=priority";
  const url = `/tasks/${task.id}?back=${encodeURIComponent(back)}`;

  const saved = await user.invoke(url, {
    form: {
      intent: "update",
      title: `${task.title} edited`,
      description: "",
      status: "todo",
      dueDate: "",
      priority: "none",
      version: task.version,
    },
  });
  const deleted = await user.invoke(url, { form: { intent: "delete" } });

  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe(url);
  expect(deleted.status).toBe(303);
  expect(deleted.headers.location).toBe(back);
});

test("list rows link to their task with the list they are on", async () => {
  const task = await createTask({ dueDate: "2030-01-02" });

  const list = await user.invoke("/tasks?sort=due");

  expect(list.body).toContain(`href="/tasks/${task.id}?back=${encodeURIComponent("/tasks?sort=due")}"`);
});

test("a description's http(s) addresses are links on the task page; other schemes and markup stay text", async () => {
  const description =
    'Book at https://example.com/tickets?x=1&y=2. Not javascript:alert(1) or <a href="https://evil.example">';
  const task = await createTask({ description });

  const page = await user.invoke(`/tasks/${task.id}`);
  const list = await user.invoke("/tasks");

  expect(page.body).toMatch(
    /<a href="https:\/\/example\.com\/tickets\?x=1&amp;y=2" target="_blank" rel="noopener noreferrer" class="link">https:\/\/example\.com\/tickets\?x=1&amp;y=2<\/a>\. Not javascript:alert\(1\)/,
  );
  expect(page.body).not.toContain('href="javascript');
  expect(page.body).not.toContain('href="https://evil.example"');
  expect(page.text).toContain('<a href="https://evil.example">');
  // The list shows a one-line excerpt inside the row's link: text only.
  expect(list.body).not.toContain('href="https://example.com/tickets');
});

test("dates read the same everywhere: the import preview and the conflict panel say 'Mon 1 Mar 2027'", async () => {
  const preview = await uploadImport(user, "title,dueDate\r\nPack for the trip,2027-03-01\r\n");
  const task = await createTask();
  const edit = (fields: Record<string, string>) =>
    user.invoke(`/tasks/${task.id}`, {
      form: { intent: "update", title: task.title, description: "", status: "todo", priority: "none", ...fields },
    });
  expect((await edit({ dueDate: "2027-03-01", version: task.version })).status).toBe(303);

  const conflict = await edit({ dueDate: "", title: "Mine", version: task.version });

  expect(preview.text).toContain("Due Mon 1 Mar 2027");
  expect(conflict.status).toBe(409);
  expect(conflict.text).toMatch(/<dt[^>]*>Due<\/dt><dd[^>]*>Mon 1 Mar 2027 <span/);
});

test("a bulk due date is confirmed in the same words", async () => {
  const task = await createTask();

  const response = await user.invoke("/tasks/bulk", {
    form: { action: "due", ids: task.id, dueDate: "2030-01-02", returnTo: "/tasks" },
  });
  const list = await user.invoke("/tasks", { cookies: response.cookies.map((cookie) => cookie.split(";")[0] ?? "") });

  expect(list.text).toContain("Set 1 task due on Wed 2 Jan 2030.");
});

test("a save that meets someone else's change keeps their changes to the fields this user left alone", async () => {
  const task = await createTask({ description: "Saturday" });
  const loaded = {
    "base.title": task.title,
    "base.description": "Saturday",
    "base.status": "todo",
    "base.dueDate": "",
    "base.priority": "none",
  };
  const save = (fields: Record<string, string>) =>
    user.invoke(`/tasks/${task.id}`, {
      form: {
        intent: "update",
        title: task.title,
        description: "Saturday",
        status: "todo",
        dueDate: "",
        priority: "none",
        ...fields,
      },
    });
  // The other tab: status, due date and title.
  expect((await save({ status: "in_progress", dueDate: "2030-01-02", title: "Theirs", version: "1" })).status).toBe(
    303,
  );

  // This tab, loaded at version 1, changed the title and the priority.
  const conflict = await save({ ...loaded, title: "Mine", priority: "high", version: "1" });

  expect(conflict.status).toBe(409);
  expect(conflict.text).toMatch(/<dl[^>]*><dt[^>]*>Title<\/dt>.*<dt[^>]*>Status<\/dt>.*<dt[^>]*>Due<\/dt>.*<\/dl>/s);
  expect(conflict.text).toMatch(
    /data-conflict-field="title"[^>]*>Theirs <span[^>]*>\(you changed it too: the form has yours\)/,
  );
  expect(conflict.text).toMatch(/data-conflict-field="status"[^>]*>.*?In progress.*?\(kept in the form\)/);
  expect(conflict.text).not.toContain('data-conflict-field="priority"');
  // The form: this user's title and priority, the other's status and due date, on version 2.
  expect(conflict.body).toContain(
    'id="edit-title" name="title" type="text" autoComplete="off" placeholder="What needs doing?" aria-required="true" class="input" value="Mine"',
  );
  expect(conflict.body).toMatch(/<option value="in_progress" selected="">/);
  expect(conflict.body).toMatch(/<option value="high" selected="">/);
  expect(conflict.body).toContain('value="2030-01-02"');
  expect(conflict.body).toMatch(/name="version" value="2"/);
  expect(conflict.body).toContain('name="base.status" value="in_progress"');

  // Saving that form again keeps both people's changes.
  const again = await save({
    title: "Mine",
    priority: "high",
    status: "in_progress",
    dueDate: "2030-01-02",
    version: "2",
    "base.title": "Theirs",
    "base.description": "Saturday",
    "base.status": "in_progress",
    "base.dueDate": "2030-01-02",
    "base.priority": "none",
  });
  const page = await user.invoke(`/tasks/${task.id}`);
  expect(again.status).toBe(303);
  expect(page.text).toContain(">Mine</h1>");
  expect(page.body).toMatch(/<option value="in_progress" selected="">/);
  expect(page.body).toContain('value="2030-01-02"');
});
