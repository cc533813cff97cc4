import type { ProblemName } from "#src/api/problems.ts";

/**
 * The sharing part of the OpenAPI document (openapi.ts builds the rest and passes its helpers
 * in): a list's members and invitations, and the caller's own invitations.
 */

/** What openapi.ts hands the parts of the document it builds elsewhere (sharing, lists). */
export interface OpenApiHelpers {
  problemResponses: (names: ProblemName[]) => Record<string, unknown>;
  ref: (id: string) => { $ref: string };
  jsonBody: (schemaId: string, mediaTypes?: string[]) => unknown;
  always: ProblemName[];
}

const pathParameter = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

export const LIST_ID_PARAMETER = pathParameter("listId", "The list's id, or `inbox` for the caller's Inbox.");
const listId = LIST_ID_PARAMETER;
const FORBIDDEN_ROLE =
  "A member without the role this needs gets 403 (`forbidden`) saying which; a list the caller cannot see is 404, word for word like a missing one.";

/** A JSON response of one schema, with optional headers. */
export function jsonResponseOf(ref: OpenApiHelpers["ref"]) {
  return (description: string, schemaId: string, headers?: Record<string, unknown>) => ({
    description,
    ...(headers ? { headers } : {}),
    content: { "application/json": { schema: ref(schemaId) } },
  });
}

export function sharingPaths({ problemResponses, ref, jsonBody, always }: OpenApiHelpers): Record<string, unknown> {
  const json = jsonResponseOf(ref);
  return {
    "/api/v1/lists/{listId}/members": {
      get: {
        operationId: "listMembers",
        summary: "The list's members and their roles",
        description: "Any member may read them. " + FORBIDDEN_ROLE,
        parameters: [listId],
        responses: {
          "200": json("The members, the owner first.", "MemberList"),
          ...problemResponses(["not-found", ...always]),
        },
      },
    },
    "/api/v1/lists/{listId}/members/{userId}": {
      patch: {
        operationId: "changeMemberRole",
        summary: "Make a member an editor or a viewer (the owner only)",
        description: "The owner's own role changes only by handing the list over. " + FORBIDDEN_ROLE,
        parameters: [listId, pathParameter("userId", "The member's user id.")],
        requestBody: jsonBody("RoleChange", ["application/json", "application/merge-patch+json"]),
        responses: {
          "200": json("The member with the new role.", "Member"),
          ...problemResponses([
            "invalid-request",
            "malformed-body",
            "not-found",
            "payload-too-large",
            "unsupported-media-type",
            ...always,
          ]),
        },
      },
      delete: {
        operationId: "removeMember",
        summary: "Remove a member (the owner), or leave (one's own user id)",
        description:
          "Takes effect on the next request. The owner cannot leave: they hand the list over to an editor first. " +
          FORBIDDEN_ROLE,
        parameters: [listId, pathParameter("userId", "The member's user id; the caller's own to leave.")],
        responses: { "204": { description: "Removed." }, ...problemResponses(["not-found", ...always]) },
      },
    },
    "/api/v1/lists/{listId}/invitations": {
      get: {
        operationId: "listInvitations",
        summary: "The list's invitations still waiting (the owner only)",
        description: FORBIDDEN_ROLE,
        parameters: [listId],
        responses: {
          "200": json("Unexpired invitations, oldest first.", "InvitationList"),
          ...problemResponses(["not-found", ...always]),
        },
      },
      post: {
        operationId: "createInvitation",
        summary: "Invite an email address as an editor or a viewer (the owner only)",
        description:
          "The invitee accepts it signed in with that verified email, within 7 days. Inviting the same address again refreshes its invitation (new role, 7 more days). The Inbox cannot be shared. Each user may send a limited number a day (429); a list has a limited number of members, invitations waiting included (400). " +
          FORBIDDEN_ROLE,
        parameters: [listId],
        requestBody: jsonBody("InvitationCreate"),
        responses: {
          "201": json("The invitation.", "Invitation", {
            Location: { description: "The invitation's URL.", required: true, schema: { type: "string" } },
          }),
          ...problemResponses([
            "invalid-request",
            "malformed-body",
            "not-found",
            "payload-too-large",
            "unsupported-media-type",
            ...always,
          ]),
        },
      },
    },
    "/api/v1/lists/{listId}/invitations/{invitationId}": {
      delete: {
        operationId: "revokeInvitation",
        summary: "Withdraw an invitation (the owner only)",
        description: FORBIDDEN_ROLE,
        parameters: [listId, pathParameter("invitationId", "The invitation's id.")],
        responses: { "204": { description: "Withdrawn." }, ...problemResponses(["not-found", ...always]) },
      },
    },
    "/api/v1/invitations": {
      get: {
        operationId: "listMyInvitations",
        summary: "The invitations waiting for the caller's verified email",
        responses: {
          "200": json("Unexpired invitations, soonest to expire first.", "PendingInvitationList"),
          ...problemResponses(always),
        },
      },
    },
    "/api/v1/invitations/{invitationId}/accept": {
      post: {
        operationId: "acceptInvitation",
        summary: "Join the list with the invited role",
        description:
          "Only for the invited (verified) email, before the invitation expires. Accepting again finishes an accept that was interrupted. A full list refuses with 400.",
        parameters: [pathParameter("invitationId", "The invitation's id.")],
        responses: {
          "200": json("The list joined.", "AcceptedInvitation"),
          ...problemResponses(["invalid-request", "not-found", ...always]),
        },
      },
    },
    "/api/v1/invitations/{invitationId}/decline": {
      post: {
        operationId: "declineInvitation",
        summary: "Decline an invitation",
        parameters: [pathParameter("invitationId", "The invitation's id.")],
        responses: { "204": { description: "Declined." }, ...problemResponses(["not-found", ...always]) },
      },
    },
  };
}
