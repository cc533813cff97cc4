import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET, PATCH and DELETE /api/v1/tasks/{id}; the code loads on the first API request.
const api = () => import("#app/.server/api-tasks.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getTask(args);
export const action = async (args: ActionFunctionArgs) => (await api()).changeTask(args);
