import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// PATCH and DELETE /api/v1/lists/{listId}/members/{userId}; the code loads on the first API request.
const api = () => import("#app/.server/api-sharing.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).memberNotReadable(args);
export const action = async (args: ActionFunctionArgs) => (await api()).changeMember(args);
