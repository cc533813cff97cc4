import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// POST /api/v1/invitations/{invitationId}/accept; the code loads on the first API request.
const api = () => import("#app/.server/api-sharing.ts");

export const loader = async (args: LoaderFunctionArgs) => (await api()).answerNotReadable(args);
export const action = async (args: ActionFunctionArgs) => (await api()).answerInvitation("accept")(args);
