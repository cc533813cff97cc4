// What the Share and invitations pages call, in one chunk their routes import() on first use, so
// the membership service, its repositories and SES stay out of the code every cold start loads.
export { resolveListAccess } from "#src/lists/list-access.ts";
export {
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
} from "#src/lists/membership-service.ts";
