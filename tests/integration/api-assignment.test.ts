import { beforeAll, expect, test } from "vitest";
import { api, type ApiResponse, newApiCaller, type ApiCaller, expectProblemType } from "#tests/support/api-client.ts";

// Assignment through the JSON API, via the bundle that ships: assigneeId on tasks, who may set
// it, ?assignee= across lists, every response checked against the OpenAPI document.

/** A list `owner` makes through the API and shares with each of `members` as the role given. */
async function sharedList(
  owner: ApiCaller,
  name: string,
  members: [ApiCaller, "editor" | "viewer"][],
): Promise<string> {
  const made = await api("POST", "/api/v1/lists", { token: owner.token, json: { name } });
  expect(made.status, made.body).toBe(201);
  const listId = String(made.data.id);
  for (const [member, role] of members) {
    const invited = await api("POST", `/api/v1/lists/${listId}/invitations`, {
      token: owner.token,
      json: { email: member.email, role },
    });
    expect(invited.status, invited.body).toBe(201);
    const accepted = await api("POST", `/api/v1/invitations/${invited.data.id}/accept`, { token: member.token });
    expect(accepted.status, accepted.body).toBe(200);
  }
  return listId;
}

let owner: ApiCaller;
let editor: ApiCaller;
let viewer: ApiCaller;
let stranger: ApiCaller;
beforeAll(async () => {
  [owner, editor, viewer, stranger] = await Promise.all([
    newApiCaller(),
    newApiCaller(),
    newApiCaller(),
    newApiCaller(),
  ]);
});

test("a task is created assigned, reassigned and unassigned by an editor; a viewer and a stranger cannot", async () => {
  const listId = await sharedList(owner, "Garden", [
    [editor, "editor"],
    [viewer, "viewer"],
  ]);
  const created = await api("POST", "/api/v1/tasks", {
    token: owner.token,
    json: { title: "Mow", listId, assigneeId: editor.sub },
  });
  expect(created.status, created.body).toBe(201);
  expect(created.data).toMatchObject({ listId, assigneeId: editor.sub, version: 1 });
  const path = `/api/v1/tasks/${created.data.id}`;

  const plain = await api("POST", "/api/v1/tasks", { token: owner.token, json: { title: "Rake", listId } });
  expect(plain.data.assigneeId).toBeNull();

  // A viewer reads only, so holds no work: refused, nothing changed.
  const toViewer = await api("PATCH", path, { token: editor.token, json: { assigneeId: viewer.sub, version: 1 } });
  expectProblemType(toViewer, 400, "invalid-request");
  expect(JSON.stringify(toViewer.data)).toContain("A viewer of “Garden” cannot be assigned its tasks");
  const toOwner = await api("PATCH", path, { token: editor.token, json: { assigneeId: owner.sub, version: 1 } });
  expect(toOwner.status, toOwner.body).toBe(200);
  expect(toOwner.data).toMatchObject({ assigneeId: owner.sub, version: 2 });

  const byViewer = await api("PATCH", path, { token: viewer.token, json: { assigneeId: null, version: 2 } });
  expectProblemType(byViewer, 403, "forbidden");
  const byStranger = await api("PATCH", path, { token: stranger.token, json: { assigneeId: null, version: 2 } });
  expectProblemType(byStranger, 404, "not-found");
  // A stranger cannot even read who is assigned.
  expectProblemType(await api("GET", path, { token: stranger.token }), 404, "not-found");

  const toStranger = await api("PATCH", path, { token: owner.token, json: { assigneeId: stranger.sub, version: 2 } });
  expectProblemType(toStranger, 400, "invalid-request");
  expect(JSON.stringify(toStranger.data)).toContain("Only a member of “Garden” can be assigned its tasks");
  const badType = await api("PATCH", path, { token: owner.token, json: { assigneeId: 7, version: 2 } });
  expectProblemType(badType, 400, "invalid-request");

  const cleared = await api("PATCH", path, { token: owner.token, json: { assigneeId: null, version: 2 } });
  expect(cleared.status, cleared.body).toBe(200);
  expect(cleared.data).toMatchObject({ assigneeId: null, version: 3 });
  expect((await api("GET", path, { token: viewer.token })).data.assigneeId).toBeNull();
});

test("a task in the Inbox cannot be assigned", async () => {
  const refused = await api("POST", "/api/v1/tasks", {
    token: owner.token,
    json: { title: "Mine", assigneeId: owner.sub },
  });
  expectProblemType(refused, 400, "invalid-request");
  expect(JSON.stringify(refused.data)).toContain("Your Inbox is personal");
  const made = await api("POST", "/api/v1/tasks", { token: owner.token, json: { title: "Mine" } });
  const patched = await api("PATCH", `/api/v1/tasks/${made.data.id}`, {
    token: owner.token,
    json: { assigneeId: owner.sub, version: 1 },
  });
  expectProblemType(patched, 400, "invalid-request");
});

test("?assignee=me covers every list, pages with the cursor, and drops a list the caller has left", async () => {
  const me = await newApiCaller();
  const [first, second] = [await newApiCaller(), await newApiCaller()];
  const home = await sharedList(first, "Home", [[me, "editor"]]);
  const club = await sharedList(second, "Club", [[me, "editor"]]);
  const titles: string[] = [];
  for (const [caller, listId, title, dueDate] of [
    [first, home, "Home 1", "2031-01-03"],
    [second, club, "Club 1", "2031-01-01"],
    [first, home, "Home 2", "2031-01-02"],
    [second, club, "Club 2", null],
  ] as const) {
    const made = await api("POST", "/api/v1/tasks", {
      token: caller.token,
      json: { title, listId, dueDate, assigneeId: me.sub },
    });
    expect(made.status, made.body).toBe(201);
    titles.push(title);
  }
  await api("POST", "/api/v1/tasks", { token: first.token, json: { title: "Not assigned", listId: home } });

  const seen: string[] = [];
  let url: string | undefined = "/api/v1/tasks?assignee=me&limit=3";
  while (url) {
    const page: ApiResponse = await api("GET", url, { token: me.token });
    expect(page.status, page.body).toBe(200);
    seen.push(...(page.data.tasks as { title: string; assigneeId: string }[]).map((task) => task.title));
    for (const task of page.data.tasks as { assigneeId: string }[]) expect(task.assigneeId).toBe(me.sub);
    url = page.data.next ? `/api/v1/tasks?assignee=me&limit=3&cursor=${encodeURIComponent(page.data.next)}` : undefined;
  }
  expect(seen).toEqual(["Club 1", "Home 2", "Home 1", "Club 2"]);

  // The owner of Home asks for my assignments: only what they can read (Home), by my user id.
  const asOwner = await api("GET", `/api/v1/tasks?assignee=${me.sub}`, { token: first.token });
  expect(asOwner.data.tasks.map((task: { title: string }) => task.title)).toEqual(["Home 2", "Home 1"]);
  // One list only.
  const inClub = await api("GET", `/api/v1/tasks?assignee=me&list=${club}`, { token: me.token });
  expect(inClub.data.tasks.map((task: { title: string }) => task.title)).toEqual(["Club 1", "Club 2"]);

  // Leaving Club: its tasks are gone from my view, and unassigned for those who stay.
  const left = await api("DELETE", `/api/v1/lists/${club}/members/${me.sub}`, { token: me.token });
  expect(left.status, left.body).toBe(204);
  const after = await api("GET", "/api/v1/tasks?assignee=me", { token: me.token });
  expect(after.data.tasks.map((task: { title: string }) => task.title)).toEqual(["Home 2", "Home 1"]);
  const club1 = await api("GET", `/api/v1/tasks?list=${club}`, { token: second.token });
  expect(club1.data.tasks.map((task: { assigneeId: unknown }) => task.assigneeId)).toEqual([null, null]);

  for (const bad of ["assignee=", "assignee=me&due=today", "assignee=me&sort=priority", "assignee=me&status=todo"]) {
    expectProblemType(await api("GET", `/api/v1/tasks?${bad}`, { token: me.token }), 400, "invalid-request");
  }
});
