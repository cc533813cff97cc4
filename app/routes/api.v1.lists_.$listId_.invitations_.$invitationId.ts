import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// DELETE /api/v1/lists/{listId}/invitations/{invitationId}; the code loads on the first API request.
const api = () => import("#app/.server/api-sharing.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).invitationNotReadable(args);
export const action = async (args: ActionFunctionArgs) => (await api()).deleteInvitation(args);
