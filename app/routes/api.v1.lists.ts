import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET /api/v1/lists and POST /api/v1/lists; the code loads on the first API request.
const api = () => import("#app/.server/api-lists.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getLists(args);
export const action = async (args: ActionFunctionArgs) => (await api()).postList(args);
