import { monotonicFactory } from "ulid";
import * as z from "zod/mini";
import { getEnv, isLocalStage } from "#src/env.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "#src/errors.ts";
import { enforceRateLimits } from "#src/limits/rate-limit-service.ts";
import { forgetInvitationCount } from "#src/lists/invitation-count.ts";
import {
  INVITATION_ID_PATTERN,
  INVITATION_TTL_SECONDS,
  isLive,
  type Invitation,
  type InvitedRole,
} from "#src/lists/invitation.ts";
import {
  deleteInvitation,
  deleteInviteeCopy,
  getInvitation,
  getInvitationsWithLists,
  getInviteeCopy,
  putInvitation,
  queryInviteeCopies,
  queryListInvitations,
} from "#src/lists/invitation-repository.ts";
import { finishDeparture, requireRole, type ListAccess } from "#src/lists/list-access.ts";
import * as lists from "#src/lists/list-repository.ts";
import { roleOf, type List, type ListRole } from "#src/lists/list.ts";
import { noticeListChanged } from "#src/live/live-notice.ts";
import { clearAssignments } from "#src/tasks/task-repository.ts";
import { logError, writeLog } from "#src/logging.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Sharing a list (docs/decisions/2026-12-07-lists-as-the-unit-of-access.md): invitations, the
 * members and their roles, leaving and handing over. Access comes in as a ListAccess resolved
 * once per request from the list item; every membership change is one conditional write on
 * that item (list-repository.ts), and every change that touches more than one item is ordered
 * so that running it again finishes it.
 */

const nextId = monotonicFactory();

/** A member as pages and the API show them. */
export interface Member {
  userId: string;
  email: string;
  role: ListRole;
}

/** An invitation waiting for the signed-in user, as their invitations page shows it. */
export interface PendingInvitation {
  id: string;
  listId: string;
  listName: string;
  role: InvitedRole;
  /** The inviting owner's email. */
  invitedBy: string;
  expiresAt: number;
}

/** The signed-in user, as the session knows them: the email is the verified one they sign in with. */
export interface MemberUser {
  id: string;
  email: string;
}

const inviteSchema = z.object({
  email: z.pipe(
    z.transform((value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : "")),
    // A pipe, so an empty or overlong address gets one message, not also "not valid".
    z.pipe(
      z
        .string()
        .check(
          z.minLength(1, "Enter the email address of the person to invite."),
          z.maxLength(254, "That email address is too long."),
        ),
      z.email("Enter a valid email address, like name@example.com."),
    ),
  ),
  role: z.enum(["editor", "viewer"], { error: "Choose editor or viewer." }),
});

const roleSchema = z.object({
  role: z.enum(["editor", "viewer"], { error: "Choose editor or viewer." }),
});

/** A list that is gone reads word for word like one that never was (list-access.ts says the same). */
const listNotFound = () => new NotFoundError("list.not_found", "List not found.");
const memberNotFound = () => new NotFoundError("member.not_found", "Member not found.");
const invitationNotFound = () =>
  new NotFoundError("invitation.not_found", "Invitation not found: it may have been withdrawn or already answered.");

/** The stored list behind the access; the Inbox has none and is never shared. */
function sharedList(access: ListAccess): List {
  if (!access.list) {
    throw new ForbiddenError(
      "list.inbox_personal",
      "Your Inbox is personal and cannot be shared: create a list to share instead.",
    );
  }
  return access.list;
}

const article = (role: ListRole) => (role === "editor" ? "an editor" : role === "owner" ? "the owner" : "a viewer");

function membersOf(list: List): Member[] {
  return Object.entries(list.members)
    .map(([userId, member]) => ({ userId, email: member.email, role: member.role }))
    .sort((a, b) => (a.role === "owner" ? -1 : b.role === "owner" ? 1 : a.email.localeCompare(b.email)));
}

/** The list's members, the owner first; everyone who can see the list may see who else can. */
export function members(access: ListAccess, callerEmail = ""): Member[] {
  if (!access.list) return [{ userId: access.userId, email: callerEmail, role: "owner" }];
  return membersOf(access.list);
}

// ---- Invitations, the owner's side ----------------------------------------------------------

/**
 * Invites an email address to the list as an editor or a viewer (the owner only). Inviting the
 * same address again refreshes its invitation (new role, seven more days) instead of adding a
 * second one. Sends the email when the stage has a sender; a failed email never fails the
 * invitation, which the invitee sees in the app anyway.
 */
export async function invite(
  access: ListAccess,
  input: unknown,
  options: { appOrigin?: string } = {},
): Promise<Invitation> {
  requireRole(access, "owner");
  const list = sharedList(access);
  const { email, role } = parseInput(inviteSchema, input);
  if (Object.values(list.members).some((member) => member.email === email)) {
    throw new ValidationError({ email: [`${email} is already a member of “${list.name}”.`] });
  }
  const all = await queryListInvitations(list.id);
  const existing = all.find((invitation) => invitation.email === email);
  const waiting = all.filter((invitation) => isLive(invitation) && invitation.email !== email).length;
  const max = getEnv().LIST_MAX_MEMBERS;
  const memberCount = Object.keys(list.members).length;
  if (memberCount + waiting >= max) {
    throw new ValidationError({
      email: [
        `A list can have at most ${max} members, and “${list.name}” has ${memberCount}` +
          (waiting ? ` with ${waiting} more invited` : "") +
          ": remove a member or withdraw an invitation first.",
      ],
    });
  }
  // Counted only for an invitation about to be written: bad input costs nothing.
  await enforceRateLimits("invite", { user: access.userId });
  const now = Date.now();
  const invitation: Invitation = {
    id: existing?.id ?? `i_${nextId()}`,
    listId: list.id,
    listName: list.name,
    email,
    role,
    invitedBy: access.userId,
    invitedByEmail: list.members[access.userId]?.email ?? "",
    createdAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + INVITATION_TTL_SECONDS,
  };
  await putInvitation(invitation);
  await forgetInvitationCount(email);
  await deliver(invitation, options.appOrigin);
  return invitation;
}

/** The list's invitations still waiting (the owner only), oldest first. */
export async function listInvitations(access: ListAccess): Promise<Invitation[]> {
  if (access.role !== "owner") requireRole(access, "owner");
  if (!access.list) return [];
  const now = Math.floor(Date.now() / 1000);
  return (await queryListInvitations(access.listId))
    .filter((invitation) => isLive(invitation, now))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Withdraws an invitation (the owner only): the invitation first, then the invitee's copy. */
export async function revoke(access: ListAccess, invitationId: string): Promise<Invitation> {
  requireRole(access, "owner");
  const list = sharedList(access);
  if (!INVITATION_ID_PATTERN.test(invitationId)) throw invitationNotFound();
  const invitation = await getInvitation(list.id, invitationId);
  if (!invitation) throw invitationNotFound();
  await deleteInvitation(list.id, invitationId, invitation.email);
  await deleteInviteeCopy(invitation.email, invitationId);
  await forgetInvitationCount(invitation.email);
  return invitation;
}

// ---- Invitations, the invitee's side ----------------------------------------------------------

/**
 * The invitations waiting for this user's verified email: the copies say where to look, the
 * invitations and their lists decide (one Query, and one BatchGetItem when there are any). A
 * copy whose invitation is gone (withdrawn, declined) grants nothing and is tidied.
 */
export async function pendingInvitationsFor(user: MemberUser): Promise<PendingInvitation[]> {
  const copies = await queryInviteeCopies(user.email);
  if (copies.length === 0) return [];
  const { invitations, lists: found } = await getInvitationsWithLists(copies);
  const now = Math.floor(Date.now() / 1000);
  const pending: PendingInvitation[] = [];
  const stale: Invitation[] = [];
  for (const copy of copies) {
    const invitation = invitations.get(copy.id);
    const list = found.get(copy.listId);
    if (!invitation || invitation.listId !== copy.listId || invitation.email !== user.email) {
      stale.push(copy);
      continue;
    }
    if (!isLive(invitation, now) || !list || list.deletedAt) continue;
    pending.push({
      id: invitation.id,
      listId: list.id,
      listName: list.name,
      role: invitation.role,
      invitedBy: invitation.invitedByEmail,
      expiresAt: invitation.expiresAt,
    });
  }
  await Promise.all(
    stale.map((copy) =>
      deleteInviteeCopy(user.email, copy.id).catch((error: unknown) =>
        logError("A stale invitation copy stayed", error),
      ),
    ),
  );
  // The navigation's count was read from the copies: read it again without the tidied ones.
  if (stale.length > 0) await forgetInvitationCount(user.email, user.id);
  return pending.sort((a, b) => a.expiresAt - b.expiresAt);
}

/**
 * Accepts an invitation: it must exist, be unexpired and name the caller's verified email.
 * Joins the list (one conditional write that also holds the member limit), writes the
 * directory, then deletes the invitation and its copy. Each step is idempotent, so accepting
 * again finishes an accept that stopped half-way.
 */
export async function accept(
  user: MemberUser,
  invitationId: string,
): Promise<{ listId: string; name: string; role: ListRole }> {
  if (!INVITATION_ID_PATTERN.test(invitationId)) throw invitationNotFound();
  const copy = await getInviteeCopy(user.email, invitationId);
  if (!copy) throw invitationNotFound();
  const invitation = await getInvitation(copy.listId, invitationId);
  if (!invitation || invitation.email !== user.email) {
    // The invitation is gone. Either an accept of it stopped after deleting it (the caller is
    // a member: finish), or it was withdrawn or declined (tidy the copy and say so).
    const list = await lists.getList(copy.listId);
    const member = list && !list.deletedAt ? list.members[user.id] : undefined;
    if (list && member && roleOf(list, user.id)) {
      await lists.writeDirectory(list);
      await deleteInviteeCopy(user.email, invitationId);
      return { listId: list.id, name: list.name, role: member.role };
    }
    await deleteInviteeCopy(user.email, invitationId);
    throw invitationNotFound();
  }
  if (!isLive(invitation)) {
    throw new NotFoundError(
      "invitation.expired",
      "This invitation has expired: ask the list's owner to invite you again.",
    );
  }
  const max = getEnv().LIST_MAX_MEMBERS;
  const joinedAt = new Date().toISOString();
  const joined = await lists.addMember(
    invitation.listId,
    user.id,
    { role: invitation.role, email: user.email, joinedAt },
    max,
  );
  let list: List | null = joined.list;
  if (!joined.ok) {
    if (joined.reason === "gone") {
      await deleteInvitation(invitation.listId, invitationId, user.email);
      await deleteInviteeCopy(user.email, invitationId);
      throw listNotFound();
    }
    if (joined.reason === "full") {
      throw new ValidationError(
        {},
        `“${joined.list?.name ?? invitation.listName}” already has ${max} members, the most a list can have: ` +
          "ask its owner to make room, then accept again.",
      );
    }
    // "member": a retried accept (or joined another way); carry on with the rest.
  }
  list ??= await lists.getList(invitation.listId);
  // Every member's navigation entry, this user's new one included, now says the list is shared.
  if (list) await lists.writeDirectory(list);
  await deleteInvitation(invitation.listId, invitationId, user.email);
  await deleteInviteeCopy(user.email, invitationId);
  await forgetInvitationCount(user.email, user.id);
  // The members' open pages show the newcomer (a notice never fails the accept).
  await noticeListChanged(invitation.listId);
  return {
    listId: invitation.listId,
    name: list?.name ?? invitation.listName,
    role: list?.members[user.id]?.role ?? invitation.role,
  };
}

/** Declines an invitation: deletes it, then the caller's copy. Says which list it was for. */
export async function decline(user: MemberUser, invitationId: string): Promise<{ listName: string }> {
  if (!INVITATION_ID_PATTERN.test(invitationId)) throw invitationNotFound();
  const copy = await getInviteeCopy(user.email, invitationId);
  if (!copy) throw invitationNotFound();
  await deleteInvitation(copy.listId, invitationId, user.email);
  await deleteInviteeCopy(user.email, invitationId);
  await forgetInvitationCount(user.email, user.id);
  return { listName: copy.listName };
}

// ---- Members ----------------------------------------------------------------------------------

/** Makes a member an editor or a viewer (the owner only); the owner's own role moves only by handing over. */
export async function changeRole(access: ListAccess, userId: string, input: unknown): Promise<Member> {
  requireRole(access, "owner");
  const list = sharedList(access);
  const { role } = parseInput(roleSchema, input);
  if (!Object.hasOwn(list.members, userId)) throw memberNotFound();
  if (userId === list.ownerId) {
    throw new ValidationError({ role: ["The owner's role changes only by handing the list over to an editor."] });
  }
  const result = await lists.changeRole(list.id, userId, role);
  if (!result.ok) {
    if (result.reason === "gone") throw listNotFound();
    if (result.reason === "not_member") throw memberNotFound();
    throw new ValidationError({ role: ["The owner's role changes only by handing the list over to an editor."] });
  }
  // A viewer holds no work: their assignments in the list are cleared (the tasks stay). After
  // the role's write, so a change stopped between them is finished by making them a viewer
  // again; meanwhile readers show such a task as nobody's (asSeenIn).
  if (role === "viewer") await clearAssignments(userId, list.id, new Date().toISOString());
  // Their open pages gain or lose the controls the new role allows.
  await noticeListChanged(list.id);
  return { userId, email: result.list.members[userId]?.email ?? "", role };
}

/**
 * Removes a member (the owner), or lets the caller leave (any member but the owner, who hands
 * the list over first). Effective at once: the list item no longer names them, and that is what
 * every request reads. Their assignments in the list are cleared next and the directory entry
 * goes last (finishDeparture); a removal that stopped before then is finished by running it
 * again or by the person's next page, and grants nothing meanwhile (readers show an assignee
 * who is not a member as nobody).
 */
export async function removeMember(access: ListAccess, userId: string): Promise<void> {
  const list = sharedList(access);
  if (userId === access.userId) {
    if (access.role === "owner") {
      throw new ForbiddenError(
        "list.owner_cannot_leave",
        `You own “${list.name}”: hand it over to an editor before you leave it.`,
      );
    }
  } else {
    requireRole(access, "owner");
  }
  const result = await lists.removeMember(list.id, userId);
  if (!result.ok) {
    if (result.reason === "gone") throw listNotFound();
    if (result.reason === "owner") {
      throw new ForbiddenError(
        "list.owner_cannot_leave",
        "The owner cannot be removed: they hand the list over first.",
      );
    }
    // Not a member (any more): finish a removal that stopped before its assignments were
    // cleared and its directory entry deleted.
    await finishDeparture(userId, list.id);
    throw memberNotFound();
  }
  // Their assignments in the list are cleared (the tasks stay), then the directory entry goes.
  await finishDeparture(userId, list.id);
  // The others' navigation says whether the list is still shared.
  await lists.writeDirectory(result.list);
  // Everyone's open pages reload: the member's let the list go, and their sockets stop following it now.
  await noticeListChanged(list.id, { removed: userId });
}

/**
 * Hands the list to one of its editors (the owner only), in one write: the editor becomes the
 * owner and the caller an editor, so the list always has exactly one owner.
 */
export async function handOver(access: ListAccess, toUserId: string): Promise<void> {
  requireRole(access, "owner");
  const list = sharedList(access);
  if (toUserId === access.userId) throw new ValidationError({}, `You already own “${list.name}”.`);
  const member = Object.hasOwn(list.members, toUserId) ? list.members[toUserId] : undefined;
  if (!member) throw memberNotFound();
  const notEditor = () =>
    new ValidationError(
      {},
      `Only an editor can take over a list, and ${member.email} is ${article(member.role)}: make them an editor first.`,
    );
  if (member.role !== "editor") throw notEditor();
  const result = await lists.handOver(list.id, access.userId, toUserId);
  if (!result.ok) {
    if (result.reason === "gone") throw listNotFound();
    if (result.reason === "not_owner") {
      throw new ForbiddenError("list.forbidden", `You no longer own “${list.name}”: only its owner can hand it over.`);
    }
    throw notEditor();
  }
  await noticeListChanged(list.id);
}

// ---- Sending ----------------------------------------------------------------------------------

const roleWords = (role: InvitedRole) =>
  role === "editor" ? "an editor (you can add, change and complete its tasks)" : "a viewer (you can read its tasks)";

/**
 * Tells the invitee: by email through SES when the stage has a sender, in the log otherwise
 * (locally the dev server prints it, accept link included). Never throws.
 */
async function deliver(invitation: Invitation, appOrigin: string | undefined): Promise<void> {
  const env = getEnv();
  const origin = env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : appOrigin;
  const acceptUrl = origin ? `${origin}/invitations` : "/invitations";
  const expires = new Date(invitation.expiresAt * 1000).toUTCString().replace(/:\d\d GMT$/, " UTC");
  const inviter = invitation.invitedByEmail || "Someone";
  const email = {
    to: invitation.email,
    subject: `${inviter} invited you to “${invitation.listName}” on Task Tracker`,
    text: [
      `${inviter} invited you to the list “${invitation.listName}” on Task Tracker as ${roleWords(invitation.role)}.`,
      "",
      `To accept or decline, sign in (or sign up) with this email address, ${invitation.email}, and open:`,
      acceptUrl,
      "",
      `The invitation expires on ${expires}. If you did not expect it, ignore this email.`,
    ].join("\n"),
  };
  if (!env.SES_FROM_EMAIL) {
    if (isLocalStage(env)) {
      writeLog("INFO", "Invitation to a list (not emailed: no SES_FROM_EMAIL)", {
        invitationId: invitation.id,
        to: invitation.email,
        list: invitation.listName,
        acceptUrl,
        email: email.text,
      });
    } else {
      writeLog("INFO", "Invitation to a list not emailed: the stage has no SES_FROM_EMAIL", {
        invitationId: invitation.id,
      });
    }
    return;
  }
  try {
    const { sendEmail } = await import("#src/email/email-sender.ts");
    await sendEmail(env.SES_FROM_EMAIL, env.AWS_REGION, email);
  } catch (error) {
    // The invitation stands: the invitee sees it in the app whether or not the email arrives.
    logError("The invitation email was not sent", error, { invitationId: invitation.id });
  }
}
