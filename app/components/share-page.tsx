import { Form, Link } from "@remix-run/react";
import type { Ref } from "react";
import { SettingsSection } from "#app/components/account-settings.tsx";
import {
  FieldError,
  FormAlert,
  TextField,
  dangerButtonClass,
  primaryButtonClass,
  secondaryButtonClass,
} from "#app/components/form-field.tsx";

/**
 * The Share page of a list (/lists/:listId/share): its members with their roles, and for the
 * owner the controls to invite, change roles, remove, hand over and withdraw invitations. Every
 * control is a plain form (POST, then a redirect back with a message), so it works without
 * JavaScript; a member who is not the owner sees the members and "Leave this list" only.
 */

export type ShareRole = "owner" | "editor" | "viewer";

export interface ShareMember {
  userId: string;
  email: string;
  role: ShareRole;
}

export interface ShareInvitation {
  id: string;
  email: string;
  role: "editor" | "viewer";
  expires: string;
}

export interface SharePageProps {
  list: { urlId: string; name: string; inbox: boolean; archived: boolean };
  role: ShareRole;
  userId: string;
  members: ShareMember[];
  invitations: ShareInvitation[];
  maxMembers: number;
  /** The failed form, if any: which action, its message, the invite form's input and errors. */
  failure?: {
    intent: string;
    formError?: string;
    email: string;
    role: string;
    fieldErrors?: Partial<Record<string, string[]>>;
  };
  formRef?: Ref<HTMLFormElement>;
}

const ROLE_HINTS: Record<ShareRole, string> = {
  owner: "Owner: shares the list and manages its members.",
  editor: "Editor: adds, changes, completes, deletes and moves tasks.",
  viewer: "Viewer: reads the tasks only.",
};

const roleLabel = (role: ShareRole) => role.charAt(0).toUpperCase() + role.slice(1);

function MemberRow({
  member,
  action,
  isOwner,
  isSelf,
}: {
  member: ShareMember;
  action: string;
  isOwner: boolean;
  isSelf: boolean;
}) {
  const controls = isOwner && member.role !== "owner";
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium break-all">
          {member.email || "(no email)"}
          {isSelf && <span className="muted font-normal"> (you)</span>}
        </p>
        <p className="muted text-sm">{roleLabel(member.role)}</p>
      </div>
      {controls && (
        <div className="flex flex-wrap items-center gap-2">
          <Form method="post" action={action} className="flex items-center gap-2">
            <input type="hidden" name="intent" value="change-role" />
            <input type="hidden" name="userId" value={member.userId} />
            <label htmlFor={`role-${member.userId}`} className="sr-only">
              Role of {member.email}
            </label>
            <select id={`role-${member.userId}`} name="role" defaultValue={member.role} className="control">
              <option value="editor">Editor</option>
              <option value="viewer">Viewer</option>
            </select>
            <button type="submit" className="btn-compact">
              Change role<span className="sr-only"> of {member.email}</span>
            </button>
          </Form>
          {member.role === "editor" && (
            <Form method="post" action={action}>
              <input type="hidden" name="intent" value="hand-over" />
              <input type="hidden" name="userId" value={member.userId} />
              <button type="submit" className="btn-compact">
                Make owner<span className="sr-only">: {member.email}</span>
              </button>
            </Form>
          )}
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="userId" value={member.userId} />
            <button type="submit" className="btn-compact">
              Remove<span className="sr-only"> {member.email}</span>
            </button>
          </Form>
        </div>
      )}
    </li>
  );
}

export function SharePage({ list, role, userId, members, invitations, maxMembers, failure, formRef }: SharePageProps) {
  const action = `/lists/${list.urlId}/share`;
  const isOwner = role === "owner";
  const inviteFailure = failure?.intent === "invite" ? failure : undefined;
  const otherFailure = failure && failure.intent !== "invite" ? failure : undefined;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to={list.inbox ? "/tasks" : `/lists/${list.urlId}`} className="link">
            Back to {list.name}
          </Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight break-words">Share “{list.name}”</h1>
        <p className="muted mt-1">
          {list.inbox
            ? "Your Inbox is personal and cannot be shared: create a list to share instead."
            : isOwner
              ? `Invite people by email as editors or viewers; a list has at most ${maxMembers} members.`
              : `You are ${role === "editor" ? "an editor" : "a viewer"} of this list. ${ROLE_HINTS[role]}`}
        </p>
      </div>

      {otherFailure?.formError && <FormAlert message={otherFailure.formError} />}

      <SettingsSection id="members" title={`Members (${members.length})`}>
        <ul className="divide-y divide-slate-200 dark:divide-slate-700">
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              action={action}
              isOwner={isOwner && !list.archived}
              isSelf={member.userId === userId}
            />
          ))}
        </ul>
        {!isOwner && (
          <Form method="post" action={action} className="mt-4">
            <input type="hidden" name="intent" value="leave" />
            <p id="leave-hint" className="muted mb-3 text-sm">
              You lose access at once; the owner can invite you again.
            </p>
            <button type="submit" aria-describedby="leave-hint" className={`${dangerButtonClass} w-full sm:w-auto`}>
              Leave this list
            </button>
          </Form>
        )}
        {isOwner && !list.inbox && members.length > 1 && (
          <p className="muted mt-4 text-sm">
            To leave a list you own, first make an editor its owner (“Make owner”); you stay as an editor.
          </p>
        )}
      </SettingsSection>

      {isOwner && !list.inbox && !list.archived && (
        <SettingsSection id="invite" title="Invite someone">
          <Form ref={formRef} method="post" action={action} className="space-y-4" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <FormAlert
              message={inviteFailure && !inviteFailure.fieldErrors?.email ? inviteFailure.formError : undefined}
            />
            <TextField
              id="invite-email"
              name="email"
              type="email"
              label="Email address"
              hint="They accept it signed in with this address, within 7 days. Without an account, they sign up with it first."
              autoComplete="off"
              defaultValue={inviteFailure?.email ?? ""}
              errors={inviteFailure?.fieldErrors?.email}
              required
            />
            <fieldset>
              <legend className="block text-sm font-semibold">Role</legend>
              {(["editor", "viewer"] as const).map((option) => (
                <label key={option} className="mt-2 flex items-start gap-3 text-sm">
                  <input
                    type="radio"
                    name="role"
                    value={option}
                    defaultChecked={(inviteFailure?.role || "editor") === option}
                    className="mt-0.5 size-4 accent-indigo-600"
                  />
                  <span>{ROLE_HINTS[option]}</span>
                </label>
              ))}
              <FieldError id="invite-role-error" messages={inviteFailure?.fieldErrors?.role} />
            </fieldset>
            <button type="submit" className={`${primaryButtonClass} w-full sm:w-auto`}>
              Send invitation
            </button>
          </Form>
        </SettingsSection>
      )}

      {isOwner && !list.inbox && (
        <SettingsSection id="invitations" title={`Waiting for an answer (${invitations.length})`}>
          {invitations.length === 0 ? (
            <p className="muted text-sm">No invitations are waiting.</p>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-700">
              {invitations.map((invitation) => (
                <li
                  key={invitation.id}
                  className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0">
                    <p className="font-medium break-all">{invitation.email}</p>
                    <p className="muted text-sm">
                      {roleLabel(invitation.role)} · expires {invitation.expires}
                    </p>
                  </div>
                  <Form method="post" action={action}>
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className={secondaryButtonClass}>
                      Withdraw<span className="sr-only"> the invitation to {invitation.email}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </SettingsSection>
      )}
    </div>
  );
}
