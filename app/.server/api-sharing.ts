import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  API_BASE,
  apiRoute,
  jsonResponse,
  methodNotAllowed,
  readJsonObject,
  requireApiUser,
} from "#app/.server/api.ts";
import { problem } from "#app/.server/api-errors.ts";
import { toInvitationResource, toPendingInvitationResource } from "#src/api/sharing-resource.ts";
import { readVerifiedEmail } from "#src/auth/cognito.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import {
  accept,
  changeRole,
  decline,
  invite,
  listInvitations,
  members,
  pendingInvitationsFor,
  removeMember,
  revoke,
  type MemberUser,
} from "#src/lists/membership-service.ts";

/**
 * The JSON API's sharing operations: a list's members and invitations (the list's access is
 * resolved once per request from the list item), and the caller's own invitations, which need
 * the caller's verified email (read from Cognito with the same access token: its claims carry
 * none). Each handler is "authenticate, parse, call the membership service, map errors".
 */

const noContent = () => new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });

function bearerToken(request: Request): string {
  return /^Bearer +(\S+)/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
}

/** The caller with their verified email; an account without one has no invitations to answer. */
async function requireApiMember(request: Request): Promise<MemberUser> {
  const user = await requireApiUser(request);
  const email = await readVerifiedEmail(bearerToken(request));
  if (!email) {
    throw problem("forbidden", "This account has no verified email address, so it cannot answer invitations.");
  }
  return { id: user.id, email };
}

/** GET /api/v1/lists/{listId}/members */
export function getMembers({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    // The Inbox has no stored members: its one member is the caller, whose email Cognito knows.
    const email = access.list ? "" : ((await readVerifiedEmail(bearerToken(request))) ?? "");
    return jsonResponse({ members: members(access, email) });
  });
}

/** The members collection takes only GET. */
export function membersNotAllowed({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request, ["GET", "HEAD"]);
}

/** PATCH /api/v1/lists/{listId}/members/{userId} { role }; DELETE removes (or leaves, for oneself). */
export function changeMember({ request, params }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "PATCH" && request.method !== "DELETE") {
      return methodNotAllowed(request, ["PATCH", "DELETE"]);
    }
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    const userId = params.userId ?? "";
    if (request.method === "DELETE") {
      await removeMember(access, userId);
      return noContent();
    }
    const body = await readJsonObject(request, ["application/json", "application/merge-patch+json"]);
    return jsonResponse(await changeRole(access, userId, body));
  });
}

/** The one member's URL answers no GET. */
export function memberNotReadable({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["PATCH", "DELETE"]);
}

/** GET /api/v1/lists/{listId}/invitations (the owner only). */
export function getListInvitations({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    return jsonResponse({ invitations: (await listInvitations(access)).map(toInvitationResource) });
  });
}

/** POST /api/v1/lists/{listId}/invitations { email, role } → 201 (the owner only). */
export function createInvitation({ request, params }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "POST") return methodNotAllowed(request, ["GET", "HEAD", "POST"]);
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    const body = await readJsonObject(request);
    const invitation = await invite(access, body, { appOrigin: new URL(request.url).origin });
    return jsonResponse(toInvitationResource(invitation), {
      status: 201,
      headers: { Location: `${API_BASE}/lists/${params.listId ?? ""}/invitations/${invitation.id}` },
    });
  });
}

/** DELETE /api/v1/lists/{listId}/invitations/{invitationId}: withdraws it (the owner only). */
export function deleteInvitation({ request, params }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "DELETE") return methodNotAllowed(request, ["DELETE"]);
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    await revoke(access, params.invitationId ?? "");
    return noContent();
  });
}

/** The one invitation's URL answers no GET. */
export function invitationNotReadable({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["DELETE"]);
}

/** GET /api/v1/invitations: the caller's pending invitations. */
export function getMyInvitations({ request }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiMember(request);
    return jsonResponse({ invitations: (await pendingInvitationsFor(user)).map(toPendingInvitationResource) });
  });
}

export function myInvitationsNotWritable({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request, ["GET", "HEAD"]);
}

/** POST /api/v1/invitations/{id}/accept and …/decline. */
export function answerInvitation(answer: "accept" | "decline") {
  return ({ request, params }: ActionFunctionArgs) =>
    apiRoute(async () => {
      if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
      const user = await requireApiMember(request);
      const id = params.invitationId ?? "";
      if (answer === "decline") {
        await decline(user, id);
        return noContent();
      }
      const joined = await accept(user, id);
      return jsonResponse({ listId: joined.listId, listName: joined.name });
    });
}

/** A GET of accept or decline: they are actions, POST only. */
export function answerNotReadable({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["POST"]);
}
