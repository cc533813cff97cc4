import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET /api/v1/lists/{listId}/members; the code loads on the first API request.
const api = () => import("#app/.server/api-sharing.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getMembers(args);
export const action = async (args: ActionFunctionArgs) => (await api()).membersNotAllowed(args);
