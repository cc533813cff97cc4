import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// Any other path under /api answers with a problem document, not the HTML "page not found".
const api = () => import("#app/.server/api-tasks.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).unknownEndpoint(args);
export const action = async (args: ActionFunctionArgs) => (await api()).unknownEndpoint(args);
