import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// The OpenAPI 3.1 document, built from the API's zod schemas on first request.
const api = () => import("#app/.server/api-tasks.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).getOpenApi(args);
export const action = async (args: ActionFunctionArgs) => (await api()).getOpenApi(args);
