import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { redirectIfSignedIn } from "#app/.server/auth.ts";
import { commitDeviceCookie, requestClient } from "#app/.server/device-cookie.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { commitSessionCookie, readSessionId } from "#app/.server/session.ts";
import { commitPendingSignInCookie } from "#app/.server/sign-in-challenge.ts";
import { AuthCard, Notice, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton } from "#app/components/form-field.tsx";
import { EmailField, PasswordField } from "#app/components/account-fields.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { safeRedirectPath } from "#src/auth/credentials.ts";
import { endSession, landingPage, startSignIn } from "#src/sessions/session-service.ts";
import { pageMeta } from "#app/page-meta.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () =>
  pageMeta("Sign in · Task Tracker", "Sign in to Task Tracker to see and update your tasks.");

const NOTICES: Record<string, string> = {
  confirmed: "Your email address is confirmed. Sign in to start.",
  reset: "Your password has been changed. Sign in with the new one.",
  "signed-out": "You have signed out.",
  "signed-out-everywhere":
    "You have signed out everywhere: every device is signed out, and API tokens issued before now no longer work.",
  "two-step-expired":
    "That sign-in took too long to finish: the code from your authenticator app must be entered within 3 minutes. Sign in again.",
};

function noticeFor(key: string | null): string | undefined {
  return key !== null && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"));
  await redirectIfSignedIn(request, context, redirectTo);
  return {
    redirectTo,
    email: url.searchParams.get("email") ?? "",
    notice: noticeFor(url.searchParams.get("notice")),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const redirectTo = safeRedirectPath(form.redirectTo);
  const previous = await readSessionId(request);
  let result: Awaited<ReturnType<typeof startSignIn>>;
  try {
    result = await startSignIn(pick(form, ["email", "password"]), redirectTo, await requestClient(request, context));
  } catch (error) {
    // Never send the password back.
    return formFailure(error, { email: form.email ?? "" });
  }
  // Two-step sign-in: the code form next; the session opens only once the code is right.
  if ("pending" in result) {
    return redirect("/login/code", {
      status: 303,
      headers: { "Set-Cookie": await commitPendingSignInCookie(result.pending) },
    });
  }
  const { sessionId } = result.signedIn;
  // A new session id at every sign-in; the one the browser held before is ended.
  if (previous) await endSession(previous).catch(() => undefined);
  const headers = new Headers();
  headers.append("Set-Cookie", await commitSessionCookie(sessionId));
  // The browser is now known to the account: a stranger's guesses cannot lock it out.
  headers.append("Set-Cookie", await commitDeviceCookie(result.devices));
  return redirect(landingPage(result.signedIn.user, redirectTo), { status: 303, headers });
}

export default function LoginRoute() {
  const { redirectTo, email, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = usePendingForm("/login");
  const values = actionData?.values ?? { email };
  const notConfirmed = actionData?.code === "auth.not_confirmed";
  const tooMany = actionData?.code === "auth.too_many_attempts";

  const formRef = useFocusOnError(actionData);
  // A failed sign-in never sends the password back; with JavaScript the field is cleared too,
  // so both kinds of browser behave alike.
  useEffect(() => {
    const password = formRef.current?.elements.namedItem("password");
    if (actionData && password instanceof HTMLInputElement) password.value = "";
  }, [actionData, formRef]);
  return (
    <AuthCard
      title="Sign in"
      intro="Welcome back. Sign in to see your tasks."
      footer={
        <>
          New here?{" "}
          <Link to="/signup" className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        {notice && !actionData && <Notice>{notice}</Notice>}
        <FormAlert message={actionData?.formError} />
        {notConfirmed && (
          <p className="text-sm">
            <Link to={`/signup/confirm?${new URLSearchParams({ email: values.email ?? "" })}`} className={linkClass}>
              Enter your confirmation code
            </Link>
          </p>
        )}
        {tooMany && (
          <p className="text-sm">
            Browsers you have signed in with before still can. Or{" "}
            <Link to="/forgot-password" className={linkClass}>
              reset your password by email
            </Link>{" "}
            to sign in here now.
          </p>
        )}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField autoComplete="username" defaultValue={values.email ?? ""} errors={actionData?.fieldErrors?.email} />
        <PasswordField autoComplete="current-password" errors={actionData?.fieldErrors?.password} />
        <div className="text-right text-sm">
          <Link to="/forgot-password" className={linkClass}>
            Forgot your password?
          </Link>
        </div>
        <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
      </Form>
    </AuthCard>
  );
}
