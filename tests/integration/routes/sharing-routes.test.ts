import { monotonicFactory } from "ulid";
import { afterEach, expect, test } from "vitest";
import { commitSessionCookie } from "#app/.server/session.ts";
import * as invitationsRoute from "#app/routes/invitations.tsx";
import * as shareRoute from "#app/routes/lists_.$listId_.share.tsx";
import { getDocumentClient } from "#src/db/client.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-repository.ts";
import type { List } from "#src/lists/list.ts";
import { invite, pendingInvitationsFor, revoke } from "#src/lists/membership-service.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { decodeJwt } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { recordDynamoCalls } from "#tests/support/dynamo-calls.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";

// The Share page (/lists/:listId/share) and the invitations page (/invitations), their loaders
// and actions called with real Requests and sessions against the local stack: plain form posts
// answered with 303 and a flash, as they work without JavaScript.

const ORIGIN = "https://tasks.example.test";
const nextId = monotonicFactory();

interface Person {
  id: string;
  email: string;
  cookie: string;
}

async function signedIn(): Promise<Person> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const id = String(decodeJwt((await tokensFor(email, TEST_PASSWORD)).accessToken).payload.sub);
  const { sessionId } = await signIn({ email, password: TEST_PASSWORD });
  return { id, email, cookie: (await commitSessionCookie(sessionId)).split(";", 1)[0] ?? "" };
}

async function listOf(owner: Person, name = "Flat"): Promise<List> {
  const now = new Date().toISOString();
  const list: List = {
    id: `l_${nextId()}`,
    name,
    color: "teal",
    ownerId: owner.id,
    members: { [owner.id]: { role: "owner", email: owner.email, joinedAt: now } },
    archivedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await createList(list);
  return list;
}

const get = (path: string, who: Person) => new Request(new URL(path, ORIGIN), { headers: { cookie: who.cookie } });
const post = (path: string, form: Record<string, string>, who: Person) =>
  new Request(new URL(path, ORIGIN), {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: who.cookie },
  });
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** What a loader threw (a Response, or Remix's data() for error pages). */
async function thrown(run: () => Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, message: await error.text() };
    const { data, init } = error as { data: unknown; init?: { status?: number } };
    return { status: init?.status ?? 0, message: String(data) };
  }
  throw new Error("expected the route to refuse");
}

/** An action's answer: a redirect (Response) or Remix's data() with the form's failure. */
function answer(result: unknown): { status: number; location?: string | null; body?: Record<string, unknown> } {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
  const { data, init } = result as { data: Record<string, unknown>; init?: { status?: number } };
  return { status: init?.status ?? 200, body: data };
}

const shareLoader = (who: Person, list: string) =>
  shareRoute.loader(args(get(`/lists/${list}/share`, who), { listId: list }));
const shareAction = async (who: Person, list: string, form: Record<string, string>) =>
  answer(await shareRoute.action(args(post(`/lists/${list}/share`, form, who), { listId: list })));
const invitationsAction = async (who: Person, form: Record<string, string>) =>
  answer(await invitationsRoute.action(args(post("/invitations", form, who))));

let recorder: ReturnType<typeof recordDynamoCalls> | undefined;
afterEach(() => {
  recorder?.stop();
  recorder = undefined;
});

test("the owner invites from the Share page; the invitee accepts on /invitations and is a member", async () => {
  const [owner, invitee] = await Promise.all([signedIn(), signedIn()]);
  const list = await listOf(owner, "Holiday");

  const invited = await shareAction(owner, list.id, { intent: "invite", email: invitee.email, role: "viewer" });
  expect(invited).toEqual({ status: 303, location: `/lists/${list.id}/share` });

  const page = await shareLoader(owner, list.id);
  expect(page.role).toBe("owner");
  expect(page.invitations.map((item) => [item.email, item.role])).toEqual([[invitee.email, "viewer"]]);

  const waiting = await invitationsRoute.loader(args(get("/invitations", invitee)));
  expect(waiting.invitations).toMatchObject([{ listName: "Holiday", role: "viewer", invitedBy: owner.email }]);
  const id = waiting.invitations[0]?.id ?? "";

  const accepted = await invitationsAction(invitee, { intent: "accept", invitationId: id });
  expect(accepted).toEqual({ status: 303, location: `/lists/${list.id}` });
  const theirs = await shareLoader(invitee, list.id);
  expect(theirs.role).toBe("viewer");
  expect(theirs.invitations).toEqual([]);
  expect(theirs.members.map((member) => [member.email, member.role])).toEqual([
    [owner.email, "owner"],
    [invitee.email, "viewer"],
  ]);
  expect((await invitationsRoute.loader(args(get("/invitations", invitee)))).invitations).toEqual([]);
});

test("the owner's Share page is three DynamoDB calls: the session, the list item, the invitations", async () => {
  const owner = await signedIn();
  const list = await listOf(owner);
  await invite(await resolveListAccess(owner.id, list.id), { email: newEmail(), role: "editor" });
  recorder = recordDynamoCalls(await getDocumentClient());
  await shareLoader(owner, list.id);
  expect(recorder.calls.map((call) => call.command)).toEqual(["GetItemCommand", "GetItemCommand", "QueryCommand"]);
});

test("a viewer is refused with the role it needs, a stranger gets the missing list's 404", async () => {
  const [owner, viewer, stranger] = await Promise.all([signedIn(), signedIn(), signedIn()]);
  const list = await listOf(owner);
  await shareAction(owner, list.id, { intent: "invite", email: viewer.email, role: "viewer" });
  const [pending] = await pendingInvitationsFor(viewer);
  await invitationsAction(viewer, { intent: "accept", invitationId: pending?.id ?? "" });

  const refused = await shareAction(viewer, list.id, { intent: "invite", email: newEmail(), role: "editor" });
  expect(refused.status).toBe(403);
  expect(refused.body?.formError).toBe("This needs the owner role in “Flat”; you are a viewer.");
  const removing = await shareAction(viewer, list.id, { intent: "remove", userId: owner.id });
  expect(removing.status).toBe(403);

  const missing = await thrown(() => shareLoader(stranger, `l_${nextId()}`));
  const notTheirs = await thrown(() => shareLoader(stranger, list.id));
  expect(missing).toEqual({ status: 404, message: "List not found." });
  expect(notTheirs).toEqual(missing);
  expect(await thrown(() => shareAction(stranger, list.id, { intent: "leave" }))).toEqual(missing);
});

test("bad input comes back with the message beside the field and the input kept", async () => {
  const owner = await signedIn();
  const list = await listOf(owner);
  const refused = await shareAction(owner, list.id, { intent: "invite", email: "not an email", role: "viewer" });
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({
    fieldErrors: { email: ["Enter a valid email address, like name@example.com."] },
    values: { intent: "invite", email: "not an email", role: "viewer" },
  });
  expect((await shareLoader(owner, list.id)).invitations).toEqual([]);
});

test("removal and leaving hold on the next request; the owner hands over to an editor", async () => {
  const [owner, editor, viewer] = await Promise.all([signedIn(), signedIn(), signedIn()]);
  const list = await listOf(owner);
  for (const [person, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    await shareAction(owner, list.id, { intent: "invite", email: person.email, role });
    const [pending] = await pendingInvitationsFor(person);
    await invitationsAction(person, { intent: "accept", invitationId: pending?.id ?? "" });
  }

  expect(await shareAction(owner, list.id, { intent: "remove", userId: viewer.id })).toEqual({
    status: 303,
    location: `/lists/${list.id}/share`,
  });
  expect((await thrown(() => shareLoader(viewer, list.id))).status).toBe(404);

  const ownerLeaving = await shareAction(owner, list.id, { intent: "leave" });
  expect(ownerLeaving.status).toBe(403);
  expect(ownerLeaving.body?.formError).toBe("You own “Flat”: hand it over to an editor before you leave it.");

  expect((await shareAction(owner, list.id, { intent: "hand-over", userId: editor.id })).status).toBe(303);
  expect((await shareLoader(editor, list.id)).role).toBe("owner");
  expect(await shareAction(owner, list.id, { intent: "leave" })).toEqual({ status: 303, location: "/tasks" });
  expect((await thrown(() => shareLoader(owner, list.id))).status).toBe(404);
});

test("a withdrawn invitation answered from a stale page says so; declining removes it", async () => {
  const [owner, invitee] = await Promise.all([signedIn(), signedIn()]);
  const list = await listOf(owner, "Choir");
  const access = await resolveListAccess(owner.id, list.id);
  const first = await invite(access, { email: invitee.email, role: "editor" });
  await revoke(access, first.id);
  const stale = await invitationsAction(invitee, { intent: "accept", invitationId: first.id });
  expect(stale.status).toBe(404);
  expect(String(stale.body?.formError)).toMatch(/^Invitation not found/);

  const second = await invite(access, { email: invitee.email, role: "viewer" });
  expect(await invitationsAction(invitee, { intent: "decline", invitationId: second.id })).toEqual({
    status: 303,
    location: "/invitations",
  });
  expect(await pendingInvitationsFor(invitee)).toEqual([]);
  expect((await shareLoader(owner, list.id)).invitations).toEqual([]);
});

test("the Inbox's Share page says it is personal and offers nothing to share", async () => {
  const user = await signedIn();
  const page = await shareLoader(user, "inbox");
  expect(page.list).toEqual({ urlId: "inbox", name: "Inbox", inbox: true, archived: false });
  expect(page.members).toEqual([{ userId: user.id, email: user.email, role: "owner" }]);
  const refused = await shareAction(user, "inbox", { intent: "invite", email: newEmail(), role: "viewer" });
  expect(refused.status).toBe(403);
});
