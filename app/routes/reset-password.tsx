import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { commitDeviceCookie, requestClient } from "#app/.server/device-cookie.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { AuthCard, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton } from "#app/components/form-field.tsx";
import { EmailField, PasswordField, CodeField } from "#app/components/account-fields.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { resetPassword } from "#src/auth/sign-up-and-reset-service.ts";
import { PASSWORD_RULES } from "#src/auth/credentials.ts";
import { pageMeta } from "#app/page-meta.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () => pageMeta("Choose a new password · Task Tracker");

export function loader({ request }: LoaderFunctionArgs) {
  return { email: new URL(request.url).searchParams.get("email") ?? "", passwordRules: PASSWORD_RULES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  try {
    const client = await requestClient(request, context);
    const { email, devices } = await resetPassword(pick(form, ["email", "code", "password"]), client);
    // This browser held the emailed code: it is now known to the account, for signing in next.
    return redirect(`/login?${new URLSearchParams({ notice: "reset", email })}`, {
      status: 303,
      headers: { "Set-Cookie": await commitDeviceCookie(devices) },
    });
  } catch (error) {
    return formFailure(error, { email: form.email ?? "", code: form.code ?? "" });
  }
}

export default function ResetPasswordRoute() {
  const { email, passwordRules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = usePendingForm("/reset-password");
  const values = actionData?.values ?? { email, code: "" };
  const formRef = useFocusOnError(actionData);
  return (
    <AuthCard
      title="Choose a new password"
      intro="If an account exists for this address, we emailed it a 6-digit code."
      footer={
        <Link to="/login" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        <FormAlert message={actionData?.formError} />
        <EmailField autoComplete="username" defaultValue={values.email} errors={actionData?.fieldErrors?.email} />
        <CodeField label="Reset code" defaultValue={values.code} errors={actionData?.fieldErrors?.code} />
        <PasswordField
          label="New password"
          autoComplete="new-password"
          hint={passwordRules}
          errors={actionData?.fieldErrors?.password}
        />
        <SubmitButton pending={pending} label="Change password" pendingLabel="Changing password…" />
      </Form>
    </AuthCard>
  );
}
