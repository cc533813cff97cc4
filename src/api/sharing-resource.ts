import * as z from "zod";
import { INVITED_ROLES, type Invitation } from "#src/lists/invitation.ts";
import { LIST_ROLES } from "#src/lists/list.ts";
import type { PendingInvitation } from "#src/lists/membership-service.ts";

/**
 * Members and invitations as the JSON API shows them (/api/v1/lists/{listId}/members,
 * …/invitations, /api/v1/invitations). Request bodies are validated by the membership service;
 * these schemas describe them for the OpenAPI document.
 */

export const memberResourceSchema = z
  .strictObject({
    userId: z.string().meta({ description: "The member's user id (their Cognito sub)." }),
    email: z.string(),
    role: z.enum(LIST_ROLES),
  })
  .meta({ id: "Member" });

export const memberListResourceSchema = z
  .strictObject({ members: z.array(memberResourceSchema).meta({ description: "The owner first." }) })
  .meta({ id: "MemberList" });

export const roleChangeSchema = z
  .strictObject({ role: z.enum(INVITED_ROLES).meta({ description: "Ownership moves only by handing over." }) })
  .meta({ id: "RoleChange" });

export const inviteRequestSchema = z
  .strictObject({
    email: z.string().max(254).meta({ description: "Whom to invite; case and surrounding spaces do not matter." }),
    role: z.enum(INVITED_ROLES),
  })
  .meta({ id: "InvitationCreate" });

export const invitationResourceSchema = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    role: z.enum(INVITED_ROLES),
    expiresAt: z.string().meta({ format: "date-time", description: "Seven days after it was (last) sent." }),
  })
  .meta({ id: "Invitation" });

export const invitationListResourceSchema = z
  .strictObject({ invitations: z.array(invitationResourceSchema) })
  .meta({ id: "InvitationList" });

export const pendingInvitationResourceSchema = z
  .strictObject({
    id: z.string(),
    listId: z.string(),
    listName: z.string(),
    role: z.enum(INVITED_ROLES),
    invitedBy: z.string().meta({ description: "The inviting owner's email." }),
    expiresAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "PendingInvitation" });

export const pendingInvitationListResourceSchema = z
  .strictObject({ invitations: z.array(pendingInvitationResourceSchema) })
  .meta({ id: "PendingInvitationList" });

export const acceptedInvitationResourceSchema = z
  .strictObject({ listId: z.string(), listName: z.string() })
  .meta({ id: "AcceptedInvitation" });

const isoSeconds = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

export function toInvitationResource(invitation: Invitation): z.output<typeof invitationResourceSchema> {
  const { id, email, role, expiresAt } = invitation;
  return { id, email, role, expiresAt: isoSeconds(expiresAt) };
}

export function toPendingInvitationResource(
  invitation: PendingInvitation,
): z.output<typeof pendingInvitationResourceSchema> {
  const { id, listId, listName, role, invitedBy, expiresAt } = invitation;
  return { id, listId, listName, role, invitedBy, expiresAt: isoSeconds(expiresAt) };
}
