import { monotonicFactory } from "ulid";
import { describe, expect, test } from "vitest";
import {
  addMember,
  changeRole,
  createList,
  getList,
  getLists,
  handOver,
  queryDirectory,
  removeMember,
} from "#src/lists/list-repository.ts";
import type { List, ListMember } from "#src/lists/list.ts";
import { newOwnerId } from "#tests/support/factories.ts";

// The membership invariants of docs/decisions/2026-12-07-lists-as-the-unit-of-access.md, each
// held by one conditional write on the list item, against the local DynamoDB.

const nextId = monotonicFactory();

function member(role: ListMember["role"], email = `${role}@example.com`): ListMember {
  return { role, email, joinedAt: new Date().toISOString() };
}

async function aList(ownerId = newOwnerId()): Promise<List> {
  const now = new Date().toISOString();
  const list: List = {
    id: `l_${nextId()}`,
    name: "Home",
    color: "teal",
    ownerId,
    members: { [ownerId]: member("owner", "owner@example.com") },
    archivedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await createList(list);
  return list;
}

describe("a new list", () => {
  test("is stored with its owner as the only member, and in the owner's directory", async () => {
    const list = await aList();
    const stored = await getList(list.id);
    expect(stored).toMatchObject({ id: list.id, name: "Home", color: "teal", ownerId: list.ownerId, version: 1 });
    expect(Object.keys(stored?.members ?? {})).toEqual([list.ownerId]);
    expect((await queryDirectory(list.ownerId)).map((entry) => entry.listId)).toEqual([list.id]);
  });

  test("reads back many at once, the missing ones absent", async () => {
    const [a, b] = await Promise.all([aList(), aList()]);
    const found = await getLists([a.id, "l_00000000000000000000000000", b.id]);
    expect([...found.keys()].sort()).toEqual([a.id, b.id].sort());
  });

  test("members is a null-prototype record: a user id named like an Object member is just an id", async () => {
    const list = await aList();
    const stored = await getList(list.id);
    expect(Object.getPrototypeOf(stored?.members)).toBeNull();
    expect(Object.hasOwn(stored?.members ?? {}, "constructor")).toBe(false);
  });
});

describe("membership changes, each one conditional write", () => {
  test("adding past the limit is refused, even when 30 people accept at once", async () => {
    const list = await aList();
    const results = await Promise.all(
      Array.from({ length: 30 }, () => addMember(list.id, newOwnerId(), member("editor"), 25)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(24);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(
      Array(6).fill("full"),
    );
    expect(Object.keys((await getList(list.id))?.members ?? {})).toHaveLength(25);
  });

  test("adding someone who is already a member changes nothing", async () => {
    const list = await aList();
    const userId = newOwnerId();
    expect((await addMember(list.id, userId, member("viewer"), 25)).ok).toBe(true);
    const again = await addMember(list.id, userId, member("editor"), 25);
    expect(again).toMatchObject({ ok: false, reason: "member" });
    expect((await getList(list.id))?.members[userId]?.role).toBe("viewer");
  });

  test("a role change takes effect in the next read; the owner's role cannot be changed this way", async () => {
    const list = await aList();
    const userId = newOwnerId();
    await addMember(list.id, userId, member("viewer"), 25);
    expect((await changeRole(list.id, userId, "editor")).ok).toBe(true);
    expect((await getList(list.id))?.members[userId]?.role).toBe("editor");
    expect(await changeRole(list.id, list.ownerId, "viewer")).toMatchObject({ ok: false, reason: "owner" });
    expect(await changeRole(list.id, newOwnerId(), "viewer")).toMatchObject({ ok: false, reason: "not_member" });
    expect((await getList(list.id))?.members[list.ownerId]?.role).toBe("owner");
  });

  test("removal is immediate; the owner cannot be removed", async () => {
    const list = await aList();
    const userId = newOwnerId();
    await addMember(list.id, userId, member("editor"), 25);
    expect((await removeMember(list.id, userId)).ok).toBe(true);
    expect(Object.hasOwn((await getList(list.id))?.members ?? {}, userId)).toBe(false);
    expect(await removeMember(list.id, userId)).toMatchObject({ ok: false, reason: "not_member" });
    expect(await removeMember(list.id, list.ownerId)).toMatchObject({ ok: false, reason: "owner" });
    expect((await getList(list.id))?.ownerId).toBe(list.ownerId);
  });

  test("handing over makes the editor the owner and the owner an editor, in one write", async () => {
    const list = await aList();
    const editor = newOwnerId();
    const viewer = newOwnerId();
    await addMember(list.id, editor, member("editor"), 25);
    await addMember(list.id, viewer, member("viewer"), 25);
    expect(await handOver(list.id, list.ownerId, viewer)).toMatchObject({ ok: false, reason: "not_editor" });
    expect(await handOver(list.id, editor, list.ownerId)).toMatchObject({ ok: false, reason: "not_owner" });
    const done = await handOver(list.id, list.ownerId, editor);
    expect(done.ok).toBe(true);
    const stored = await getList(list.id);
    expect(stored?.ownerId).toBe(editor);
    expect(stored?.members[editor]?.role).toBe("owner");
    expect(stored?.members[list.ownerId]?.role).toBe("editor");
    // Exactly one owner, whatever order two hand-overs race in.
    const [first, second] = await Promise.all([
      handOver(list.id, editor, list.ownerId),
      handOver(list.id, editor, list.ownerId),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    const owners = Object.values((await getList(list.id))?.members ?? {}).filter((m) => m.role === "owner");
    expect(owners).toHaveLength(1);
  });

  test("every change to a missing list says it is gone", async () => {
    const missing = `l_${nextId()}`;
    expect(await addMember(missing, newOwnerId(), member("editor"), 25)).toMatchObject({ ok: false, reason: "gone" });
    expect(await removeMember(missing, newOwnerId())).toMatchObject({ ok: false, reason: "gone" });
  });

  test("each change moves the version on", async () => {
    const list = await aList();
    const userId = newOwnerId();
    const added = await addMember(list.id, userId, member("viewer"), 25);
    const changed = await changeRole(list.id, userId, "editor");
    expect(added.ok && added.list.version).toBe(2);
    expect(changed.ok && changed.list.version).toBe(3);
  });
});
