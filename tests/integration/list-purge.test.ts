import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { monotonicFactory } from "ulid";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { getDocumentClient, getTableNames, resetDocumentClientForTests } from "#src/db/client.ts";
import { recordDynamoCalls } from "#tests/support/dynamo-calls.ts";
import { resetEnvForTests } from "#src/env.ts";
import { NotFoundError, ServiceUnavailableError } from "#src/errors.ts";
import { INVITATION_TTL_SECONDS } from "#src/lists/invitation.ts";
import { getInvitation, putInvitation, queryInviteeCopies } from "#src/lists/invitation-repository.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { purgeDeletedLists } from "#src/lists/list-purge-service.ts";
import { queryPurgeEntries } from "#src/lists/list-purge-repository.ts";
import { getList } from "#src/lists/list-repository.ts";
import { createList, deleteList, restoreDeletedList } from "#src/lists/list-service.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { queryAllTasksByOwner } from "#src/tasks/task-repository.ts";
import { createTask } from "#src/tasks/task-service.ts";
import { createConfirmedUser, newEmail } from "#tests/support/cognito.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// A deleted list's tasks and item go once its undo window (30 minutes) is over: on the owner's
// next sign-in or list deletion (docs/decisions/2026-12-07-purge-deleted-lists-on-request.md).

const nextId = monotonicFactory();
const MINUTE = 60_000;

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

async function taskCount(listId: string): Promise<number> {
  let count = 0;
  for await (const page of queryAllTasksByOwner(listId)) count += page.length;
  return count;
}

/** A list of `tasks` tasks (more than one BatchWriteItem's 25 by default), deleted by its owner now. */
async function aDeletedList(
  owner = { id: newOwnerId(), email: `owner-${randomUUID().slice(0, 8)}@example.com` },
  tasks = 30,
) {
  const list = await createList(owner, { name: "Old plans" });
  const access = await resolveListAccess(owner.id, list.id);
  for (let i = 0; i < tasks; i += 1) await createTask(access, { title: `Task ${i}` });
  const invitee = `invitee-${randomUUID().slice(0, 8)}@example.com`;
  const invitationId = `i_${nextId()}`;
  await putInvitation({
    id: invitationId,
    listId: list.id,
    listName: list.name,
    email: invitee,
    role: "viewer",
    invitedBy: owner.id,
    invitedByEmail: owner.email,
    createdAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + INVITATION_TTL_SECONDS,
  });
  await deleteList(access);
  return { owner, list, invitee, invitationId };
}

const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

test("within the undo window nothing is purged; after it the tasks, the invitations and the list go", async () => {
  const { owner, list, invitee, invitationId } = await aDeletedList();

  expect(await purgeDeletedLists(owner.id, { now: later(29) })).toBe(0);
  expect(await taskCount(list.id)).toBe(30);
  expect((await getList(list.id))?.deletedAt).not.toBeNull();

  expect(await purgeDeletedLists(owner.id, { now: later(31) })).toBe(1);
  expect(await taskCount(list.id)).toBe(0);
  expect(await getList(list.id)).toBeNull();
  expect(await getInvitation(list.id, invitationId)).toBeNull();
  expect(await queryInviteeCopies(invitee)).toEqual([]);
  expect(await queryPurgeEntries(owner.id)).toEqual([]);
  await expect(restoreDeletedList(owner.id, list.id)).rejects.toBeInstanceOf(NotFoundError);
});

test("a list restored in its undo window keeps its tasks, and its purge entry goes", async () => {
  const { owner, list } = await aDeletedList(undefined, 3);
  await restoreDeletedList(owner.id, list.id);

  expect(await purgeDeletedLists(owner.id, { now: later(31) })).toBe(0);

  expect((await getList(list.id))?.deletedAt).toBeNull();
  expect(await taskCount(list.id)).toBe(3);
  expect(await queryPurgeEntries(owner.id)).toEqual([]);
});

test("a purge that stops half-way cannot be undone any more, and the next one finishes it", async () => {
  const { owner, list } = await aDeletedList();
  let writes = 0;
  // The first BatchWriteItem (25 tasks) goes through; the next is refused.
  dynamo.cut("refuse", (request) => {
    if (!String(request.headers["x-amz-target"] ?? "").endsWith("BatchWriteItem")) return false;
    writes += 1;
    return writes > 1;
  });

  await expect(purgeDeletedLists(owner.id, { now: later(31) })).rejects.toBeInstanceOf(ServiceUnavailableError);
  dynamo.restore();
  expect(await taskCount(list.id)).toBe(5);
  expect(await queryPurgeEntries(owner.id)).toHaveLength(1);
  // Its purge began: restoring it now would bring back a list with part of its tasks.
  await expect(restoreDeletedList(owner.id, list.id, later(-1))).rejects.toBeInstanceOf(NotFoundError);

  expect(await purgeDeletedLists(owner.id, { now: later(31) })).toBe(1);
  expect(await taskCount(list.id)).toBe(0);
  expect(await getList(list.id)).toBeNull();
  expect(await queryPurgeEntries(owner.id)).toEqual([]);
});

/** Moves a deletion back in time, as if it had happened `minutes` ago (the list item and the purge entry). */
async function deletedAgo(ownerId: string, listId: string, minutes: number) {
  const at = new Date(Date.now() - minutes * MINUTE).toISOString();
  const client = await getDocumentClient();
  const table = getTableNames().lists;
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `L#${listId}`, sk: "#" },
      UpdateExpression: "SET deletedAt = :at",
      ExpressionAttributeValues: { ":at": at },
    }),
  );
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `P#${ownerId}`, sk: `L#${listId}` },
      UpdateExpression: "SET deletedAt = :at",
      ExpressionAttributeValues: { ":at": at },
    }),
  );
}

test("the owner's next sign-in purges a list deleted over 30 minutes ago, and leaves a newer one", async () => {
  const email = newEmail();
  await createConfirmedUser(email, "Purge-test-1");
  const { user } = await signIn({ email, password: "Purge-test-1" });
  const old = await aDeletedList({ id: user.id, email }, 3);
  const recent = await aDeletedList({ id: user.id, email }, 2);
  await deletedAgo(user.id, old.list.id, 31);

  await signIn({ email, password: "Purge-test-1" });

  expect(await getList(old.list.id)).toBeNull();
  expect(await taskCount(old.list.id)).toBe(0);
  expect(await taskCount(recent.list.id)).toBe(2);
  expect((await queryPurgeEntries(user.id)).map((entry) => entry.listId)).toEqual([recent.list.id]);
});

test("the owner's next list deletion purges an earlier one whose window is over", async () => {
  const owner = { id: newOwnerId(), email: `owner-${randomUUID().slice(0, 8)}@example.com` };
  const first = await aDeletedList(owner, 2);
  await deletedAgo(owner.id, first.list.id, 45);

  const second = await aDeletedList(owner, 1);

  expect(await getList(first.list.id)).toBeNull();
  expect(await taskCount(first.list.id)).toBe(0);
  expect((await getList(second.list.id))?.deletedAt).not.toBeNull();
  expect(await taskCount(second.list.id)).toBe(1);
});

test("with nothing to purge, the check costs one Query; a due list of 30 tasks a bounded handful more", async () => {
  const owner = { id: newOwnerId(), email: `owner-${randomUUID().slice(0, 8)}@example.com` };
  const recorder = recordDynamoCalls(await getDocumentClient());
  try {
    expect(await purgeDeletedLists(owner.id)).toBe(0);
    expect(recorder.calls.map((call) => call.command)).toEqual(["QueryCommand"]);

    const { list } = await aDeletedList(owner);
    recorder.reset();
    expect(await purgeDeletedLists(owner.id, { now: later(31) })).toBe(1);
    expect(recorder.calls.map((call) => call.command)).toEqual([
      "QueryCommand", // the owner's purge entries
      "GetItemCommand", // the list
      "UpdateItemCommand", // marked purging
      "QueryCommand", // its invitations (one)
      "DeleteItemCommand",
      "DeleteItemCommand", // the invitation and its invitee's copy
      "DeleteItemCommand", // the owner's directory entry (gone already; idempotent)
      "QueryCommand", // the owner's sessions, whose copies of the directory go (none here)
      "QueryCommand", // the tasks' keys
      "BatchWriteItemCommand",
      "BatchWriteItemCommand", // 30 tasks, 25 a request
      "QueryCommand", // the list's labels (none here; each one's copies would go before it)
      "DeleteItemCommand", // the list item
      "DeleteItemCommand", // the purge entry
    ]);
    expect(await getList(list.id)).toBeNull();
  } finally {
    recorder.stop();
  }
});
