import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { redirectIfSignedIn } from "#app/.server/auth.ts";
import { setFlash } from "#app/.server/flash.ts";
import { commitDeviceCookie, requestClient } from "#app/.server/device-cookie.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { formFailure, passRetryAfter } from "#app/.server/route-errors.ts";
import { commitSessionCookie, readSessionId } from "#app/.server/session.ts";
import { clearPendingSignInCookie, readPendingSignInCookie } from "#app/.server/sign-in-challenge.ts";
import { EmailField, PasswordField } from "#app/components/account-fields.tsx";
import { AuthCard, linkClass } from "#app/components/auth-card.tsx";
import { FormAlert, SubmitButton, TextField } from "#app/components/form-field.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";
import { pageMeta } from "#app/page-meta.ts";
import type { signInWithRecoveryCode } from "#src/sessions/recovery-sign-in.ts";
import { endSession, readPendingSignIn } from "#src/sessions/session-service.ts";

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;
export const headers = passRetryAfter;

export const meta: MetaFunction = () => pageMeta("Use a recovery code · Task Tracker");

/** The email of the sign-in that led here, if it is still live; else the user types it. */
function pendingEmail(pending: string | null): string {
  try {
    return readPendingSignIn(pending).email;
  } catch {
    return "";
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request, context);
  // Loaded with this page, not at every cold start.
  const { RECOVERY_CODE_FORMAT } = await import("#src/accounts/recovery-codes.ts");
  return {
    email: pendingEmail(await readPendingSignInCookie(request)),
    codeHint: `${RECOVERY_CODE_FORMAT[0]?.toUpperCase()}${RECOVERY_CODE_FORMAT.slice(1)}.`,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const previous = await readSessionId(request);
  let signedIn: Awaited<ReturnType<typeof signInWithRecoveryCode>>;
  try {
    // Loaded with this page, not at every cold start.
    const { signInWithRecoveryCode } = await import("#src/sessions/recovery-sign-in.ts");
    signedIn = await signInWithRecoveryCode(
      pick(form, ["email", "password", "recoveryCode"]),
      await requestClient(request, context),
    );
  } catch (error) {
    // Neither the password nor the code is sent back.
    return formFailure(error, { email: form.email ?? "" });
  }
  if (previous) await endSession(previous).catch(() => undefined);
  const headers = new Headers();
  headers.append("Set-Cookie", await commitSessionCookie(signedIn.sessionId));
  headers.append("Set-Cookie", await clearPendingSignInCookie());
  headers.append("Set-Cookie", await commitDeviceCookie(signedIn.devices));
  if (!signedIn.twoStepReset) return redirect("/tasks", { status: 303, headers });
  // Straight to the place to set it up again, with a notice saying why it is off.
  headers.append("Set-Cookie", await setFlash({ kind: "two-step-reset" }));
  return redirect("/account#two-step", { status: 303, headers });
}

export default function RecoveryCodeRoute() {
  const { email, codeHint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = usePendingForm("/login/recovery");
  const formRef = useFocusOnError(actionData);
  // Refused secrets are not sent back; with JavaScript the fields are cleared too, as without it.
  useEffect(() => {
    if (!actionData) return;
    for (const name of ["password", "recoveryCode"]) {
      const field = formRef.current?.elements.namedItem(name);
      if (field instanceof HTMLInputElement) field.value = "";
    }
  }, [actionData, formRef]);
  const fieldErrors = actionData?.fieldErrors;
  return (
    <AuthCard
      title="Use a recovery code"
      intro="Lost your authenticator app? Sign in with your password and one of the recovery codes you saved when you turned on two-step sign-in. Each code works once; two-step sign-in is then turned off until you set it up again."
      footer={
        <Link to="/login" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      <Form ref={formRef} method="post" noValidate className="space-y-4">
        <FormAlert
          message={
            fieldErrors?.email || fieldErrors?.password || fieldErrors?.recoveryCode ? undefined : actionData?.formError
          }
        />
        <EmailField
          autoComplete="username"
          defaultValue={actionData?.values.email ?? email}
          errors={fieldErrors?.email}
        />
        <PasswordField autoComplete="current-password" errors={fieldErrors?.password} />
        <TextField
          id="recovery-code"
          name="recoveryCode"
          label="Recovery code"
          hint={codeHint}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          errors={fieldErrors?.recoveryCode}
          aria-required="true"
        />
        <SubmitButton pending={pending} label="Sign in with the recovery code" pendingLabel="Signing in…" />
      </Form>
    </AuthCard>
  );
}
