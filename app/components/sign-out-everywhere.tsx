import { Form } from "@remix-run/react";
import { secondaryButtonClass } from "#app/components/form-field.tsx";

/**
 * "Sign out everywhere" on the account page: a plain form to /logout, so it works without
 * JavaScript. Ends every session of the account, this one included, and every token issued so far.
 */
export function SignOutEverywhereForm({ pending }: { pending: boolean }) {
  return (
    <Form method="post" action="/logout" className="space-y-3">
      <input type="hidden" name="intent" value="everywhere" />
      <p id="sign-out-everywhere-hint" className="muted text-sm">
        Signs you out on every device, this one too, and stops any API token issued before now. Use it if you signed in
        on a computer that is not yours, or think someone else has.
      </p>
      <button
        type="submit"
        disabled={pending}
        aria-describedby="sign-out-everywhere-hint"
        className={`${secondaryButtonClass} w-full sm:w-auto`}
      >
        {pending ? "Signing out everywhere…" : "Sign out everywhere"}
      </button>
    </Form>
  );
}
