import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// GET and POST /api/v1/tasks. The API's code loads on its first request (app/.server/api-tasks.ts).
const api = () => import("#app/.server/api-tasks.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).listTasks(args);
export const action = async (args: ActionFunctionArgs) => (await api()).createTask(args);
