import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET, PATCH and DELETE /api/v1/lists/{listId}; the code loads on the first API request.
const api = () => import("#app/.server/api-lists.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getList(args);
export const action = async (args: ActionFunctionArgs) => (await api()).changeList(args);
