import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// POST /api/v1/parse. Its code, the quick-add parser and its date library load on its first request.
const api = () => import("#app/.server/api-parse.ts");

export const action = async (args: ActionFunctionArgs) => (await api()).parseText(args);
// A GET is answered (405 with Allow) rather than falling through to the pages' 404.
export const loader = async (args: LoaderFunctionArgs) => (await api()).parseText(args);
