import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { useEffect } from "react";
import { requireUser } from "#app/.server/auth.ts";
import { requestClient } from "#app/.server/device-cookie.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { pick, readForm } from "#app/.server/forms.ts";
import { passwordChangedResponse } from "#app/.server/password-change.ts";
import { formFailure, passRetryAfter, toErrorResponse } from "#app/.server/route-errors.ts";
import { accountDeletedRedirect, readSessionId } from "#app/.server/session.ts";
import { DeleteAccountForm } from "#app/components/account-delete.tsx";
import {
  ChangePasswordForm,
  SettingsSection,
  ShortcutsForm,
  StartViewForm,
  TimeZoneForm,
  TwoStepSection,
} from "#app/components/account-settings.tsx";
import { RecoveryCodesForm, RecoveryCodesPanel } from "#app/components/recovery-codes.tsx";
import { ShortcutList } from "#app/components/shortcut-list.tsx";
import { SignOutEverywhereForm } from "#app/components/sign-out-everywhere.tsx";
import { FormAlert, secondaryButtonClass } from "#app/components/form-field.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { pageMeta } from "#app/page-meta.ts";
import type { loader as rootLoader } from "#app/root.tsx";
import { listTimeZoneChoices } from "#src/accounts/settings-service.ts";
import { PASSWORD_RULES } from "#src/auth/credentials.ts";
import type { AuthenticatorSetup } from "#src/auth/two-step-service.ts";
import { InvalidCredentialsError, ServiceUnavailableError } from "#src/errors.ts";
import {
  changePasswordForSession,
  saveAccountSettings,
  saveDetectedTimeZone,
  saveShortcutsSetting,
  saveStartViewSetting,
} from "#src/sessions/session-service.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const meta: MetaFunction = () => pageMeta("Account settings · Task Tracker");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = { timeZones: listTimeZoneChoices(), passwordRules: PASSWORD_RULES };
  try {
    const user = await requireUser(request, context);
    const twoStep = await (await loadTwoStep()).readTwoStepState(user);
    return {
      ...page,
      email: user.email as string | null,
      timeZone: user.timeZone,
      shortcuts: user.shortcuts,
      startView: user.startView,
      twoStep: twoStep.enabled,
      recoveryCodesLeft: twoStep.recoveryCodesLeft,
      unavailable: false,
    };
  } catch (error) {
    // Storage down: still render the forms, so a failed save keeps its input (even without JS).
    if (error instanceof ServiceUnavailableError) {
      return data(
        {
          ...page,
          email: null,
          timeZone: null,
          shortcuts: true,
          startView: "all" as "all" | "today",
          twoStep: null,
          recoveryCodesLeft: null as number | null,
          unavailable: true,
        },
        { status: 503 },
      );
    }
    throw toErrorResponse(error);
  }
}

/** Loaded with this page, not at every cold start (most requests are the task list). */
const loadTwoStep = () => import("#src/auth/two-step-service.ts");
/** Loaded only by the rare deletion of an account. */
const loadAccountDeletion = () => import("#src/accounts/account-deletion-service.ts");

const TWO_STEP_INTENTS: readonly string[] = [
  "start-two-step",
  "confirm-two-step",
  "turn-off-two-step",
  "renew-recovery-codes",
];

type Intent =
  | "save-settings"
  | "save-shortcuts"
  | "save-start-view"
  | "detect-time-zone"
  | "change-password"
  | "start-two-step"
  | "confirm-two-step"
  | "turn-off-two-step"
  | "renew-recovery-codes"
  | "delete-account";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = (form.intent ?? "save-settings") as Intent;
  const values: { intent: Intent; timeZone: string; setup: AuthenticatorSetup | null } = {
    intent,
    timeZone: form.timeZone ?? "",
    setup: null,
  };
  try {
    const user = await requireUser(request, context);
    // For the password checks' limits: this browser's address and device cookie.
    const client = await requestClient(request, context);
    // A mistyped first code shows the same key again (only one this page issued to this user).
    if (intent === "confirm-two-step") values.setup = await (await loadTwoStep()).readTwoStepSetup(user, form.setup);
    switch (intent) {
      case "save-settings":
        await saveAccountSettings(user, pick(form, ["timeZone"]));
        return redirectWithFlash("/account", { kind: "settings-saved" });
      case "save-start-view":
        await saveStartViewSetting(user, pick(form, ["startView"]));
        return redirectWithFlash("/account#start-page", { kind: "settings-saved" });
      case "save-shortcuts":
        await saveShortcutsSetting(user, pick(form, ["shortcuts"]));
        return redirectWithFlash("/account#shortcuts", { kind: "settings-saved" });
      case "detect-time-zone":
        return {
          ok: true as const,
          intent,
          timeZone: (await saveDetectedTimeZone(user, pick(form, ["timeZone"]))).timeZone,
        };
      case "start-two-step":
        return {
          ok: true as const,
          intent,
          setup: await (await loadTwoStep()).startTwoStepSetup(user, pick(form, ["password"]), client),
        };
      case "confirm-two-step":
        // Not a redirect: the recovery codes are shown once, in this answer, and kept nowhere.
        return {
          ok: true as const,
          intent,
          recoveryCodes: await (await loadTwoStep()).confirmTwoStepSetup(user, values.setup, pick(form, ["code"])),
        };
      case "renew-recovery-codes":
        return {
          ok: true as const,
          intent,
          recoveryCodes: await (await loadTwoStep()).renewRecoveryCodes(user, pick(form, ["password"]), client),
        };
      case "turn-off-two-step":
        await (await loadTwoStep()).turnOffTwoStep(user, pick(form, ["password"]), client);
        return redirectWithFlash("/account#two-step", { kind: "two-step-off" });
      case "delete-account": {
        const sessionId = await readSessionId(request);
        if (!sessionId) throw new InvalidCredentialsError();
        await (await loadAccountDeletion()).deleteAccount(sessionId, user, pick(form, ["password"]), client);
        return await accountDeletedRedirect();
      }
      case "change-password": {
        const sessionId = await readSessionId(request);
        if (!sessionId) throw new InvalidCredentialsError();
        return await passwordChangedResponse(
          await changePasswordForSession(sessionId, pick(form, ["currentPassword", "newPassword"]), client),
        );
      }
      default:
        throw data("Unknown action.", { status: 400 });
    }
  } catch (error) {
    // Passwords are never sent back; the time zone is, so the form shows what was chosen.
    return formFailure(error, values);
  }
}

export default function AccountRoute() {
  const { email, timeZone, shortcuts, startView, twoStep, recoveryCodesLeft, timeZones, passwordRules, unavailable } =
    useLoaderData<typeof loader>();
  const actionData = useActionAnswer<typeof action>();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const settingsFailure = failure?.values.intent === "save-settings" ? failure : undefined;
  const passwordFailure = failure?.values.intent === "change-password" ? failure : undefined;
  const twoStepFailure = failure && TWO_STEP_INTENTS.includes(failure.values.intent) ? failure : undefined;
  const deleteFailure = failure?.values.intent === "delete-account" ? failure : undefined;
  const twoStepSetup =
    (actionData && "setup" in actionData ? actionData.setup : undefined) ?? twoStepFailure?.values.setup;
  const newRecoveryCodes =
    actionData && "recoveryCodes" in actionData && actionData.recoveryCodes
      ? { intent: actionData.intent, recoveryCodes: actionData.recoveryCodes }
      : undefined;
  const settingsRef = useFocusOnError(settingsFailure);
  const passwordRef = useFocusOnError(passwordFailure);
  const twoStepRef = useFocusOnError(twoStepFailure);
  const deleteRef = useFocusOnError(deleteFailure);
  // With JavaScript, a new key moves focus to the code field beside it (as an error would).
  useEffect(() => {
    if (!twoStepSetup) return;
    const code = document.getElementById("two-step-code");
    code?.focus();
  }, [twoStepSetup]);
  const startingTwoStep = usePendingForm("/account", "start-two-step");
  const confirmingTwoStep = usePendingForm("/account", "confirm-two-step");
  const turningOffTwoStep = usePendingForm("/account", "turn-off-two-step");
  const renewingRecoveryCodes = usePendingForm("/account", "renew-recovery-codes");
  const deletingAccount = usePendingForm("/account", "delete-account");
  const saving = usePendingForm("/account", "save-settings");
  const savingShortcuts = usePendingForm("/account", "save-shortcuts");
  const savingStartView = usePendingForm("/account", "save-start-view");
  const changingPassword = usePendingForm("/account", "change-password");
  const signingOutEverywhere = usePendingForm("/logout", "everywhere");
  const signingOut = usePendingForm("/logout") && !signingOutEverywhere;
  // A changed password comes back as a new page view with its message: a fresh, empty form
  // (with JavaScript the same form would otherwise keep both passwords typed in it).
  const flash = useRouteLoaderData<typeof rootLoader>("root")?.flash;
  const passwordFormKey = flash?.kind === "password-changed" ? flash.id : "password";

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Account settings</h1>
        <p className="muted mt-1">How Task Tracker knows you, and how it shows your dates.</p>
      </div>

      {unavailable && !failure && (
        <FormAlert
          tone="warning"
          message="Your account is temporarily unavailable. Nothing was changed; please try again in a moment."
        />
      )}

      <SettingsSection id="profile" title="Your account">
        <dl className="text-sm">
          <dt className="font-semibold">Email</dt>
          <dd className="mt-1 break-all text-slate-700 dark:text-slate-300">{email ?? "Unavailable right now"}</dd>
        </dl>
        <Form method="post" action="/logout" className="mt-5">
          <button type="submit" disabled={signingOut} className={`${secondaryButtonClass} w-full sm:w-auto`}>
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </Form>
      </SettingsSection>

      <SettingsSection id="sessions-setting" anchor="sessions" title="Sessions">
        <SignOutEverywhereForm pending={signingOutEverywhere} />
      </SettingsSection>

      <SettingsSection id="time-zone" title="Time zone">
        <TimeZoneForm
          // Remount after a save, so the select shows the stored zone rather than its first value;
          // not while an error shows: the zone the browser reported meanwhile (TimeZoneDetector)
          // would remount the form under the user and take the focus off the invalid field.
          key={settingsFailure ? "unsaved" : (timeZone ?? "unset")}
          formRef={settingsRef}
          timeZones={timeZones}
          value={settingsFailure ? settingsFailure.values.timeZone : (timeZone ?? "")}
          errors={settingsFailure?.fieldErrors?.timeZone}
          formError={settingsFailure?.fieldErrors?.timeZone ? undefined : settingsFailure?.formError}
          pending={saving}
          isSet={timeZone !== null}
        />
      </SettingsSection>

      <SettingsSection id="start-page-setting" anchor="start-page" title="Start page">
        <StartViewForm key={startView} startView={startView} pending={savingStartView} />
      </SettingsSection>

      <SettingsSection id="shortcuts-setting" anchor="shortcuts" title="Keyboard shortcuts">
        <ShortcutsForm key={String(shortcuts)} enabled={shortcuts} pending={savingShortcuts}>
          <details className="text-sm">
            <summary className="cursor-pointer font-semibold text-indigo-700 dark:text-indigo-300">
              The shortcuts
            </summary>
            <ShortcutList />
          </details>
        </ShortcutsForm>
      </SettingsSection>

      <SettingsSection id="password" title="Change password">
        <ChangePasswordForm
          key={passwordFormKey}
          formRef={passwordRef}
          passwordRules={passwordRules}
          fieldErrors={passwordFailure?.fieldErrors}
          formError={
            passwordFailure?.fieldErrors?.currentPassword || passwordFailure?.fieldErrors?.newPassword
              ? undefined
              : passwordFailure?.formError
          }
          pending={changingPassword}
        />
      </SettingsSection>

      <SettingsSection id="two-step-setting" anchor="two-step" title="Two-step sign-in">
        {newRecoveryCodes && (
          <div className="mb-5">
            <RecoveryCodesPanel
              codes={newRecoveryCodes.recoveryCodes}
              email={email}
              intro={
                newRecoveryCodes.intent === "confirm-two-step"
                  ? "Two-step sign-in is on. Signing in now asks for a code from your authenticator app."
                  : "Here is your new set of recovery codes. The old ones no longer work."
              }
            />
          </div>
        )}
        <TwoStepSection
          enabled={twoStep}
          setup={twoStepSetup ?? null}
          formRef={twoStepRef}
          fieldErrors={twoStepFailure?.fieldErrors}
          formError={
            twoStepFailure?.fieldErrors?.code || twoStepFailure?.fieldErrors?.password
              ? undefined
              : twoStepFailure?.formError
          }
          failedIntent={twoStepFailure?.values.intent}
          pendingIntent={
            startingTwoStep
              ? "start-two-step"
              : confirmingTwoStep
                ? "confirm-two-step"
                : turningOffTwoStep
                  ? "turn-off-two-step"
                  : null
          }
        >
          <RecoveryCodesForm
            left={recoveryCodesLeft}
            formRef={twoStepFailure?.values.intent === "renew-recovery-codes" ? twoStepRef : undefined}
            errors={
              twoStepFailure?.values.intent === "renew-recovery-codes"
                ? twoStepFailure.fieldErrors?.password
                : undefined
            }
            formError={
              twoStepFailure?.values.intent === "renew-recovery-codes" && !twoStepFailure.fieldErrors?.password
                ? twoStepFailure.formError
                : undefined
            }
            pending={renewingRecoveryCodes}
          />
        </TwoStepSection>
      </SettingsSection>

      <SettingsSection id="delete-account-setting" anchor="delete-account" title="Delete your account">
        <DeleteAccountForm
          formRef={deleteRef}
          errors={deleteFailure?.fieldErrors?.password}
          formError={deleteFailure?.fieldErrors?.password ? undefined : deleteFailure?.formError}
          pending={deletingAccount}
        />
      </SettingsSection>
    </div>
  );
}
