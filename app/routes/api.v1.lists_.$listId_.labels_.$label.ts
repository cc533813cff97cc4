import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// PATCH and DELETE /api/v1/lists/{listId}/labels/{label}; the code loads on the first API request.
const api = () => import("#app/.server/api-labels.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).labelNotReadable(args);
export const action = async (args: ActionFunctionArgs) => (await api()).changeLabel(args);
