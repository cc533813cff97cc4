import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requestClient } from "#app/.server/device-cookie.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { AuthCard, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton } from "#app/components/form-field.tsx";
import { EmailField } from "#app/components/account-fields.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { requestPasswordReset } from "#src/auth/sign-up-and-reset-service.ts";
import { pageMeta } from "#app/page-meta.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () => pageMeta("Reset your password · Task Tracker");

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  try {
    // The same answer whether or not the account exists.
    const { email } = await requestPasswordReset(pick(form, ["email"]), await requestClient(request, context));
    return redirect(`/reset-password?${new URLSearchParams({ email })}`, 303);
  } catch (error) {
    return formFailure(error, { email: form.email ?? "" });
  }
}

export default function ForgotPasswordRoute() {
  const actionData = useActionData<typeof action>();
  const pending = usePendingForm("/forgot-password");
  const formRef = useFocusOnError(actionData);
  return (
    <AuthCard
      title="Forgot your password?"
      intro="Enter your email address. If it has an account, we'll send a code to reset the password."
      footer={
        <Link to="/login" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        <FormAlert message={actionData?.formError} />
        {actionData?.code === "auth.too_many_attempts" && (
          <p className="text-sm">
            The codes already sent still work: the newest one in your inbox resets the password.{" "}
            <Link
              to={`/reset-password?${new URLSearchParams({ email: actionData.values.email ?? "" })}`}
              className={linkClass}
            >
              Enter a code
            </Link>
          </p>
        )}
        <EmailField defaultValue={actionData?.values.email ?? ""} errors={actionData?.fieldErrors?.email} />
        <SubmitButton pending={pending} label="Send reset code" pendingLabel="Sending…" />
      </Form>
    </AuthCard>
  );
}
