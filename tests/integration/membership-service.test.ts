import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { monotonicFactory } from "ulid";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { resetDocumentClientForTests } from "#src/db/client.ts";
import { resetEnvForTests } from "#src/env.ts";
import { ForbiddenError, NotFoundError, TooManyAttemptsError, ValidationError } from "#src/errors.ts";
import { INVITATION_TTL_SECONDS, type Invitation } from "#src/lists/invitation.ts";
import {
  deleteInvitation,
  getInvitation,
  getInviteeCopy,
  putInvitation,
  queryInviteeCopies,
} from "#src/lists/invitation-repository.ts";
import { listsForUser, resolveListAccess, type ListAccess } from "#src/lists/list-access.ts";
import { addMember, createList, getList, queryDirectory } from "#src/lists/list-repository.ts";
import type { List } from "#src/lists/list.ts";
import {
  accept,
  changeRole,
  decline,
  handOver,
  invite,
  listInvitations,
  members,
  pendingInvitationsFor,
  removeMember,
  revoke,
  type MemberUser,
} from "#src/lists/membership-service.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// Sharing a list through the membership service, against the local DynamoDB (behind the outage
// proxy, which passes everything until a test cuts a call): invitations, accepting, the member
// limit, the daily cap, roles, removal, leaving and handing over.

const nextId = monotonicFactory();
const now = () => new Date().toISOString();
const nowSeconds = () => Math.floor(Date.now() / 1000);

let dynamo: OutageProxy;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  dynamo = await startOutageProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  resetEnvForTests();
  await resetDocumentClientForTests();
});
afterEach(() => {
  dynamo.restore();
  vi.restoreAllMocks();
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  resetEnvForTests();
  await resetDocumentClientForTests();
  await dynamo.stop();
});

function aUser(): MemberUser {
  return { id: newOwnerId(), email: `member-${randomUUID().slice(0, 8)}@example.com` };
}

/** Runs `work` with these environment settings, then puts the old ones back. */
async function withEnv<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  resetEnvForTests();
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  }
}

async function refusal(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A new list owned by a new user (through the repository: creating lists is the list service's). */
async function aList(name = "Flat"): Promise<{ list: List; owner: MemberUser; access: () => Promise<ListAccess> }> {
  const owner = aUser();
  const list: List = {
    id: `l_${nextId()}`,
    name,
    color: "blue",
    ownerId: owner.id,
    members: { [owner.id]: { role: "owner", email: owner.email, joinedAt: now() } },
    archivedAt: null,
    deletedAt: null,
    createdAt: now(),
    updatedAt: now(),
    version: 1,
  };
  await createList(list);
  return { list, owner, access: () => resolveListAccess(owner.id, list.id) };
}

/** A list with an editor and a viewer, each joined by invitation and accept. */
async function sharedList() {
  const { list, owner, access } = await aList();
  const [editor, viewer] = [aUser(), aUser()];
  for (const [user, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const invitation = await invite(await access(), { email: user.email, role });
    await accept(user, invitation.id);
  }
  return { list, owner, editor, viewer, access };
}

describe("inviting", () => {
  test("the owner invites an email as an editor: it waits for seven days, on both sides", async () => {
    const { list, owner, access } = await aList("Home");
    const invitee = aUser();
    const before = nowSeconds();
    const invitation = await invite(await access(), { email: `  ${invitee.email.toUpperCase()} `, role: "editor" });

    expect(invitation).toMatchObject({ email: invitee.email, role: "editor", listId: list.id, invitedBy: owner.id });
    expect(invitation.id).toMatch(/^i_[0-9A-Z]{26}$/);
    expect(invitation.expiresAt).toBeGreaterThanOrEqual(before + INVITATION_TTL_SECONDS);
    expect(invitation.expiresAt).toBeLessThanOrEqual(nowSeconds() + INVITATION_TTL_SECONDS);
    expect((await listInvitations(await access())).map((item) => item.id)).toEqual([invitation.id]);
    expect(await pendingInvitationsFor(invitee)).toEqual([
      {
        id: invitation.id,
        listId: list.id,
        listName: "Home",
        role: "editor",
        invitedBy: owner.email,
        expiresAt: invitation.expiresAt,
      },
    ]);
    // Not yet a member: the list is as unknown to them as a missing one.
    const error = await refusal(() => resolveListAccess(invitee.id, list.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("List not found.");
  });

  test("bad input gets a message per field and stores nothing", async () => {
    const { access } = await aList();
    for (const [input, field, message] of [
      [{ email: "", role: "editor" }, "email", "Enter the email address of the person to invite."],
      [{ email: "not-an-email", role: "editor" }, "email", "Enter a valid email address, like name@example.com."],
      [{ email: "a@example.com", role: "owner" }, "role", "Choose editor or viewer."],
      [{ email: "a@example.com" }, "role", "Choose editor or viewer."],
    ] as const) {
      const refused = await refusal(async () => invite(await access(), input));
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).fieldErrors[field]).toEqual([message]);
    }
    expect(await listInvitations(await access())).toEqual([]);
  });

  test("an editor or a viewer cannot invite, list or withdraw invitations", async () => {
    const { list, editor, viewer, access } = await sharedList();
    const waiting = await invite(await access(), { email: aUser().email, role: "viewer" });
    for (const member of [editor, viewer]) {
      const memberAccess = await resolveListAccess(member.id, list.id);
      const refusals = [
        await refusal(() => invite(memberAccess, { email: aUser().email, role: "viewer" })),
        await refusal(() => listInvitations(memberAccess)),
        await refusal(() => revoke(memberAccess, waiting.id)),
      ];
      for (const error of refusals) {
        expect(error).toBeInstanceOf(ForbiddenError);
        expect((error as Error).message).toMatch(/needs the owner role/);
      }
    }
    expect((await listInvitations(await access())).map((item) => item.id)).toEqual([waiting.id]);
  });

  test("the Inbox cannot be shared", async () => {
    const user = aUser();
    const inbox = await resolveListAccess(user.id, "inbox");
    const error = await refusal(() => invite(inbox, { email: aUser().email, role: "editor" }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/Inbox is personal/);
    expect(await listInvitations(inbox)).toEqual([]);
    expect(members(inbox, user.email)).toEqual([{ userId: user.id, email: user.email, role: "owner" }]);
  });

  test("a member cannot be invited again, the owner included", async () => {
    const { owner, editor, access } = await sharedList();
    for (const email of [editor.email, owner.email.toUpperCase()]) {
      const error = await refusal(async () => invite(await access(), { email, role: "viewer" }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.email?.[0]).toMatch(/is already a member of “Flat”/);
    }
  });

  test("inviting the same email again refreshes its invitation instead of adding one", async () => {
    const { access } = await aList();
    const invitee = aUser();
    const first = await invite(await access(), { email: invitee.email, role: "viewer" });
    // An invitation a week old, about to run out:
    await putInvitation({ ...first, expiresAt: nowSeconds() + 5 });
    const again = await invite(await access(), { email: invitee.email, role: "editor" });
    expect(again.id).toBe(first.id);
    expect(again.expiresAt).toBeGreaterThan(nowSeconds() + INVITATION_TTL_SECONDS - 60);
    expect((await listInvitations(await access())).map((item) => [item.id, item.role])).toEqual([[first.id, "editor"]]);
    expect((await pendingInvitationsFor(invitee)).map((item) => [item.id, item.role])).toEqual([[first.id, "editor"]]);
  });

  test("invitations stop at the member limit, counting the ones still waiting", async () => {
    await withEnv({ LIST_MAX_MEMBERS: "3" }, async () => {
      const { access } = await aList();
      await invite(await access(), { email: aUser().email, role: "viewer" });
      await invite(await access(), { email: aUser().email, role: "viewer" });
      const error = await refusal(async () => invite(await access(), { email: aUser().email, role: "viewer" }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.email).toEqual([
        "A list can have at most 3 members, and “Flat” has 1 with 2 more invited: remove a member or withdraw an invitation first.",
      ]);
      expect(await listInvitations(await access())).toHaveLength(2);
    });
  });

  test("a user can send only so many invitations a day", async () => {
    await withEnv({ RATE_LIMITS: "on", RATE_LIMIT_INVITE_USER: "3/24h" }, async () => {
      const { access } = await aList();
      for (let sent = 0; sent < 3; sent++) await invite(await access(), { email: aUser().email, role: "viewer" });
      const refused = aUser();
      const error = await refusal(async () => invite(await access(), { email: refused.email, role: "viewer" }));
      expect(error).toBeInstanceOf(TooManyAttemptsError);
      expect((error as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
      expect((error as TooManyAttemptsError).retryAfterSeconds).toBeLessThanOrEqual(86_400);
      expect(await listInvitations(await access())).toHaveLength(3);
      expect(await pendingInvitationsFor(refused)).toEqual([]);
      // The cap is per user: another owner still invites.
      const other = await aList();
      await invite(await other.access(), { email: aUser().email, role: "viewer" });
    });
  });
});

describe("answering an invitation", () => {
  test("accepting joins the list with the invited role, at once, and the invitation is gone", async () => {
    const { list, access } = await aList("Groceries");
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "viewer" });
    expect(await accept(invitee, invitation.id)).toEqual({ listId: list.id, name: "Groceries", role: "viewer" });

    expect((await resolveListAccess(invitee.id, list.id)).role).toBe("viewer");
    expect((await listsForUser(invitee)).map((item) => item.listId)).toContain(list.id);
    expect(await pendingInvitationsFor(invitee)).toEqual([]);
    expect(await listInvitations(await access())).toEqual([]);
    expect(members(await access()).map(({ email, role }) => [email, role])).toEqual([
      [(await getList(list.id))?.members[list.ownerId]?.email, "owner"],
      [invitee.email, "viewer"],
    ]);
    // Accepting twice is not a second way in: the invitation is spent.
    expect(await refusal(() => accept(invitee, invitation.id))).toBeInstanceOf(NotFoundError);
  });

  test("only the invited email can accept or decline it", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    const someoneElse = aUser();
    for (const answer of [accept, decline]) {
      const error = await refusal(() => answer(someoneElse, invitation.id));
      expect(error).toBeInstanceOf(NotFoundError);
    }
    // Same account id, another email (not the verified one the invitation names): refused too.
    expect(await refusal(() => accept({ id: invitee.id, email: someoneElse.email }, invitation.id))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await refusal(() => resolveListAccess(someoneElse.id, list.id))).toBeInstanceOf(NotFoundError);
    expect(await pendingInvitationsFor(invitee)).toHaveLength(1);
  });

  test("an expired invitation is not shown and cannot be accepted, though its item may outlive it", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    await putInvitation({ ...invitation, expiresAt: nowSeconds() - 1 });

    expect(await pendingInvitationsFor(invitee)).toEqual([]);
    expect(await listInvitations(await access())).toEqual([]);
    const error = await refusal(() => accept(invitee, invitation.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("This invitation has expired: ask the list's owner to invite you again.");
    expect(await refusal(() => resolveListAccess(invitee.id, list.id))).toBeInstanceOf(NotFoundError);
  });

  test("declining deletes the invitation on both sides", async () => {
    const { access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    await decline(invitee, invitation.id);
    expect(await pendingInvitationsFor(invitee)).toEqual([]);
    expect(await listInvitations(await access())).toEqual([]);
    expect(await refusal(() => accept(invitee, invitation.id))).toBeInstanceOf(NotFoundError);
  });

  test("a withdrawn invitation disappears for the invitee and cannot be accepted", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    await revoke(await access(), invitation.id);
    expect(await pendingInvitationsFor(invitee)).toEqual([]);
    expect(await refusal(() => accept(invitee, invitation.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(() => resolveListAccess(invitee.id, list.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(async () => revoke(await access(), invitation.id))).toBeInstanceOf(NotFoundError);
  });

  test("a withdrawal that stopped after the invitation leaves a copy that grants nothing and is tidied", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    expect(await deleteInvitation(list.id, invitation.id, invitee.email)).toBe(true);
    expect(await pendingInvitationsFor(invitee)).toEqual([]);
    expect(await queryInviteeCopies(invitee.email)).toEqual([]);
    expect(await refusal(() => accept(invitee, invitation.id))).toBeInstanceOf(NotFoundError);
  });

  test("an accept that stopped after joining is finished by accepting again", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    // Stopped after step 1 (the member added), before the directory and the deletes:
    await addMember(list.id, invitee.id, { role: "editor", email: invitee.email, joinedAt: now() }, 25);
    expect((await queryDirectory(invitee.id)).map((entry) => entry.listId)).toEqual([]);
    expect(await pendingInvitationsFor(invitee)).toHaveLength(1);

    expect(await accept(invitee, invitation.id)).toEqual({ listId: list.id, name: "Flat", role: "editor" });
    expect((await queryDirectory(invitee.id)).map((entry) => entry.listId)).toEqual([list.id]);
    expect(await getInvitation(list.id, invitation.id)).toBeNull();
    expect(await getInviteeCopy(invitee.email, invitation.id)).toBeNull();
    expect(Object.keys((await getList(list.id))?.members ?? {})).toHaveLength(2);
  });

  test("an accept that stopped after deleting the invitation is finished by accepting again", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "viewer" });
    await addMember(list.id, invitee.id, { role: "viewer", email: invitee.email, joinedAt: now() }, 25);
    await deleteInvitation(list.id, invitation.id, invitee.email);

    expect(await accept(invitee, invitation.id)).toEqual({ listId: list.id, name: "Flat", role: "viewer" });
    expect((await queryDirectory(invitee.id)).map((entry) => entry.listId)).toEqual([list.id]);
    expect(await getInviteeCopy(invitee.email, invitation.id)).toBeNull();
    expect((await resolveListAccess(invitee.id, list.id)).role).toBe("viewer");
  });

  test("an accept cut off by an outage is finished by trying again", async () => {
    const { list, access } = await aList();
    const invitee = aUser();
    const invitation = await invite(await access(), { email: invitee.email, role: "editor" });
    // Every DeleteItem fails: the member is added and the directory written, the invitation stays.
    dynamo.cut("refuse", (request: IncomingMessage) => String(request.headers["x-amz-target"]).endsWith(".DeleteItem"));
    expect(await refusal(() => accept(invitee, invitation.id))).toMatchObject({ name: "ServiceUnavailableError" });
    dynamo.restore();
    expect((await resolveListAccess(invitee.id, list.id)).role).toBe("editor");
    expect(await getInvitation(list.id, invitation.id)).not.toBeNull();

    expect(await accept(invitee, invitation.id)).toEqual({ listId: list.id, name: "Flat", role: "editor" });
    expect(await getInvitation(list.id, invitation.id)).toBeNull();
    expect(await getInviteeCopy(invitee.email, invitation.id)).toBeNull();
    expect((await queryDirectory(invitee.id)).map((entry) => entry.listId)).toEqual([list.id]);
  });

  test("parallel accepts never take a list past its member limit", async () => {
    await withEnv({ LIST_MAX_MEMBERS: "4" }, async () => {
      const { list, owner } = await aList();
      const invitees = Array.from({ length: 8 }, aUser);
      // Eight invitations written as if sent before the limit was lowered (invite() would stop at 3).
      const invitations = await Promise.all(
        invitees.map(async (invitee): Promise<Invitation> => {
          const invitation: Invitation = {
            id: `i_${nextId()}`,
            listId: list.id,
            listName: list.name,
            email: invitee.email,
            role: "viewer",
            invitedBy: owner.id,
            invitedByEmail: owner.email,
            createdAt: now(),
            expiresAt: nowSeconds() + INVITATION_TTL_SECONDS,
          };
          await putInvitation(invitation);
          return invitation;
        }),
      );
      const outcomes = await Promise.all(
        invitees.map((invitee, index) => refusal(() => accept(invitee, invitations[index]?.id ?? ""))),
      );
      expect(outcomes.filter((outcome) => outcome === undefined)).toHaveLength(3);
      const refused = outcomes.filter((outcome) => outcome !== undefined);
      expect(refused).toHaveLength(5);
      for (const error of refused) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as Error).message).toBe(
          "“Flat” already has 4 members, the most a list can have: ask its owner to make room, then accept again.",
        );
      }
      expect(Object.keys((await getList(list.id))?.members ?? {})).toHaveLength(4);
    });
  });
});

describe("members", () => {
  test("everyone in the list sees its members, the owner first", async () => {
    const { list, owner, editor, viewer } = await sharedList();
    const expected = [
      { userId: owner.id, email: owner.email, role: "owner" },
      ...[
        { userId: editor.id, email: editor.email, role: "editor" },
        { userId: viewer.id, email: viewer.email, role: "viewer" },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    ];
    for (const user of [owner, editor, viewer]) {
      expect(members(await resolveListAccess(user.id, list.id))).toEqual(expected);
    }
  });

  test("the owner changes a member's role, effective on the next request; nobody else can", async () => {
    const { list, editor, viewer, access } = await sharedList();
    expect(await changeRole(await access(), viewer.id, { role: "editor" })).toEqual({
      userId: viewer.id,
      email: viewer.email,
      role: "editor",
    });
    expect((await resolveListAccess(viewer.id, list.id)).role).toBe("editor");

    const byEditor = await refusal(async () =>
      changeRole(await resolveListAccess(editor.id, list.id), viewer.id, { role: "viewer" }),
    );
    expect(byEditor).toBeInstanceOf(ForbiddenError);
    const ownRole = await refusal(async () => changeRole(await access(), list.ownerId, { role: "viewer" }));
    expect(ownRole).toBeInstanceOf(ValidationError);
    expect(await refusal(async () => changeRole(await access(), newOwnerId(), { role: "viewer" }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await refusal(async () => changeRole(await access(), viewer.id, { role: "owner" }))).toBeInstanceOf(
      ValidationError,
    );
    expect((await resolveListAccess(viewer.id, list.id)).role).toBe("editor");
  });

  test("a removed member loses access on the very next request", async () => {
    const { list, editor, access } = await sharedList();
    await removeMember(await access(), editor.id);
    const error = await refusal(() => resolveListAccess(editor.id, list.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("List not found.");
    expect((await queryDirectory(editor.id)).map((entry) => entry.listId)).toEqual([]);
    expect((await listsForUser(editor)).map((item) => item.listId)).toEqual([editor.id]);
    // Removing again: nothing to remove.
    expect(await refusal(async () => removeMember(await access(), editor.id))).toBeInstanceOf(NotFoundError);
  });

  test("only the owner removes others; any other member may leave; the owner hands over before leaving", async () => {
    const { list, owner, editor, viewer, access } = await sharedList();
    const byEditor = await refusal(async () => removeMember(await resolveListAccess(editor.id, list.id), viewer.id));
    expect(byEditor).toBeInstanceOf(ForbiddenError);
    expect((await resolveListAccess(viewer.id, list.id)).role).toBe("viewer");

    await removeMember(await resolveListAccess(viewer.id, list.id), viewer.id);
    expect(await refusal(() => resolveListAccess(viewer.id, list.id))).toBeInstanceOf(NotFoundError);
    expect((await queryDirectory(viewer.id)).map((entry) => entry.listId)).toEqual([]);

    const ownerLeaving = await refusal(async () => removeMember(await access(), owner.id));
    expect(ownerLeaving).toBeInstanceOf(ForbiddenError);
    expect((ownerLeaving as Error).message).toBe("You own “Flat”: hand it over to an editor before you leave it.");
    expect((await resolveListAccess(owner.id, list.id)).role).toBe("owner");
  });

  test("handing over goes to an editor only, and leaves exactly one owner", async () => {
    const { list, owner, editor, viewer, access } = await sharedList();
    const toViewer = await refusal(async () => handOver(await access(), viewer.id));
    expect(toViewer).toBeInstanceOf(ValidationError);
    expect((toViewer as Error).message).toBe(
      `Only an editor can take over a list, and ${viewer.email} is a viewer: make them an editor first.`,
    );
    expect(await refusal(async () => handOver(await access(), newOwnerId()))).toBeInstanceOf(NotFoundError);
    const byEditor = await refusal(async () => handOver(await resolveListAccess(editor.id, list.id), editor.id));
    expect(byEditor).toBeInstanceOf(ForbiddenError);

    const before = await access();
    await handOver(before, editor.id);
    const stored = await getList(list.id);
    expect(stored?.ownerId).toBe(editor.id);
    expect(Object.values(stored?.members ?? {}).filter((member) => member.role === "owner")).toHaveLength(1);
    expect(stored?.members[owner.id]?.role).toBe("editor");
    // The old owner's access, resolved before, is stale: the write refuses it.
    expect(await refusal(() => handOver(before, editor.id))).toBeInstanceOf(ForbiddenError);
    const now = await resolveListAccess(owner.id, list.id);
    expect(now.role).toBe("editor");
    expect(await refusal(() => invite(now, { email: aUser().email, role: "viewer" }))).toBeInstanceOf(ForbiddenError);
    // No longer the owner, they may leave like any editor.
    await removeMember(now, owner.id);
    expect(await refusal(() => resolveListAccess(owner.id, list.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("telling the invitee", () => {
  test("without a sender the invitation is logged with the link to accept it", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const invitee = aUser();
    const invitation = await withEnv({ AWS_LAMBDA_LOG_LEVEL: "INFO" }, async () => {
      const { access } = await aList("Trip");
      return invite(await access(), { email: invitee.email, role: "editor" }, { appOrigin: "http://localhost:3333" });
    });
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.invitationId);
    expect(logged).toMatchObject({
      level: "INFO",
      invitationId: invitation.id,
      to: invitee.email,
      list: "Trip",
      acceptUrl: "http://localhost:3333/invitations",
    });
    expect(String(logged?.email)).toContain("invited you to the list “Trip” on Task Tracker as an editor");
  });

  test("with a sender the invitation is emailed through SES; a failed email does not fail the invitation", async () => {
    const requests: { path: string; body: Record<string, unknown> }[] = [];
    let answer = 200;
    const ses = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        requests.push({ path: request.url ?? "", body: JSON.parse(body || "{}") as Record<string, unknown> });
        response.writeHead(answer, { "content-type": "application/json" });
        response.end(answer === 200 ? JSON.stringify({ MessageId: "m-1" }) : JSON.stringify({ message: "down" }));
      });
    });
    await new Promise<void>((resolve) => ses.listen(0, "127.0.0.1", resolve));
    const errors: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      await withEnv(
        {
          SES_FROM_EMAIL: "no-reply@example.com",
          AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${(ses.address() as AddressInfo).port}`,
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          APP_ORIGIN: "https://tasks.example.com",
        },
        async () => {
          const { access } = await aList("Garden <b>");
          const invitee = aUser();
          await invite(await access(), { email: invitee.email, role: "viewer" });
          expect(requests).toHaveLength(1);
          expect(requests[0]?.path).toBe("/v2/email/outbound-emails");
          expect(requests[0]?.body).toMatchObject({
            FromEmailAddress: "Task Tracker <no-reply@example.com>",
            Destination: { ToAddresses: [invitee.email] },
            Content: { Simple: { Subject: { Data: expect.stringContaining("invited you to “Garden <b>”") } } },
          });
          const text = JSON.stringify(requests[0]?.body);
          expect(text).toContain("https://tasks.example.com/invitations");
          expect(text).toContain("as a viewer");

          answer = 500;
          const second = aUser();
          const invitation = await invite(await access(), { email: second.email, role: "editor" });
          expect(requests.length).toBeGreaterThanOrEqual(2);
          expect((await pendingInvitationsFor(second)).map((item) => item.id)).toEqual([invitation.id]);
          expect(errors.join("")).toContain("The invitation email was not sent");
        },
      );
    } finally {
      await new Promise((resolve) => ses.close(resolve));
    }
  });
});
