/**
 * Lists: the unit of ownership and access (docs/decisions/2026-12-07-lists-as-the-unit-of-access.md).
 * A list's item holds its members and their roles, so one read decides access and one
 * conditional write changes membership. This module is the model without storage.
 */

export const LIST_ROLES = ["owner", "editor", "viewer"] as const;
export type ListRole = (typeof LIST_ROLES)[number];

/** Roles from least to most: a check for "editor" passes an owner too. */
const ROLE_RANK: ReadonlyMap<ListRole, number> = new Map([
  ["viewer", 0],
  ["editor", 1],
  ["owner", 2],
]);

export const LIST_COLORS = ["grey", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"] as const;
export type ListColor = (typeof LIST_COLORS)[number];

export const LIST_NAME_MAX = 60;
/** The most members a list can have (a stage setting; this is the default). */
export const DEFAULT_MAX_MEMBERS = 25;

/** The Inbox's id is its owner's Cognito sub: today's tasks (owner = sub) are Inbox tasks in place. */
export const INBOX_NAME = "Inbox";

export interface ListMember {
  role: ListRole;
  email: string;
  joinedAt: string;
}

export interface List {
  id: string;
  name: string;
  color: ListColor;
  ownerId: string;
  /** By user id; a null-prototype record, so a user id can never name an Object member. */
  members: Readonly<Record<string, ListMember>>;
  archivedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * Every task of this list carries assigneeSort, so byOpenFirst holds all its open tasks
   * (src/tasks/task-repository.ts): set on lists created since that index; older lists, whose
   * tasks may predate assigneeSort, lack it and read their open tasks by status instead.
   */
  openFirstKeys?: true;
  /**
   * The user whose part of byIndexUser holds this list's tasks (its creator): every task
   * written into the list carries it as `indexUser`, so that user's views across lists read
   * all such lists in one Query (src/tasks/task-repository.ts). Set on lists created since that
   * index; older lists, whose tasks lack it, are read one Query per list. It never changes:
   * a handover leaves it, and its tasks stay in that user's part, read by them while they are a
   * member and by everyone else one Query per list.
   */
  indexUser?: string;
}

export function isListRole(value: unknown): value is ListRole {
  return typeof value === "string" && ROLE_RANK.has(value as ListRole);
}

export function isListColor(value: unknown): value is ListColor {
  return typeof value === "string" && (LIST_COLORS as readonly string[]).includes(value);
}

/** True when `role` may do what `needed` may. */
export function hasRole(role: ListRole, needed: ListRole): boolean {
  return (ROLE_RANK.get(role) ?? -1) >= (ROLE_RANK.get(needed) ?? Infinity);
}

/** The member's role, or null for anyone else (a removed member, an invitee not yet in). */
export function roleOf(list: List, userId: string): ListRole | null {
  return Object.hasOwn(list.members, userId) ? (list.members[userId]?.role ?? null) : null;
}

/**
 * Whether this person may hold the list's work (be a task's assignee): a current member who can
 * change its tasks, an editor or the owner. A viewer reads only, so is never an assignee.
 */
export function canBeAssigned(list: List, userId: string): boolean {
  const role = roleOf(list, userId);
  return role !== null && hasRole(role, "editor");
}

/** List ids are ULIDs prefixed "l_", so they never collide with a Cognito sub (a UUID: the Inbox). */
export const LIST_ID_PATTERN = /^l_[0-9A-HJKMNP-TV-Z]{26}$/;
