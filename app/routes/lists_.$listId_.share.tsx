import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import { SharePage } from "#app/components/share-page.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { pageMeta } from "#app/page-meta.ts";
import { getEnv } from "#src/env.ts";
import type { ListAccess } from "#src/lists/list-access.ts";

/** Loaded with this page, not at every cold start: sharing is a rare page. */
const loadSharing = () => import("#app/.server/sharing.ts");

// A refusal's Retry-After (the daily cap on invitations) reaches the browser.
export const headers = passRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data: page }) =>
  pageMeta(`Share ${page ? `“${page.list.name}”` : "a list"} · Task Tracker`);

/** The list's id as URLs say it: "inbox" for the Inbox (never the user's sub). */
const urlIdOf = (access: ListAccess) => (access.list ? access.listId : "inbox");

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

/** The session, the list item (access, members) and, for the owner, one Query of the invitations. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return orErrorResponse(async () => {
    const { resolveListAccess, listInvitations, members } = await loadSharing();
    const access = await resolveListAccess(user.id, params.listId ?? "");
    const invitations = access.role === "owner" && access.list ? await listInvitations(access) : [];
    return {
      list: {
        urlId: urlIdOf(access),
        name: access.name,
        inbox: access.list === null,
        archived: Boolean(access.list?.archivedAt),
      },
      role: access.role,
      userId: user.id,
      members: members(access, user.email),
      invitations: invitations.map(({ id, email, role, expiresAt }) => ({
        id,
        email,
        role,
        expires: expiresText(expiresAt, user.timeZone),
      })),
      maxMembers: getEnv().LIST_MAX_MEMBERS,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.intent ?? "";
  const values = { intent, email: form.email ?? "", role: form.role ?? "" };
  const user = await requireUser(request, context);
  try {
    const { resolveListAccess, changeRole, handOver, invite, removeMember, revoke } = await loadSharing();
    const access = await resolveListAccess(user.id, params.listId ?? "");
    const back = `/lists/${urlIdOf(access)}/share`;
    const emailOf = (userId: string) =>
      (access.list && Object.hasOwn(access.list.members, userId) ? access.list.members[userId]?.email : "") ?? "";
    const userId = form.userId ?? "";
    switch (intent) {
      case "invite": {
        const invitation = await invite(access, pick(form, ["email", "role"]), {
          appOrigin: new URL(request.url).origin,
        });
        return redirectWithFlash(back, {
          kind: "sharing",
          action: "invited",
          title: invitation.email,
          detail: invitation.role,
        });
      }
      case "revoke": {
        const invitation = await revoke(access, form.invitationId ?? "");
        return redirectWithFlash(back, { kind: "sharing", action: "revoked", title: invitation.email });
      }
      case "change-role": {
        const member = await changeRole(access, userId, pick(form, ["role"]));
        return redirectWithFlash(back, { kind: "sharing", action: "role", title: member.email, detail: member.role });
      }
      case "remove": {
        const email = emailOf(userId);
        await removeMember(access, userId);
        return redirectWithFlash(back, { kind: "sharing", action: "removed", title: email });
      }
      case "leave":
        await removeMember(access, user.id);
        return redirectWithFlash("/tasks", { kind: "sharing", action: "left", title: access.name });
      case "hand-over":
        await handOver(access, userId);
        return redirectWithFlash(back, { kind: "sharing", action: "handed-over", title: emailOf(userId) });
      default:
        throw data("That is not something this page can do.", { status: 400 });
    }
  } catch (error) {
    return formFailure(error, values);
  }
}

export default function ShareRoute() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionAnswer<typeof action>();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const formRef = useFocusOnError(failure?.values.intent === "invite" ? failure : undefined);
  return (
    <SharePage
      {...page}
      formRef={formRef}
      failure={
        failure
          ? {
              intent: failure.values.intent,
              formError: failure.formError,
              email: failure.values.email,
              role: failure.values.role,
              fieldErrors: failure.fieldErrors,
            }
          : undefined
      }
    />
  );
}
