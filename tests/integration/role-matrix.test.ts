import { beforeAll, expect, test } from "vitest";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { invite, removeMember } from "#src/lists/membership-service.ts";
import type { List } from "#src/lists/list.ts";
import { createTask, getTask, listScope, listTasks } from "#src/tasks/task-service.ts";
import type { Task } from "#src/tasks/task.ts";
import { api } from "#tests/support/api-client.ts";
import { tokensFor } from "#tests/support/cognito.ts";
import { importTokenOf, uploadImport } from "#tests/support/import-client.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { follow, newUser, type User } from "#tests/support/users.ts";

// The role matrix of a shared list, over HTTP as browsers and scripts reach it: its owner, an
// editor, a viewer, a stranger, a member removed from it and someone invited who has not
// accepted yet, against every page, data request and change. Readers see it; nobody else
// learns a word of it (404, the same as a missing list); nobody changes what their role does
// not allow, by any route; and each refused change is shown to be well-formed by an editor
// making it on a list of theirs.

type Actor = "owner" | "editor" | "viewer" | "stranger" | "removed" | "invitee";
const ACTORS: Actor[] = ["owner", "editor", "viewer", "stranger", "removed", "invitee"];
const READERS = new Set<Actor>(["owner", "editor", "viewer"]);
const SECRET = "Zanzibar shutters";
const LIST_NAME = "Quayside";

interface Fixture {
  list: List;
  task: Task;
}
let users: Record<Actor, User>;
let tokens: Record<Actor, string>;
let shared: Fixture;
/** Another list the editor edits, where the refused requests are shown to be well-formed. */
let workshop: List;

async function join(list: List, user: User, role: "editor" | "viewer") {
  const added = await addMember(list.id, user.sub, { role, email: user.email, joinedAt: new Date().toISOString() }, 25);
  if (!added.ok) throw new Error(`could not add the ${role}`);
  await writeDirectory(added.list);
}

beforeAll(async () => {
  const made = await Promise.all(ACTORS.map(() => newUser()));
  users = Object.fromEntries(ACTORS.map((actor, i) => [actor, made[i]])) as Record<Actor, User>;
  const { owner, editor, viewer, removed, invitee } = users;
  const list = await createList({ id: owner.sub, email: owner.email }, { name: LIST_NAME, color: "teal" });
  await join(list, editor, "editor");
  await join(list, viewer, "viewer");
  await join(list, removed, "editor");
  await removeMember(await resolveListAccess(owner.sub, list.id), removed.sub);
  await invite(await resolveListAccess(owner.sub, list.id), { email: invitee.email, role: "editor" });
  const access = await resolveListAccess(owner.sub, list.id);
  // 26 tasks, so the list has a second page and a cursor to try.
  for (let i = 1; i <= 25; i += 1) await createTask(access, { title: `Filler ${i}` });
  const task = await createTask(access, { title: SECRET, description: "Behind the blue door" });
  shared = { list: (await resolveListAccess(owner.sub, list.id)).list as List, task };
  workshop = await createList({ id: owner.sub, email: owner.email }, { name: "Workshop" });
  await join(workshop, editor, "editor");
  const issued = await Promise.all(
    ACTORS.map(async (actor) => (await tokensFor(users[actor].email, TEST_PASSWORD)).accessToken),
  );
  tokens = Object.fromEntries(ACTORS.map((actor, i) => [actor, issued[i]])) as Record<Actor, string>;
}, 120_000);

interface Answer {
  status: number;
  text: string;
}
const page = async (actor: Actor, path: string): Promise<Answer> => users[actor].invoke(path);
const json = async (actor: Actor, method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) => {
  const response = await api(method, path, { token: tokens[actor], ...(body === undefined ? {} : { json: body }) });
  return { status: response.status, text: JSON.stringify(response.data ?? "") };
};

/** Requests that read the list: a reader gets it, anyone else a 404 (or a page without it) naming nothing of it. */
const READS: [string, (actor: Actor, f: Fixture) => Promise<Answer>, "404" | "absent"][] = [
  ["the list page", (a, f) => page(a, `/lists/${f.list.id}`), "404"],
  ["the list's board", (a, f) => page(a, `/lists/${f.list.id}/board`), "404"],
  ["the task page", (a, f) => page(a, `/lists/${f.list.id}/tasks/${f.task.id}`), "404"],
  ["the list's Today view", (a, f) => page(a, `/lists/${f.list.id}?due=upcoming`), "404"],
  ["All tasks", (a) => page(a, "/tasks"), "absent"],
  ["a search", (a) => page(a, "/tasks?q=zanzibar"), "absent"],
  ["the board across lists", (a) => page(a, "/board"), "absent"],
  ["the export of the list", (a, f) => page(a, `/tasks/export.json?list=${f.list.id}`), "404"],
  ["the export of everything", (a) => page(a, "/tasks/export.json"), "absent"],
  ["GET /api/v1/tasks?list=", (a, f) => json(a, "GET", `/api/v1/tasks?list=${f.list.id}`), "404"],
  ["GET /api/v1/tasks?q=", (a) => json(a, "GET", "/api/v1/tasks?q=zanzibar"), "absent"],
  ["GET /api/v1/tasks/{id}", (a, f) => json(a, "GET", `/api/v1/tasks/${f.task.id}`), "404"],
  ["GET /api/v1/lists/{id}", (a, f) => json(a, "GET", `/api/v1/lists/${f.list.id}`), "404"],
  ["GET /api/v1/lists/{id}/members", (a, f) => json(a, "GET", `/api/v1/lists/${f.list.id}/members`), "404"],
];

test.each(READS)("%s: readers see the list; nobody else learns a word of it", async (_name, read, outsider) => {
  for (const actor of ACTORS) {
    const answer = await read(actor, shared);
    if (READERS.has(actor)) {
      expect(answer.status, actor).toBe(200);
      expect(
        [SECRET, LIST_NAME, "Filler", users.owner.email].some((word) => answer.text.includes(word)),
        `${actor}: ${answer.text.slice(0, 200)}`,
      ).toBe(true);
    } else {
      expect(answer.status, actor).toBe(outsider === "404" ? 404 : 200);
      expect(answer.text, actor).not.toContain(SECRET);
      expect(answer.text, actor).not.toContain(LIST_NAME);
      expect(answer.text, actor).not.toContain(shared.task.id);
    }
  }
});

test("a reader's cursor is no key: someone else using it on the list gets the 404 of a missing list", async () => {
  const first = await page("viewer", `/lists/${shared.list.id}`);
  const cursor = /[?&]cursor=([^"&]+)/.exec(first.text)?.[1];
  expect(cursor, "the list has a second page").toBeTruthy();
  const next = `/lists/${shared.list.id}?cursor=${cursor}`;
  expect((await page("editor", next)).status).toBe(200);
  for (const actor of ["stranger", "removed", "invitee"] as const) {
    const answer = await page(actor, next);
    expect(answer.status, actor).toBe(404);
    expect(answer.text, actor).not.toContain("Filler");
  }
});

/**
 * Changes an editor may make. A viewer gets a 403 naming the role; an outsider the 404 of a
 * missing list, but for bulk changes, which count tasks they cannot find as missing (deleted
 * ones are too) and go back to the list with that message.
 */
const WRITES: [string, (actor: Actor, f: Fixture) => Promise<Answer>, outsider?: number][] = [
  ["quick add", (a, f) => users[a].invoke(`/lists/${f.list.id}`, { method: "POST", form: { title: "Intruder" } })],
  [
    "one-click status",
    (a, f) =>
      users[a].invoke(`/lists/${f.list.id}/tasks/${f.task.id}`, {
        method: "POST",
        form: { intent: "status", status: "done", version: String(f.task.version), returnTo: `/lists/${f.list.id}` },
      }),
  ],
  [
    "edit",
    (a, f) =>
      users[a].invoke(`/lists/${f.list.id}/tasks/${f.task.id}`, {
        method: "POST",
        form: {
          intent: "update",
          title: "Renamed by someone",
          description: "",
          status: "todo",
          dueDate: "",
          priority: "none",
          version: String(f.task.version),
        },
      }),
  ],
  [
    "delete",
    (a, f) => users[a].invoke(`/lists/${f.list.id}/tasks/${f.task.id}`, { method: "POST", form: { intent: "delete" } }),
  ],
  [
    "bulk complete",
    (a, f) =>
      users[a].invoke("/tasks/bulk", {
        method: "POST",
        form: { action: "status", status: "done", ids: `${f.list.id}:${f.task.id}`, returnTo: "/tasks" },
      }),
    303,
  ],
  [
    "import into the list",
    async (a, f) => {
      const preview = await uploadImport(users[a], "title\r\nSmuggled in\r\n");
      return users[a].invoke("/tasks/import", {
        method: "POST",
        form: { intent: "confirm", token: importTokenOf(preview), list: f.list.id },
      });
    },
  ],
  ["POST /api/v1/tasks", (a, f) => json(a, "POST", "/api/v1/tasks", { title: "Intruder", listId: f.list.id })],
  [
    "PATCH /api/v1/tasks/{id}",
    (a, f) => json(a, "PATCH", `/api/v1/tasks/${f.task.id}`, { title: "Renamed", version: f.task.version }),
  ],
  ["DELETE /api/v1/tasks/{id}", (a, f) => json(a, "DELETE", `/api/v1/tasks/${f.task.id}`)],
];

const changed = (status: number) => status < 400;

test.each(WRITES)(
  "%s: a viewer is refused (403), anyone else outside gets a 404; nothing changes",
  async (_name, write, outsider = 404) => {
    for (const actor of ["viewer", "stranger", "removed", "invitee"] as const) {
      const answer = await write(actor, shared);
      expect(answer.status, actor).toBe(actor === "viewer" ? 403 : outsider);
      if (actor === "viewer") expect(answer.text).toContain("editor");
      else expect(answer.text, actor).not.toContain(LIST_NAME);
    }
    const access = await resolveListAccess(users.owner.sub, shared.list.id);
    expect(await getTask(access, shared.task.id)).toMatchObject({ title: SECRET, status: "todo", version: 1 });
    const titles = [];
    let cursor: string | undefined;
    do {
      const next = await listTasks(listScope(access), { cursor });
      titles.push(...next.tasks.map((task) => task.title));
      cursor = next.nextCursor;
    } while (cursor);
    expect(titles).toHaveLength(26);

    // The same request from an editor, on a task of a list they edit, is accepted.
    const own = await createTask(await resolveListAccess(users.owner.sub, workshop.id), { title: "For the editor" });
    const accepted = await write("editor", { list: workshop, task: own });
    expect(changed(accepted.status), `editor: ${accepted.status} ${accepted.text.slice(0, 200)}`).toBe(true);
  },
);

test("an owner's Undo token is theirs: nobody else restores with it, the owner does", async () => {
  const access = await resolveListAccess(users.owner.sub, shared.list.id);
  const doomed = await createTask(access, { title: "Doomed" });
  const deleted = await users.owner.invoke(`/lists/${shared.list.id}/tasks/${doomed.id}`, {
    method: "POST",
    form: { intent: "delete" },
  });
  const token = /name="token" value="([^"]+)"/.exec((await follow(users.owner, deleted)).body)?.[1] ?? "";
  expect(token).not.toBe("");
  for (const actor of ["editor", "viewer", "stranger", "removed", "invitee"] as const) {
    await users[actor].invoke("/tasks/undo", { method: "POST", form: { token } });
    expect(await getTask(access, doomed.id).catch(() => null), actor).toBeNull();
  }
  await users.owner.invoke("/tasks/undo", { method: "POST", form: { token } });
  expect(await getTask(access, doomed.id)).toMatchObject({ title: "Doomed" });
});

test("only the owner manages the list: renaming and inviting are refused to everyone else", async () => {
  for (const actor of ["editor", "viewer", "stranger", "removed", "invitee"] as const) {
    const renamed = await users[actor].invoke(`/lists/${shared.list.id}/settings`, {
      method: "POST",
      form: { intent: "save", name: "Taken over", color: "red" },
    });
    expect(renamed.status, actor).toBe(READERS.has(actor) ? 403 : 404);
    const invited = await json(actor, "POST", `/api/v1/lists/${shared.list.id}/invitations`, {
      email: `${crypto.randomUUID()}@example.com`,
      role: "editor",
    });
    expect(invited.status, actor).toBe(READERS.has(actor) ? 403 : 404);
  }
  expect((await resolveListAccess(users.owner.sub, shared.list.id)).name).toBe(LIST_NAME);
});
