import { monotonicFactory } from "ulid";
import { beforeAll, expect, test } from "vitest";
import { createList } from "#src/lists/list-repository.ts";
import type { List } from "#src/lists/list.ts";
import { api, newApiCaller, type ApiCaller, expectProblemType } from "#tests/support/api-client.ts";
import { newEmail } from "#tests/support/cognito.ts";

// Sharing through the JSON API, via the bundle that ships: members, invitations and the
// caller's own invitations, every response checked against the OpenAPI document.

const nextId = monotonicFactory();

/** A list owned by `owner` (stored directly: creating lists is the list service's job). */
async function listOf(owner: ApiCaller, name = "Flat"): Promise<List> {
  const now = new Date().toISOString();
  const list: List = {
    id: `l_${nextId()}`,
    name,
    color: "green",
    ownerId: owner.sub,
    members: { [owner.sub]: { role: "owner", email: owner.email, joinedAt: now } },
    archivedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await createList(list);
  return list;
}

async function inviteAndAccept(owner: ApiCaller, list: List, invitee: ApiCaller, role: "editor" | "viewer") {
  const invited = await api("POST", `/api/v1/lists/${list.id}/invitations`, {
    token: owner.token,
    json: { email: invitee.email, role },
  });
  expect(invited.status, invited.body).toBe(201);
  const accepted = await api("POST", `/api/v1/invitations/${invited.data.id}/accept`, { token: invitee.token });
  expect(accepted.status, accepted.body).toBe(200);
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

test("invite, see it pending, accept: the invitee is a member with the invited role", async () => {
  const list = await listOf(owner, "Groceries");
  const invitee = await newApiCaller();

  const invited = await api("POST", `/api/v1/lists/${list.id}/invitations`, {
    token: owner.token,
    json: { email: ` ${invitee.email.toUpperCase()} `, role: "editor" },
  });
  expect(invited.status, invited.body).toBe(201);
  expect(invited.data).toMatchObject({ email: invitee.email, role: "editor" });
  expect(invited.headers.location).toBe(`/api/v1/lists/${list.id}/invitations/${invited.data.id}`);
  const days = (Date.parse(invited.data.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.99);
  expect(days).toBeLessThanOrEqual(7);

  const waiting = await api("GET", `/api/v1/lists/${list.id}/invitations`, { token: owner.token });
  expect(waiting.data.invitations.map((item: { id: string }) => item.id)).toEqual([invited.data.id]);
  const mine = await api("GET", "/api/v1/invitations", { token: invitee.token });
  expect(mine.status).toBe(200);
  expect(mine.data.invitations).toEqual([
    {
      id: invited.data.id,
      listId: list.id,
      listName: "Groceries",
      role: "editor",
      invitedBy: owner.email,
      expiresAt: invited.data.expiresAt,
    },
  ]);

  const accepted = await api("POST", `/api/v1/invitations/${invited.data.id}/accept`, { token: invitee.token });
  expect(accepted.data).toEqual({ listId: list.id, listName: "Groceries" });
  const members = await api("GET", `/api/v1/lists/${list.id}/members`, { token: invitee.token });
  expect(members.data.members).toEqual([
    { userId: owner.sub, email: owner.email, role: "owner" },
    { userId: invitee.sub, email: invitee.email, role: "editor" },
  ]);
  expect((await api("GET", "/api/v1/invitations", { token: invitee.token })).data.invitations).toEqual([]);
});

test("a member without the right gets 403 forbidden naming the role; a stranger gets the missing list's 404", async () => {
  const list = await listOf(owner);
  await inviteAndAccept(owner, list, editor, "editor");
  await inviteAndAccept(owner, list, viewer, "viewer");

  for (const member of [editor, viewer]) {
    const refused = [
      await api("POST", `/api/v1/lists/${list.id}/invitations`, {
        token: member.token,
        json: { email: newEmail(), role: "viewer" },
      }),
      await api("GET", `/api/v1/lists/${list.id}/invitations`, { token: member.token }),
      await api("PATCH", `/api/v1/lists/${list.id}/members/${owner.sub}`, {
        token: member.token,
        json: { role: "viewer" },
      }),
    ];
    for (const response of refused) {
      expectProblemType(response, 403, "forbidden");
      expect(response.data.detail).toMatch(/needs the owner role/);
    }
  }

  const missing = await api("GET", `/api/v1/lists/l_${nextId()}/members`, { token: stranger.token });
  expectProblemType(missing, 404, "not-found");
  for (const [method, path, json] of [
    ["GET", `/api/v1/lists/${list.id}/members`, undefined],
    ["GET", `/api/v1/lists/${list.id}/invitations`, undefined],
    ["POST", `/api/v1/lists/${list.id}/invitations`, { email: stranger.email, role: "editor" }],
    ["PATCH", `/api/v1/lists/${list.id}/members/${viewer.sub}`, { role: "editor" }],
    ["DELETE", `/api/v1/lists/${list.id}/members/${viewer.sub}`, undefined],
  ] as const) {
    const response = await api(method, path, { token: stranger.token, ...(json ? { json } : {}) });
    expectProblemType(response, 404, "not-found");
    expect(response.data.detail).toBe(missing.data.detail);
  }
  // Nothing changed.
  const members = await api("GET", `/api/v1/lists/${list.id}/members`, { token: owner.token });
  const roles = members.data.members.map((member: { userId: string; role: string }) => [member.userId, member.role]);
  expect(roles[0]).toEqual([owner.sub, "owner"]);
  expect(new Map(roles)).toEqual(
    new Map([
      [owner.sub, "owner"],
      [editor.sub, "editor"],
      [viewer.sub, "viewer"],
    ]),
  );
});

test("the owner changes a role and removes a member; a member leaves; removal holds on the next request", async () => {
  const list = await listOf(owner);
  const [a, b] = await Promise.all([newApiCaller(), newApiCaller()]);
  await inviteAndAccept(owner, list, a, "viewer");
  await inviteAndAccept(owner, list, b, "editor");

  const changed = await api("PATCH", `/api/v1/lists/${list.id}/members/${a.sub}`, {
    token: owner.token,
    json: { role: "editor" },
  });
  expect(changed.status, changed.body).toBe(200);
  expect(changed.data).toEqual({ userId: a.sub, email: a.email, role: "editor" });
  const badRole = await api("PATCH", `/api/v1/lists/${list.id}/members/${a.sub}`, {
    token: owner.token,
    json: { role: "owner" },
  });
  expectProblemType(badRole, 400, "invalid-request");
  expect(badRole.data.errors).toEqual({ role: ["Choose editor or viewer."] });

  const removed = await api("DELETE", `/api/v1/lists/${list.id}/members/${a.sub}`, { token: owner.token });
  expect(removed.status).toBe(204);
  expectProblemType(await api("GET", `/api/v1/lists/${list.id}/members`, { token: a.token }), 404, "not-found");

  const left = await api("DELETE", `/api/v1/lists/${list.id}/members/${b.sub}`, { token: b.token });
  expect(left.status).toBe(204);
  expectProblemType(await api("GET", `/api/v1/lists/${list.id}/members`, { token: b.token }), 404, "not-found");

  const ownerLeaving = await api("DELETE", `/api/v1/lists/${list.id}/members/${owner.sub}`, { token: owner.token });
  expectProblemType(ownerLeaving, 403, "forbidden");
  expect(ownerLeaving.data.detail).toBe("You own “Flat”: hand it over to an editor before you leave it.");
});

test("invitations: bad input is a 400 per field, revoking is a 204, declining removes it, the Inbox is never shared", async () => {
  const list = await listOf(owner);
  const bad = await api("POST", `/api/v1/lists/${list.id}/invitations`, {
    token: owner.token,
    json: { email: "nobody", role: "admin" },
  });
  expectProblemType(bad, 400, "invalid-request");
  expect(bad.data.errors).toEqual({
    email: ["Enter a valid email address, like name@example.com."],
    role: ["Choose editor or viewer."],
  });

  const invitee = await newApiCaller();
  const first = await api("POST", `/api/v1/lists/${list.id}/invitations`, {
    token: owner.token,
    json: { email: invitee.email, role: "viewer" },
  });
  const revoked = await api("DELETE", `/api/v1/lists/${list.id}/invitations/${first.data.id}`, { token: owner.token });
  expect(revoked.status).toBe(204);
  expect((await api("GET", "/api/v1/invitations", { token: invitee.token })).data.invitations).toEqual([]);
  expectProblemType(
    await api("POST", `/api/v1/invitations/${first.data.id}/accept`, { token: invitee.token }),
    404,
    "not-found",
  );

  const second = await api("POST", `/api/v1/lists/${list.id}/invitations`, {
    token: owner.token,
    json: { email: invitee.email, role: "viewer" },
  });
  // Someone else cannot answer it.
  expectProblemType(
    await api("POST", `/api/v1/invitations/${second.data.id}/decline`, { token: stranger.token }),
    404,
    "not-found",
  );
  const declined = await api("POST", `/api/v1/invitations/${second.data.id}/decline`, { token: invitee.token });
  expect(declined.status).toBe(204);
  expect((await api("GET", `/api/v1/lists/${list.id}/invitations`, { token: owner.token })).data.invitations).toEqual(
    [],
  );

  const inbox = await api("POST", "/api/v1/lists/inbox/invitations", {
    token: owner.token,
    json: { email: invitee.email, role: "viewer" },
  });
  expectProblemType(inbox, 403, "forbidden");
  const inboxMembers = await api("GET", "/api/v1/lists/inbox/members", { token: owner.token });
  expect(inboxMembers.data.members).toEqual([{ userId: owner.sub, email: owner.email, role: "owner" }]);

  // Accept and decline are actions: a GET is a 405 naming POST.
  const get = await api("GET", `/api/v1/invitations/${second.data.id}/accept`, { token: invitee.token });
  expectProblemType(get, 405, "method-not-allowed");
  expect(get.headers.allow).toBe("POST");
});
