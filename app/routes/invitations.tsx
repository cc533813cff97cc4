import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import { InvitationsPage } from "#app/components/invitations-page.tsx";
import { pageMeta } from "#app/page-meta.ts";
import { NotFoundError } from "#src/errors.ts";

/** Loaded with this page, not at every cold start. */
const loadSharing = () => import("#app/.server/sharing.ts");

export const headers = passRetryAfter;

export const meta: MetaFunction = () => pageMeta("Invitations · Task Tracker");

function expiresText(epochSeconds: number, timeZone: string | null): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: timeZone ?? "UTC",
  }).format(new Date(epochSeconds * 1000));
}

/** The session, one Query of the invitee's copies, and one BatchGetItem when there are any. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { pendingInvitationsFor } = await loadSharing();
  return orErrorResponse(async () => ({
    email: user.email,
    invitations: (await pendingInvitationsFor(user)).map(({ id, listName, role, invitedBy, expiresAt }) => ({
      id,
      listName,
      role,
      invitedBy,
      expires: expiresText(expiresAt, user.timeZone),
    })),
  }));
}

/** Accept (then to the list) or decline (then back here), as the user with their verified email. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.intent ?? "";
  const user = await requireUser(request, context);
  const invitationId = form.invitationId ?? "";
  try {
    const { accept, decline } = await loadSharing();
    if (intent === "accept") {
      const joined = await accept(user, invitationId);
      // To the list itself: what the invitee joined for (its Share page is one link away).
      return redirectWithFlash(`/lists/${joined.listId}`, {
        kind: "sharing",
        action: "accepted",
        title: joined.name,
        detail: joined.role,
      });
    }
    if (intent === "decline") {
      const { listName } = await decline(user, invitationId);
      return redirectWithFlash("/invitations", { kind: "sharing", action: "declined", title: listName });
    }
    throw data("That is not something this page can do.", { status: 400 });
  } catch (error) {
    // Gone (withdrawn, expired, answered elsewhere): say so above the invitations still waiting.
    if (error instanceof NotFoundError) {
      return data({ ok: false as const, formError: error.message, values: { intent } }, { status: 404 });
    }
    return formFailure(error, { intent });
  }
}

export default function InvitationsRoute() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionAnswer<typeof action>();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return <InvitationsPage {...page} formError={failure?.formError} />;
}
