import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { redirectIfSignedIn } from "#app/.server/auth.ts";
import { commitDeviceCookie, requestClient } from "#app/.server/device-cookie.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { commitSessionCookie, readSessionId } from "#app/.server/session.ts";
import { clearPendingSignInCookie, readPendingSignInCookie } from "#app/.server/sign-in-challenge.ts";
import { CodeField } from "#app/components/account-fields.tsx";
import { AuthCard, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton } from "#app/components/form-field.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { pageMeta } from "#app/page-meta.ts";
import { SignInChallengeExpiredError } from "#src/errors.ts";
import { completeTwoStepSignIn, endSession, landingPage, readPendingSignIn } from "#src/sessions/session-service.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () => pageMeta("Enter your code · Task Tracker");

/** Back to the password form, saying why, with the email filled in again. */
async function startAgain(error: SignInChallengeExpiredError, hadPending: boolean) {
  const params = new URLSearchParams();
  // Without a pending sign-in at all, this page was simply opened directly: no message needed.
  if (hadPending) params.set("notice", "two-step-expired");
  if (error.email) params.set("email", error.email);
  if (error.redirectTo && error.redirectTo !== "/tasks") params.set("redirectTo", error.redirectTo);
  const query = params.size ? `?${params}` : "";
  return redirect(`/login${query}`, { status: 303, headers: { "Set-Cookie": await clearPendingSignInCookie() } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request, context);
  const pending = await readPendingSignInCookie(request);
  try {
    return { email: readPendingSignIn(pending).email };
  } catch (error) {
    if (error instanceof SignInChallengeExpiredError) throw await startAgain(error, pending !== null);
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const pending = await readPendingSignInCookie(request);
  const previous = await readSessionId(request);
  let signedIn: Awaited<ReturnType<typeof completeTwoStepSignIn>>;
  try {
    signedIn = await completeTwoStepSignIn(pending, pick(form, ["code"]), await requestClient(request, context));
  } catch (error) {
    if (error instanceof SignInChallengeExpiredError) return startAgain(error, true);
    // A wrong code: the same pending sign-in may be answered again, within its 3 minutes.
    return formFailure(error, {});
  }
  if (previous) await endSession(previous).catch(() => undefined);
  const headers = new Headers();
  headers.append("Set-Cookie", await commitSessionCookie(signedIn.sessionId));
  headers.append("Set-Cookie", await clearPendingSignInCookie());
  headers.append("Set-Cookie", await commitDeviceCookie(signedIn.devices));
  return redirect(landingPage(signedIn.user, signedIn.redirectTo), { status: 303, headers });
}

export default function SignInCodeRoute() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = usePendingForm("/login/code");
  const formRef = useFocusOnError(actionData);
  // A refused code is not sent back; with JavaScript the field is cleared too, as without it.
  useEffect(() => {
    const code = formRef.current?.elements.namedItem("code");
    if (actionData && code instanceof HTMLInputElement) code.value = "";
  }, [actionData, formRef]);
  return (
    <AuthCard
      title="Two-step sign-in"
      intro={
        <>
          Signing in as <span className="font-semibold break-all">{email}</span>. Enter the 6-digit code from your
          authenticator app.
        </>
      }
      footer={
        <Link to="/login" className={linkClass}>
          Start again with a different account
        </Link>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        <FormAlert message={actionData?.fieldErrors?.code ? undefined : actionData?.formError} />
        <CodeField label="Code from your authenticator app" errors={actionData?.fieldErrors?.code} />
        <SubmitButton pending={pending} label="Verify and sign in" pendingLabel="Verifying…" />
      </Form>
      <p className="mt-6 text-sm">
        Lost your authenticator app?{" "}
        <Link to="/login/recovery" className={linkClass}>
          Use a recovery code
        </Link>
      </p>
    </AuthCard>
  );
}
