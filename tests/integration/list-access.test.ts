import { monotonicFactory } from "ulid";
import { describe, expect, test } from "vitest";
import { ForbiddenError, NotFoundError } from "#src/errors.ts";
import { listsForUser, requireRole, resolveListAccess } from "#src/lists/list-access.ts";
import {
  addMember,
  createList,
  putDirectoryEntry,
  queryDirectory,
  removeMember,
  setListMark,
} from "#src/lists/list-repository.ts";
import type { List, ListRole } from "#src/lists/list.ts";
import { newOwnerId } from "#tests/support/factories.ts";

// Access to a list is decided from the list item on every call: the role matrix, removal,
// deletion and archiving, and the Inbox that every account has without a stored list.

const nextId = monotonicFactory();
const now = () => new Date().toISOString();

async function sharedList(): Promise<{ list: List; owner: string; editor: string; viewer: string }> {
  const [owner, editor, viewer] = [newOwnerId(), newOwnerId(), newOwnerId()];
  const list: List = {
    id: `l_${nextId()}`,
    name: "Flat",
    color: "blue",
    ownerId: owner,
    members: { [owner]: { role: "owner", email: "o@example.com", joinedAt: now() } },
    archivedAt: null,
    deletedAt: null,
    createdAt: now(),
    updatedAt: now(),
    version: 1,
  };
  await createList(list);
  for (const [userId, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    expect((await addMember(list.id, userId, { role, email: `${role}@example.com`, joinedAt: now() }, 25)).ok).toBe(
      true,
    );
    await putDirectoryEntry(userId, list, now());
  }
  return { list, owner, editor, viewer };
}

async function refusal(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("the role matrix", () => {
  const cases: [string, ListRole, boolean][] = [
    ["owner", "owner", true],
    ["owner", "editor", true],
    ["owner", "viewer", true],
    ["editor", "owner", false],
    ["editor", "editor", true],
    ["editor", "viewer", true],
    ["viewer", "owner", false],
    ["viewer", "editor", false],
    ["viewer", "viewer", true],
  ];
  test.each(cases)("a %s asking for %s: allowed %s", async (who, needed, allowed) => {
    const people = await sharedList();
    const access = await resolveListAccess(people[who as "owner" | "editor" | "viewer"], people.list.id);
    expect(access.role).toBe(who);
    const error = await refusal(() => requireRole(access, needed));
    if (allowed) expect(error).toBeUndefined();
    else expect(error).toBeInstanceOf(ForbiddenError);
  });

  test("a non-member, a missing list and a malformed id get the same not-found", async () => {
    const { list } = await sharedList();
    const stranger = await refusal(() => resolveListAccess(newOwnerId(), list.id));
    const missing = await refusal(() => resolveListAccess(newOwnerId(), `l_${nextId()}`));
    const malformed = await refusal(() => resolveListAccess(newOwnerId(), "../etc"));
    for (const error of [stranger, missing, malformed]) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("List not found.");
    }
  });
});

describe("changes hold from the next request", () => {
  test("a removed member is refused at once, and the list leaves their navigation", async () => {
    const { list, editor } = await sharedList();
    expect((await listsForUser({ id: editor })).map((access) => access.listId)).toContain(list.id);
    expect((await removeMember(list.id, editor)).ok).toBe(true);
    expect(await refusal(() => resolveListAccess(editor, list.id))).toBeInstanceOf(NotFoundError);
    // The directory entry the removal may not have reached yet grants nothing, and is tidied.
    expect((await listsForUser({ id: editor })).map((access) => access.listId)).toEqual([editor]);
    expect(await queryDirectory(editor)).toEqual([]);
  });

  test("a deleted list is gone to everyone, its owner included; undoing brings it back", async () => {
    const { list, owner, viewer } = await sharedList();
    expect(await setListMark(list.id, "deletedAt", now())).toBe(true);
    for (const userId of [owner, viewer]) {
      expect(await refusal(() => resolveListAccess(userId, list.id))).toBeInstanceOf(NotFoundError);
      expect((await listsForUser({ id: userId })).map((access) => access.listId)).not.toContain(list.id);
    }
    expect(await setListMark(list.id, "deletedAt", null)).toBe(true);
    expect((await resolveListAccess(viewer, list.id)).role).toBe("viewer");
  });

  test("an archived list can be read by its members and changed by nobody", async () => {
    const { list, owner, viewer } = await sharedList();
    expect(await setListMark(list.id, "archivedAt", now())).toBe(true);
    expect(await setListMark(list.id, "archivedAt", now())).toBe(false);
    const viewerAccess = await resolveListAccess(viewer, list.id);
    expect(await refusal(() => requireRole(viewerAccess, "viewer"))).toBeUndefined();
    const ownerAccess = await resolveListAccess(owner, list.id);
    const error = await refusal(() => requireRole(ownerAccess, "editor"));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/archived/);
  });
});

test("every account has an Inbox: its own, without a stored list", async () => {
  const userId = newOwnerId();
  const access = await resolveListAccess(userId, "inbox");
  expect(access).toMatchObject({ userId, listId: userId, role: "owner", list: null, name: "Inbox" });
  expect(await resolveListAccess(userId, userId)).toEqual(access);
  expect(await listsForUser({ id: userId })).toEqual([access]);
  // Another user's Inbox id is just a malformed list id to them.
  expect(await refusal(() => resolveListAccess(newOwnerId(), userId))).toBeInstanceOf(NotFoundError);
});
