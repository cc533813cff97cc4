import { randomUUID } from "node:crypto";
import { monotonicFactory } from "ulid";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { deleteAccount } from "#src/accounts/account-deletion-service.ts";
import { getAccount } from "#src/accounts/account-repository.ts";
import { loadAccountAccess } from "#src/accounts/settings-service.ts";
import { findUserSub } from "#src/auth/cognito.ts";
import { getDocumentClient, getTableNames, resetDocumentClientForTests } from "#src/db/client.ts";
import { resetEnvForTests } from "#src/env.ts";
import { AccountDeletedError, InvalidCredentialsError, ServiceUnavailableError, ValidationError } from "#src/errors.ts";
import { INVITATION_TTL_SECONDS } from "#src/lists/invitation.ts";
import { getInvitation, putInvitation, queryInviteeCopies } from "#src/lists/invitation-repository.ts";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { queryPurgeEntries } from "#src/lists/list-purge-repository.ts";
import { addMember, getList, putDirectoryEntry, queryDirectory } from "#src/lists/list-repository.ts";
import { createList, deleteList } from "#src/lists/list-service.ts";
import type { List, ListRole } from "#src/lists/list.ts";
import { getSession, querySessionIdsBySub } from "#src/sessions/session-repository.ts";
import { hashSessionId, resolveSession, signIn, type OpenedSession } from "#src/sessions/session-service.ts";
import { getImportedFile, reserveImportedFile } from "#src/tasks/import-repository.ts";
import { queryAllTasksByOwner } from "#src/tasks/task-repository.ts";
import { createTask, setTaskAssignee } from "#src/tasks/task-service.ts";
import { createConfirmedUser, newEmail } from "#tests/support/cognito.ts";
import { recordDynamoCalls } from "#tests/support/dynamo-calls.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// Deleting an account through its service, against the local DynamoDB (behind the outage proxy,
// which passes everything until a test cuts a call) and the Cognito emulator: what goes, what
// passes to others and what they keep, the wrong password, and a deletion stopped half-way.

const PASSWORD = "Deletion-test-1";
const nextId = monotonicFactory();

let dynamo: OutageProxy;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  resetEnvForTests();
  await resetDocumentClientForTests();
});
afterEach(() => dynamo.restore());
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  resetEnvForTests();
  await resetDocumentClientForTests();
  await dynamo.stop();
});

/** Someone else: a member of lists, never signed in here. */
function aPerson() {
  return { id: newOwnerId(), email: `other-${randomUUID().slice(0, 8)}@example.com` };
}

/** An account in Cognito, signed in twice (two browsers). */
async function anAccount(): Promise<{ email: string; first: OpenedSession; second: OpenedSession }> {
  const email = newEmail();
  await createConfirmedUser(email, PASSWORD);
  const first = await signIn({ email, password: PASSWORD });
  const second = await signIn({ email, password: PASSWORD });
  return { email, first, second };
}

let joinedAtClock = Date.parse("2026-01-01T00:00:00Z");
/** Joins a person to a list with a role, as an accepted invitation does (joinedAt in the order called). */
async function join(list: List, person: { id: string; email: string }, role: ListRole) {
  joinedAtClock += 60_000;
  const joinedAt = new Date(joinedAtClock).toISOString();
  const result = await addMember(list.id, person.id, { role, email: person.email, joinedAt }, 25);
  if (!result.ok) throw new Error(`could not join: ${result.reason}`);
  await putDirectoryEntry(person.id, result.list, joinedAt);
}

async function tasksOf(listId: string): Promise<string[]> {
  const titles: string[] = [];
  for await (const page of queryAllTasksByOwner(listId)) titles.push(...page.map((task) => task.title));
  return titles.sort();
}

async function addTasks(userId: string, listId: string, titles: string[]) {
  const access = listId === userId ? inboxAccess(userId) : await resolveListAccess(userId, listId);
  for (const title of titles) await createTask(access, { title });
}

/** Assigns every task of a list to one member, as `by` (an editor of it). */
async function assignAll(by: string, listId: string, assigneeId: string) {
  const access = await resolveListAccess(by, listId);
  for await (const page of queryAllTasksByOwner(listId))
    for (const task of page) await setTaskAssignee(access, task.id, { assigneeId, version: String(task.version) });
}

async function assigneesOf(listId: string): Promise<(string | null | undefined)[]> {
  const assignees: (string | null | undefined)[] = [];
  for await (const page of queryAllTasksByOwner(listId)) assignees.push(...page.map((task) => task.assigneeId));
  return assignees;
}

function invitation(list: List, from: { id: string; email: string }, to: string) {
  return {
    id: `i_${nextId()}`,
    listId: list.id,
    listName: list.name,
    email: to,
    role: "editor" as const,
    invitedBy: from.id,
    invitedByEmail: from.email,
    createdAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + INVITATION_TTL_SECONDS,
  };
}

/** Everything an account's deletion touches, arranged: see each line. */
async function arrange() {
  const account = await anAccount();
  const me = account.first.user;
  const [bob, carol, dave] = [aPerson(), aPerson(), aPerson()];
  await addTasks(me.id, me.id, ["inbox one", "inbox two"]);
  // Only mine: deleted with its tasks.
  const solo = await createList(me, { name: "Solo" });
  await addTasks(me.id, solo.id, ["solo one", "solo two", "solo three"]);
  // Mine, shared: bob (viewer) joined first, then carol and dave (editors): carol inherits it.
  const shared = await createList(me, { name: "Shared" });
  await join(shared, bob, "viewer");
  await join(shared, carol, "editor");
  await join(shared, dave, "editor");
  await addTasks(me.id, shared.id, ["shared one", "shared two"]);
  // Mine, with a viewer only: viewers do not inherit, so it is deleted, for bob too.
  const viewed = await createList(me, { name: "Viewed" });
  await join(viewed, bob, "viewer");
  await addTasks(me.id, viewed.id, ["viewed one"]);
  // Bob's, where I am an editor: I leave, bob keeps everything (my task included).
  const bobs = await createList(bob, { name: "Bob's" });
  await join(bobs, me, "editor");
  await addTasks(bob.id, bobs.id, ["bob's own"]);
  await addTasks(me.id, bobs.id, ["mine in bob's"]);
  // Work assigned to me in lists that stay (bob's, and the shared one carol inherits): it stays, unassigned.
  await assignAll(bob.id, bobs.id, me.id);
  await assignAll(me.id, shared.id, me.id);
  // Invitations: one I sent (to the shared list), one I received (to bob's other list).
  const invitee = `invitee-${randomUUID().slice(0, 8)}@example.com`;
  const sent = invitation(shared, me, invitee);
  await putInvitation(sent);
  const bobsOther = await createList(bob, { name: "Bob's other" });
  const received = invitation(bobsOther, bob, me.email);
  await putInvitation(received);
  // One import record.
  await reserveImportedFile(
    me.id,
    { fileHash: "a".repeat(64), fileName: "old.csv", count: 1, importedAt: new Date().toISOString(), stage: "s1" },
    false,
  );
  return { ...account, me, bob, carol, dave, solo, shared, viewed, bobs, bobsOther, sent, received, invitee };
}

/** Checks that nothing of the account is left, and that the others kept what is theirs. */
async function expectDeleted(world: Awaited<ReturnType<typeof arrange>>) {
  const { me, bob, carol, dave, solo, shared, viewed, bobs, bobsOther, sent, received, invitee } = world;
  // Inbox and lists only I belonged to: gone, tasks and all; no purge left pending.
  expect(await tasksOf(me.id)).toEqual([]);
  expect(await getList(solo.id)).toBeNull();
  expect(await tasksOf(solo.id)).toEqual([]);
  expect(await getList(viewed.id)).toBeNull();
  expect(await tasksOf(viewed.id)).toEqual([]);
  expect(await queryPurgeEntries(me.id)).toEqual([]);
  // The shared list passed to carol, the longest-standing editor (not bob, a viewer who joined first).
  const handed = await getList(shared.id);
  expect(handed?.ownerId).toBe(carol.id);
  expect(Object.keys(handed?.members ?? {}).sort()).toEqual([bob.id, carol.id, dave.id].sort());
  expect(handed?.members[carol.id]?.role).toBe("owner");
  expect(handed?.members[dave.id]?.role).toBe("editor");
  expect(await tasksOf(shared.id)).toEqual(["shared one", "shared two"]);
  // Bob's list: I left it; everything in it stays.
  const left = await getList(bobs.id);
  expect(left?.ownerId).toBe(bob.id);
  expect(Object.keys(left?.members ?? {})).toEqual([bob.id]);
  expect(await tasksOf(bobs.id)).toEqual(["bob's own", "mine in bob's"]);
  // What was assigned to me there stays, assigned to nobody (in storage, not only as shown).
  expect(await assigneesOf(bobs.id)).toEqual([undefined, undefined]);
  expect(await assigneesOf(shared.id)).toEqual([undefined, undefined]);
  // The others' navigation: bob has the shared list and his own, not the deleted one.
  expect((await queryDirectory(bob.id)).map((entry) => entry.listId).sort()).toEqual(
    [shared.id, bobs.id, bobsOther.id].sort(),
  );
  expect((await queryDirectory(carol.id)).map((entry) => entry.listId)).toEqual([shared.id]);
  expect(await queryDirectory(me.id)).toEqual([]);
  // Invitations, sent and received: gone on both sides.
  expect(await getInvitation(shared.id, sent.id)).toBeNull();
  expect(await queryInviteeCopies(invitee)).toEqual([]);
  expect(await getInvitation(bobsOther.id, received.id)).toBeNull();
  expect(await queryInviteeCopies(me.email)).toEqual([]);
  expect(await getImportedFile(me.id, "a".repeat(64))).toBeNull();
  // Sessions, the Cognito user and the account item: ended, gone, a tombstone.
  expect(await querySessionIdsBySub(me.id)).toEqual([]);
  expect(await resolveSession(world.second.sessionId)).toBeNull();
  expect(await findUserSub(me.email)).toBeNull();
  const tombstone = await getAccount(me.id);
  expect(Object.keys(tombstone ?? {}).sort()).toEqual(["deletedAt", "deletingAt", "id", "tokensValidAfter"]);
  expect((await loadAccountAccess(me.id)).deleting).toBe(true);
  // And nobody signs in as me any more.
  await expect(signIn({ email: me.email, password: PASSWORD })).rejects.toBeInstanceOf(InvalidCredentialsError);
}

test("deleting an account: its lists and tasks go, a shared list passes to its longest-standing editor, the others keep theirs", async () => {
  const world = await arrange();

  await deleteAccount(world.first.sessionId, world.me, { password: PASSWORD });

  await expectDeleted(world);
  expect(await getSession(hashSessionId(world.first.sessionId))).toBeNull();
});

test("a wrong password deletes nothing and ends nothing", async () => {
  const world = await arrange();

  const error = await deleteAccount(world.first.sessionId, world.me, { password: "Not-the-password-1" }).catch(
    (caught: unknown) => caught,
  );

  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors).toEqual({ password: ["That is not your password."] });
  expect((await getAccount(world.me.id))?.deletingAt).toBeUndefined();
  expect(await resolveSession(world.first.sessionId)).toMatchObject({ id: world.me.id });
  expect(await resolveSession(world.second.sessionId)).toMatchObject({ id: world.me.id });
  expect(await tasksOf(world.me.id)).toEqual(["inbox one", "inbox two"]);
  expect((await getList(world.solo.id))?.deletedAt).toBeNull();
  expect((await getList(world.shared.id))?.ownerId).toBe(world.me.id);
  expect(await findUserSub(world.me.email)).toBe(world.me.id);
  expect((await queryInviteeCopies(world.me.email)).map((copy) => copy.id)).toEqual([world.received.id]);
});

/** Cuts every DynamoDB BatchWriteItem (the tasks' deletion), so a deletion stops half-way. */
function cutBatchWrites() {
  dynamo.cut("refuse", (request) => String(request.headers["x-amz-target"] ?? "").endsWith("BatchWriteItem"));
}

describe("a deletion that stops half-way", () => {
  test("is refused for now, locks the account out, and the asking browser's next request finishes it", async () => {
    const world = await arrange();
    cutBatchWrites();

    await expect(deleteAccount(world.first.sessionId, world.me, { password: PASSWORD })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    dynamo.restore();

    // Half-way: the lists were handed over or left, the tasks not yet deleted, the Cognito user still there.
    expect((await getList(world.shared.id))?.ownerId).toBe(world.carol.id);
    expect(await tasksOf(world.me.id)).toEqual(["inbox one", "inbox two"]);
    expect(await findUserSub(world.me.email)).toBe(world.me.id);
    // Locked out meanwhile: the JSON API refuses it, the other browser is signed out.
    expect((await loadAccountAccess(world.me.id)).deleting).toBe(true);
    expect(await resolveSession(world.second.sessionId)).toBeNull();

    // The asking browser's next request finishes the deletion.
    await expect(resolveSession(world.first.sessionId)).rejects.toBeInstanceOf(AccountDeletedError);
    await expectDeleted(world);
  });

  test("the next sign-in attempt with the password finishes it, and signs nobody in", async () => {
    const world = await arrange();
    cutBatchWrites();
    await expect(deleteAccount(world.first.sessionId, world.me, { password: PASSWORD })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    dynamo.restore();

    await expect(signIn({ email: world.me.email, password: PASSWORD })).rejects.toBeInstanceOf(AccountDeletedError);

    await expectDeleted(world);
  });

  test("the same form again finishes it", async () => {
    const world = await arrange();
    cutBatchWrites();
    await expect(deleteAccount(world.first.sessionId, world.me, { password: PASSWORD })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    dynamo.restore();

    await deleteAccount(world.first.sessionId, world.me, { password: PASSWORD });

    await expectDeleted(world);
  });

  test("a list deleted before the account, still in its undo window, is purged with it", async () => {
    const account = await anAccount();
    const me = account.first.user;
    const list = await createList(me, { name: "Deleted just now" });
    await addTasks(me.id, list.id, ["going"]);
    await deleteList(await resolveListAccess(me.id, list.id));

    await deleteAccount(account.first.sessionId, me, { password: PASSWORD });

    expect(await getList(list.id)).toBeNull();
    expect(await tasksOf(list.id)).toEqual([]);
  });
});

test("deleting an account with only its Inbox is a bounded number of DynamoDB calls", async () => {
  const account = await anAccount();
  const me = account.first.user;
  await addTasks(me.id, me.id, ["one", "two", "three"]);
  const recorder = recordDynamoCalls(await getDocumentClient());
  try {
    await deleteAccount(account.first.sessionId, me, { password: PASSWORD });
  } finally {
    recorder.stop();
  }
  const { accounts, sessions, lists, tasks, imports } = getTableNames();
  const name = new Map([
    [accounts, "accounts"],
    [sessions, "sessions"],
    [lists, "lists"],
    [tasks, "tasks"],
    [imports, "imports"],
    ["", "(batch)"],
  ]);
  // 16 calls for an account with its Inbox only and two sessions; each list adds a handful
  // (read, hand over or delete, leave), each 25 tasks one BatchWriteItem.
  expect(recorder.calls.map((call) => `${call.command.replace("Command", "")} ${name.get(call.table)}`)).toEqual([
    "UpdateItem accounts", // marked deleting
    "UpdateItem sessions", // the asking session marked
    "UpdateItem accounts", // tokens issued so far refused
    "Query sessions",
    "DeleteItem sessions", // the other browser signed out
    "Query lists", // the directory (empty)
    "Query lists", // invitations received (none)
    "Query tasks", // the Inbox's task keys
    "BatchWriteItem (batch)", // its three tasks deleted
    "Query tasks", // the Inbox's labels (none; each one's copies would go before it)
    "Query imports",
    "Query lists", // lists deleted earlier, to purge (none)
    "GetItem accounts",
    "UpdateItem accounts", // the tombstone
    "Query sessions",
    "DeleteItem sessions", // the asking session, last
  ]);
});
