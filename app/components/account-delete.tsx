import { Form } from "@remix-run/react";
import type { Ref } from "react";
import { FormAlert, Spinner, TextField, dangerButtonClass } from "#app/components/form-field.tsx";

/**
 * Deleting the account: what goes and what stays with others, the export first, and the
 * password again (as turning two-step sign-in off asks). A plain form: it works without
 * JavaScript, and ends on the landing page, signed out.
 */
export function DeleteAccountForm({
  formRef,
  errors,
  formError,
  pending,
}: {
  formRef?: Ref<HTMLFormElement>;
  errors?: string[];
  formError?: string;
  pending: boolean;
}) {
  const linkClass = "font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300";
  return (
    <div className="space-y-4 text-sm">
      <p>Deleting your account cannot be undone. When it is done:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>your Inbox, and every list only you belong to, are deleted with their tasks;</li>
        <li>
          a shared list you own passes to its longest-standing editor, who keeps its tasks; a list you own that has no
          editor is deleted for its viewers too;
        </li>
        <li>you leave the lists others own, and your invitations, sent and received, are withdrawn;</li>
        <li>you are signed out everywhere, and you cannot sign in with this email address again until you sign up.</li>
      </ul>
      <p>
        Want a copy first?{" "}
        <a href="/tasks/export.json" download className={linkClass}>
          Download your tasks as JSON
        </a>{" "}
        or{" "}
        <a href="/tasks/export.csv" download className={linkClass}>
          as CSV
        </a>
        .
      </p>
      <Form ref={formRef} method="post" action="/account" noValidate className="space-y-4">
        <input type="hidden" name="intent" value="delete-account" />
        <FormAlert message={formError} />
        <TextField
          id="delete-account-password"
          name="password"
          type="password"
          label="Your password, to delete your account"
          autoComplete="current-password"
          errors={errors}
          aria-required="true"
        />
        <button type="submit" disabled={pending} className={`${dangerButtonClass} w-full sm:w-auto`}>
          {pending && <Spinner />}
          {pending ? "Deleting your account…" : "Delete my account"}
        </button>
      </Form>
    </div>
  );
}
