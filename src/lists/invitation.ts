/**
 * Invitations to a list (docs/decisions/2026-12-07-lists-as-the-unit-of-access.md): the owner
 * invites an email address as an editor or a viewer; the person signed in with that verified
 * email accepts or declines. This module is the model without storage.
 */

/** An invitation lasts 7 days; DynamoDB's TTL removes it later still, so every read checks. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Invitation ids are ULIDs prefixed "i_". */
export const INVITATION_ID_PATTERN = /^i_[0-9A-HJKMNP-TV-Z]{26}$/;

/** An invitation never makes an owner: ownership only moves by handing over. */
export const INVITED_ROLES = ["editor", "viewer"] as const;
export type InvitedRole = (typeof INVITED_ROLES)[number];

export interface Invitation {
  id: string;
  listId: string;
  /** The list's name when invited (the invitee's copy shows it; readers prefer the list's own). */
  listName: string;
  /** Normalised: trimmed and lower-cased, as sign-in normalises it. */
  email: string;
  role: InvitedRole;
  /** The inviting owner's user id and email. */
  invitedBy: string;
  invitedByEmail: string;
  createdAt: string;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt: number;
}

export function isInvitedRole(value: unknown): value is InvitedRole {
  return value === "editor" || value === "viewer";
}

/** True while the invitation may still be accepted. */
export function isLive(invitation: Pick<Invitation, "expiresAt">, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  return invitation.expiresAt > nowSeconds;
}
