import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET /api/v1/lists/{listId}/labels; the code loads on the first API request.
const api = () => import("#app/.server/api-labels.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getLabels(args);
export const action = async (args: ActionFunctionArgs) => (await api()).labelsNotWritable(args);
