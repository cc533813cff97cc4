import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET /api/v1/invitations: the caller's pending invitations; the code loads on the first API request.
const api = () => import("#app/.server/api-sharing.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getMyInvitations(args);
export const action = async (args: ActionFunctionArgs) => (await api()).myInvitationsNotWritable(args);
