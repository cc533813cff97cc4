import { getTableNames } from "#src/db/client.ts";
import { batchGetAcross, batchGetItems } from "#src/db/batch-get.ts";
import { dynamoCaller, isConditionalCheckFailed } from "#src/db/errors.ts";
import { forgetDirectoryOfUser } from "#src/sessions/session-repository.ts";
import { isListColor, isListRole, type List, type ListColor, type ListMember, type ListRole } from "#src/lists/list.ts";
import { queryPages } from "#src/db/query-pages.ts";

/**
 * The lists table (docs/decisions/2026-12-07-lists-as-the-unit-of-access.md):
 *
 *   pk L#<listId>   sk #          the list: name, colour, owner, archived/deleted marks, version,
 *                                 and `members`, a map userId -> { role, email, joinedAt }
 *   pk U#<userId>   sk L#<listId> the directory: "look in this list" (joinedAt); a hint only
 *   pk P#<userId>   sk L#<listId> a list its owner deleted, to purge (list-purge-repository.ts)
 *
 * Sessions keep a copy of their user's directory (session-repository.ts): every write or delete
 * of a directory entry here makes each of that user's sessions drop it.
 *
 * The list item is the single authority for access: one strongly consistent GetItem answers
 * "may this user read or change this list" with nothing cached anywhere, so a removal or a
 * role change holds from the next request on. Every membership invariant is one conditional
 * UpdateItem on that item (no transactions: the local DynamoDB lacks them): at most N members,
 * exactly one owner, an owner who cannot be removed or demoted except by handing over. The
 * directory is written after a join and deleted after a removal; readers verify it against
 * the list items, so a half-done change never grants anything.
 */

const callDynamo = dynamoCaller("list store");

const LIST_SK = "#";
const listKey = (listId: string) => ({ pk: `L#${listId}`, sk: LIST_SK });
const directoryKey = (userId: string, listId: string) => ({ pk: `U#${userId}`, sk: `L#${listId}` });

function membersFrom(value: unknown): Record<string, ListMember> {
  const members: Record<string, ListMember> = Object.create(null) as Record<string, ListMember>;
  if (typeof value !== "object" || value === null) return members;
  for (const [userId, raw] of Object.entries(value as Record<string, unknown>)) {
    const member = raw as Partial<ListMember> | null;
    if (!member || !isListRole(member.role)) continue;
    members[userId] = { role: member.role, email: String(member.email ?? ""), joinedAt: String(member.joinedAt ?? "") };
  }
  return members;
}

export function fromItem(item: Record<string, unknown>): List {
  return {
    id: String(item.pk).slice(2),
    name: String(item.name ?? ""),
    color: isListColor(item.color) ? item.color : "grey",
    ownerId: String(item.ownerId),
    members: membersFrom(item.members),
    archivedAt: typeof item.archivedAt === "string" ? item.archivedAt : null,
    deletedAt: typeof item.deletedAt === "string" ? item.deletedAt : null,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
    ...(item.openFirstKeys === true ? { openFirstKeys: true as const } : {}),
    ...(typeof item.indexUser === "string" ? { indexUser: item.indexUser } : {}),
  };
}

/** Stores a new list (its creator the owner and only member), then the creator's directory entry. */
export async function createList(list: List): Promise<void> {
  const { id, members, archivedAt, deletedAt, ...rest } = list;
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.PutCommand({
        TableName: getTableNames().lists,
        // The marks exist only once set: conditions ask attribute_not_exists(deletedAt).
        Item: {
          ...listKey(id),
          ...rest,
          members: { ...members },
          ...(archivedAt ? { archivedAt } : {}),
          ...(deletedAt ? { deletedAt } : {}),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
  await putDirectoryEntry(list.ownerId, list, list.createdAt);
}

export async function getList(listId: string): Promise<List | null> {
  const result = await callDynamo(({ client, commands }) =>
    client.send(
      new commands.GetCommand({ TableName: getTableNames().lists, Key: listKey(listId), ConsistentRead: true }),
    ),
  );
  return result.Item ? fromItem(result.Item) : null;
}

/** The lists with these ids (100 per BatchGetItem), strongly consistent; missing ones are absent. */
/**
 * The list's item and one item of another table (a task of the list, for its page), in one
 * BatchGetItem: the caller decodes the other item, and uses it only once the list grants access.
 */
export async function getListWith(
  listId: string,
  other: { table: string; key: Record<string, unknown> },
): Promise<{ list: List | null; item: Record<string, unknown> | null }> {
  const lists = getTableNames().lists;
  const found = await batchGetAcross(
    callDynamo,
    { [lists]: [listKey(listId)], [other.table]: [other.key] },
    "The list store is busy; please try again.",
  );
  const listItem = found[lists]?.[0];
  return { list: listItem ? fromItem(listItem) : null, item: found[other.table]?.[0] ?? null };
}

export async function getLists(listIds: readonly string[]): Promise<Map<string, List>> {
  const items = await batchGetItems(
    callDynamo,
    getTableNames().lists,
    listIds.map(listKey),
    "The list store is busy; please try again.",
  );
  return new Map(items.map((item) => [String(item.pk).slice(2), fromItem(item)]));
}

/**
 * What a directory entry says of its list, copied from the list item so the navigation is one
 * Query: a display hint only. Access is never decided from it; every member's copy is
 * rewritten after a rename, a new colour, an archive or a membership change (writeDirectory).
 */
export interface DirectorySummary {
  name: string;
  color: ListColor;
  /** More than one member. */
  shared: boolean;
  archived: boolean;
}

export interface DirectoryEntry extends DirectorySummary {
  listId: string;
  joinedAt: string;
  /** The user's role when the entry was written (absent on entries written before roles were copied). */
  role?: ListRole;
}

export function summaryOf(list: List): DirectorySummary {
  return {
    name: list.name,
    color: list.color,
    shared: Object.keys(list.members).length > 1,
    archived: Boolean(list.archivedAt),
  };
}

function roleEntry(list: List, userId: string): { role?: ListRole } {
  const role = Object.hasOwn(list.members, userId) ? list.members[userId]?.role : undefined;
  return role ? { role } : {};
}

/** The user's directory, in list-id (creation) order: where to look (verify with getLists). */
export async function queryDirectory(userId: string): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const items of queryPages(callDynamo, {
    TableName: getTableNames().lists,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `U#${userId}` },
    ConsistentRead: true,
  })) {
    for (const item of items)
      entries.push({
        listId: String(item.sk).slice(2),
        joinedAt: String(item.joinedAt ?? ""),
        name: typeof item.name === "string" && item.name ? item.name : "Untitled list",
        color: isListColor(item.color) ? item.color : "grey",
        shared: item.shared === true,
        archived: item.archived === true,
        ...(isListRole(item.role) ? { role: item.role } : {}),
      });
  }
  return entries;
}

/** Writes (or rewrites) the user's entry for the list, with the list's summary as it is now. */
export async function putDirectoryEntry(userId: string, list: List, joinedAt: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(
      new commands.PutCommand({
        TableName: getTableNames().lists,
        // The role too, so the navigation can offer moves only into lists the user may change
        // (a hint like the rest: the move itself checks the list item).
        Item: { ...directoryKey(userId, list.id), joinedAt, ...summaryOf(list), ...roleEntry(list, userId) },
      }),
    ),
  );
  await forgetDirectoryOfUser(userId);
}

/**
 * Rewrites every member's directory entry from the list as it is now (after a rename, a new
 * colour, an archive, a join or a removal). Idempotent: a run that stopped half-way is finished
 * by the next change or by running it again; a stale entry only ever shows an old name.
 */
export async function writeDirectory(list: List): Promise<void> {
  await Promise.all(
    Object.entries(list.members).map(([userId, member]) => putDirectoryEntry(userId, list, member.joinedAt)),
  );
}

export async function deleteDirectoryEntry(userId: string, listId: string): Promise<void> {
  await callDynamo(({ client, commands }) =>
    client.send(new commands.DeleteCommand({ TableName: getTableNames().lists, Key: directoryKey(userId, listId) })),
  );
  await forgetDirectoryOfUser(userId);
}

/** Why a membership change was refused: the list is gone (or deleted), or its state says no. */
export type MembershipRefusal = "gone" | "member" | "not_member" | "full" | "owner" | "not_owner" | "not_editor";

export type MembershipResult = { ok: true; list: List } | { ok: false; reason: MembershipRefusal; list: List | null };

/** Runs one conditional update of a list item; on a refusal reads the list to say why. */
async function updateMembership(
  listId: string,
  update: {
    set?: string[];
    remove?: string[];
    condition: string;
    names: Record<string, string>;
    values: Record<string, unknown>;
  },
  explain: (list: List) => MembershipRefusal,
): Promise<MembershipResult> {
  const now = new Date().toISOString();
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().lists,
          Key: listKey(listId),
          UpdateExpression: [
            `SET ${[...(update.set ?? []), "updatedAt = :now"].join(", ")}`,
            update.remove ? `REMOVE ${update.remove.join(", ")}` : "",
            "ADD version :one",
          ].join(" "),
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(deletedAt) AND ${update.condition}`,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: { ...update.values, ":now": now, ":one": 1 },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return { ok: true, list: fromItem(result.Attributes ?? {}) };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const list = await getList(listId);
    return { ok: false, reason: !list || list.deletedAt ? "gone" : explain(list), list };
  }
}

/**
 * Adds a member, unless the list has `maxMembers` already: the count and the add are one
 * conditional write, so concurrent accepts can never pass the limit together.
 */
export function addMember(
  listId: string,
  userId: string,
  member: ListMember,
  maxMembers: number,
): Promise<MembershipResult> {
  return updateMembership(
    listId,
    {
      set: ["members.#user = :member"],
      condition: "attribute_not_exists(members.#user) AND size(members) < :max",
      names: { "#user": userId },
      values: { ":member": member, ":max": maxMembers },
    },
    (list) => (Object.hasOwn(list.members, userId) ? "member" : "full"),
  );
}

/** Makes a member an editor or a viewer; the owner's role changes only by handing over. */
export function changeRole(listId: string, userId: string, role: "editor" | "viewer"): Promise<MembershipResult> {
  return updateMembership(
    listId,
    {
      set: ["members.#user.#role = :role"],
      condition: "attribute_exists(members.#user) AND ownerId <> :user",
      names: { "#user": userId, "#role": "role" },
      values: { ":role": role, ":user": userId },
    },
    (list) => (Object.hasOwn(list.members, userId) ? "owner" : "not_member"),
  );
}

/** Removes a member (or lets one leave); never the owner, who hands the list over first. */
export function removeMember(listId: string, userId: string): Promise<MembershipResult> {
  return updateMembership(
    listId,
    {
      remove: ["members.#user"],
      condition: "attribute_exists(members.#user) AND ownerId <> :user",
      names: { "#user": userId },
      values: { ":user": userId },
    },
    (list) => (Object.hasOwn(list.members, userId) ? "owner" : "not_member"),
  );
}

/**
 * Hands the list from its owner to one of its editors in one write: the editor becomes the
 * owner and the owner an editor, so the list always has exactly one owner.
 */
export function handOver(listId: string, fromId: string, toId: string): Promise<MembershipResult> {
  return updateMembership(
    listId,
    {
      set: ["ownerId = :to", "members.#to.#role = :owner", "members.#from.#role = :editor"],
      condition: "ownerId = :from AND members.#to.#role = :editor",
      names: { "#to": toId, "#from": fromId, "#role": "role" },
      values: { ":to": toId, ":from": fromId, ":owner": "owner" satisfies ListRole, ":editor": "editor" },
    },
    (list) => (list.ownerId !== fromId ? "not_owner" : "not_editor"),
  );
}

/**
 * Sets or clears the archived or deleted mark (the owner's call, checked by the service). A
 * deleted list is gone to every access check at once; clearing the mark within the undo
 * window brings it back as it was.
 */
export async function setListMark(
  listId: string,
  mark: "archivedAt" | "deletedAt",
  at: string | null,
): Promise<boolean> {
  try {
    await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().lists,
          Key: listKey(listId),
          UpdateExpression: `${at ? "SET #mark = :at," : "REMOVE #mark SET"} updatedAt = :now ADD version :one`,
          // A list whose purge has begun stays deleted: its tasks are going.
          ConditionExpression: at
            ? "attribute_exists(pk) AND attribute_not_exists(#mark)"
            : "attribute_exists(#mark) AND attribute_not_exists(purgingAt)",
          ExpressionAttributeNames: { "#mark": mark },
          ExpressionAttributeValues: { ...(at ? { ":at": at } : {}), ":now": new Date().toISOString(), ":one": 1 },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Renames or recolours a list that still exists; returns it as stored now, or null if it is gone. */
export async function updateListDetails(
  listId: string,
  details: { name: string; color: ListColor },
): Promise<List | null> {
  try {
    const result = await callDynamo(({ client, commands }) =>
      client.send(
        new commands.UpdateCommand({
          TableName: getTableNames().lists,
          Key: listKey(listId),
          UpdateExpression: "SET #name = :name, color = :color, updatedAt = :now ADD version :one",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(deletedAt)",
          ExpressionAttributeNames: { "#name": "name" },
          ExpressionAttributeValues: {
            ":name": details.name,
            ":color": details.color,
            ":now": new Date().toISOString(),
            ":one": 1,
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return fromItem(result.Attributes ?? {});
  } catch (error) {
    if (isConditionalCheckFailed(error)) return null;
    throw error;
  }
}
