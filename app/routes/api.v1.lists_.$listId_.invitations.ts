import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET and POST /api/v1/lists/{listId}/invitations; the code loads on the first API request.
const api = () => import("#app/.server/api-sharing.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getListInvitations(args);
export const action = async (args: ActionFunctionArgs) => (await api()).createInvitation(args);
