import { Form } from "@remix-run/react";
import { FormAlert, primaryButtonClass, secondaryButtonClass } from "#app/components/form-field.tsx";

/**
 * The signed-in user's invitations to other people's lists (/invitations), each with Accept and
 * Decline: plain forms, so they work without JavaScript.
 */

export interface InvitationView {
  id: string;
  listName: string;
  role: "editor" | "viewer";
  invitedBy: string;
  expires: string;
}

export function InvitationsPage({
  email,
  invitations,
  formError,
}: {
  email: string;
  invitations: InvitationView[];
  formError?: string;
}) {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Invitations</h1>
        <p className="muted mt-1 break-words">Lists other people invited you to, as {email}.</p>
      </div>
      <FormAlert message={formError} />
      {invitations.length === 0 ? (
        <p className="card p-5 sm:p-6">No invitations are waiting for you.</p>
      ) : (
        <ul className="space-y-4">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="card p-5 sm:p-6">
              <h2 className="text-lg font-semibold break-words">“{invitation.listName}”</h2>
              <p className="mt-1 text-sm break-words">
                {invitation.invitedBy || "Its owner"} invited you as{" "}
                {invitation.role === "editor" ? "an editor" : "a viewer"}
                {invitation.role === "editor"
                  ? ": you can add, change, complete and delete its tasks."
                  : ": you can read its tasks."}
              </p>
              <p className="muted mt-1 text-sm">Expires {invitation.expires}.</p>
              <div className="mt-4 flex flex-wrap gap-3">
                <Form method="post" action="/invitations">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className={primaryButtonClass}>
                    Accept<span className="sr-only"> the invitation to “{invitation.listName}”</span>
                  </button>
                </Form>
                <Form method="post" action="/invitations">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className={secondaryButtonClass}>
                    Decline<span className="sr-only"> the invitation to “{invitation.listName}”</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
