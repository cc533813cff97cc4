import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectIfSignedIn } from "#app/.server/auth.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { commitSignUpTicketCookie } from "#app/.server/sign-up-ticket.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { AuthCard, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton } from "#app/components/form-field.tsx";
import { EmailField, PasswordField } from "#app/components/account-fields.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { signUp } from "#src/auth/sign-up-and-reset-service.ts";
import { PASSWORD_RULES } from "#src/auth/credentials.ts";
import { pageMeta } from "#app/page-meta.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () =>
  pageMeta("Create an account · Task Tracker", "Create a free Task Tracker account and keep your tasks in one place.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request, context);
  return { passwordRules: PASSWORD_RULES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  try {
    const { email, ticket } = await signUp(pick(form, ["email", "password"]), { ip: context.clientIp });
    // The ticket signs the account in once confirmed (no second password entry).
    return redirect(`/signup/confirm?${new URLSearchParams({ email })}`, {
      status: 303,
      headers: { "Set-Cookie": await commitSignUpTicketCookie(ticket) },
    });
  } catch (error) {
    return formFailure(error, { email: form.email ?? "" });
  }
}

export default function SignUpRoute() {
  // From the loader: importing the rules here would ship zod to the browser.
  const { passwordRules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = usePendingForm("/signup");

  const formRef = useFocusOnError(actionData);
  return (
    <AuthCard
      title="Create your account"
      intro="Keep your tasks in one place. We'll email you a code to confirm your address."
      footer={
        <>
          Already have an account?{" "}
          <Link to="/login" className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        <FormAlert message={actionData?.formError} />
        <EmailField defaultValue={actionData?.values.email ?? ""} errors={actionData?.fieldErrors?.email} />
        <PasswordField autoComplete="new-password" hint={passwordRules} errors={actionData?.fieldErrors?.password} />
        <SubmitButton pending={pending} label="Create account" pendingLabel="Creating account…" />
      </Form>
    </AuthCard>
  );
}
