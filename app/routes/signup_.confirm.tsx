import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { commitDeviceCookie, requestClient } from "#app/.server/device-cookie.ts";
import { setFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { commitSessionCookie } from "#app/.server/session.ts";
import { clearSignUpTicketCookie, readSignUpTicketCookie } from "#app/.server/sign-up-ticket.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { AuthCard, Notice, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton } from "#app/components/form-field.tsx";
import { EmailField, CodeField } from "#app/components/account-fields.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { confirmSignUp, resendConfirmationCode } from "#src/auth/sign-up-and-reset-service.ts";
import { signInAfterConfirmation } from "#src/sessions/session-service.ts";
import { pageMeta } from "#app/page-meta.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () => pageMeta("Confirm your email · Task Tracker");

export function loader({ request }: LoaderFunctionArgs) {
  return { email: new URL(request.url).searchParams.get("email") ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = { email: form.email ?? "", code: form.code ?? "" };
  let email: string;
  try {
    if (form.intent === "resend") {
      const { email } = await resendConfirmationCode(pick(form, ["email"]), { ip: context.clientIp });
      return { ok: true as const, resentTo: email, values };
    }
    ({ email } = await confirmSignUp(pick(form, ["email", "code"]), { ip: context.clientIp }));
  } catch (error) {
    return formFailure(error, values);
  }
  // Signed in with the sign-up form's ticket, straight to the tasks; failing that, the sign-in form.
  const opened = await signInAfterConfirmation(
    await readSignUpTicketCookie(request),
    email,
    await requestClient(request, context),
  );
  const headers = new Headers({ "Set-Cookie": await clearSignUpTicketCookie() });
  if (!opened)
    return redirect(`/login?${new URLSearchParams({ notice: "confirmed", email })}`, { status: 303, headers });
  headers.append("Set-Cookie", await commitSessionCookie(opened.signedIn.sessionId));
  headers.append("Set-Cookie", await commitDeviceCookie(opened.devices));
  headers.append("Set-Cookie", await setFlash({ kind: "welcome" }));
  return redirect("/tasks", { status: 303, headers });
}

export default function ConfirmSignUpRoute() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirming = usePendingForm("/signup/confirm", "confirm");
  const resending = usePendingForm("/signup/confirm", "resend");
  const values = actionData?.values ?? { email, code: "" };
  const failure = actionData && !actionData.ok ? actionData : undefined;

  const formRef = useFocusOnError(failure);
  return (
    <AuthCard
      title="Confirm your email"
      intro="We sent a 6-digit code to your email address. Enter it here to activate your account."
      footer={
        <Link to="/login" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        {actionData?.ok && <Notice>We sent a new code to {actionData.resentTo}.</Notice>}
        <FormAlert message={failure?.formError} />
        <EmailField defaultValue={values.email} errors={failure?.fieldErrors?.email} />
        <CodeField label="Confirmation code" defaultValue={values.code} errors={failure?.fieldErrors?.code} />
        <SubmitButton pending={confirming} label="Confirm" pendingLabel="Confirming…" />
        <input type="hidden" name="intent" value="confirm" />
      </Form>
      <Form method="post" className="mt-4 text-center text-sm">
        <input type="hidden" name="email" value={values.email} />
        <input type="hidden" name="intent" value="resend" />
        Didn't get it?{" "}
        <button type="submit" disabled={resending} className={`${linkClass} disabled:opacity-70`}>
          {resending ? "Sending…" : "Send a new code"}
        </button>
      </Form>
    </AuthCard>
  );
}
