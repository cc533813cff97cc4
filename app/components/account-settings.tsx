import { Form } from "@remix-run/react";
import { useEffect, useState, type ReactNode, type Ref } from "react";
import {
  FieldError,
  FormAlert,
  Spinner,
  TextField,
  dangerButtonClass,
  inputClass,
  primaryButtonClass,
} from "#app/components/form-field.tsx";

export const sectionClass = "card p-5 sm:p-6";

export function SettingsSection({
  id,
  title,
  anchor,
  children,
}: {
  id: string;
  title: string;
  /** An id for links to this section (e.g. /account#shortcuts). */
  anchor?: string;
  children: ReactNode;
}) {
  return (
    <section id={anchor} aria-labelledby={`${id}-heading`} className={`${sectionClass} scroll-mt-6`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** Single-key shortcuts on the task list and the board: on by default, off here (WCAG 2.1.4). */
export function ShortcutsForm({
  enabled,
  pending,
  children,
}: {
  enabled: boolean;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" action="/account" className="space-y-4">
      <input type="hidden" name="intent" value="save-shortcuts" />
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="shortcuts"
          defaultChecked={enabled}
          className="mt-0.5 size-4 accent-indigo-600"
          aria-describedby="shortcuts-hint"
        />
        <span>
          <span className="font-semibold">Use keyboard shortcuts on the task list and the board</span>
          <span id="shortcuts-hint" className="mt-0.5 block text-slate-600 dark:text-slate-400">
            Single keys, never while you type in a field. Switch them off if they get in your way (for example with
            speech input).
          </span>
        </span>
      </label>
      {children}
      <SaveButton pending={pending} label="Save" pendingLabel="Saving…" />
    </Form>
  );
}

/** Where signing in lands: All tasks or Today. */
export function StartViewForm({ startView, pending }: { startView: "all" | "today"; pending: boolean }) {
  return (
    <Form method="post" action="/account" className="space-y-4">
      <input type="hidden" name="intent" value="save-start-view" />
      <fieldset>
        <legend className="text-sm font-semibold">After signing in, show</legend>
        {(
          [
            ["all", "All tasks"],
            ["today", "Today: what is overdue and due today"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="mt-2 flex items-center gap-3 text-sm">
            <input
              type="radio"
              name="startView"
              value={value}
              defaultChecked={startView === value}
              className="size-4 accent-indigo-600"
            />
            {label}
          </label>
        ))}
      </fieldset>
      <SaveButton pending={pending} label="Save" pendingLabel="Saving…" />
    </Form>
  );
}

function SaveButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full sm:w-auto`}>
      {pending && <Spinner />}
      {pending ? pendingLabel : label}
    </button>
  );
}

interface TimeZoneChoice {
  value: string;
  /** "UTC+05:30", at the time the page was made. */
  offset: string;
}

/**
 * Grouped by region; each label keeps the region and says the offset ("Asia/Kolkata
 * (UTC+05:30)"), since a closed <select> shows only the label.
 */
function groupTimeZones(timeZones: TimeZoneChoice[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  const ungrouped: { value: string; label: string }[] = [];
  for (const { value, offset } of timeZones) {
    const slash = value.indexOf("/");
    const zone = { value, label: `${value.replaceAll("_", " ")} (${offset})` };
    if (slash < 0) ungrouped.push(zone);
    else groups.set(value.slice(0, slash), [...(groups.get(value.slice(0, slash)) ?? []), zone]);
  }
  return { ungrouped, groups: [...groups] };
}

/**
 * With JavaScript: a search field that narrows the zones to those whose name has the words
 * typed ("kyiv", "ho chi", "utc+05") and selects the first; without, the plain select.
 */
function TimeZoneSearch() {
  const [enhanced, setEnhanced] = useState(false);
  const [found, setFound] = useState("");
  useEffect(() => setEnhanced(true), []);
  if (!enhanced) return null;
  const search = (text: string) => {
    const select = document.getElementById("timeZone") as HTMLSelectElement;
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    let first: HTMLOptionElement | undefined;
    for (const option of select.options) {
      option.hidden = !words.every((word) => option.text.toLowerCase().includes(word));
      if (!option.hidden && !first && option.value) first = option;
    }
    for (const group of select.querySelectorAll("optgroup"))
      group.hidden = [...group.querySelectorAll("option")].every((option) => option.hidden);
    if (first && select.selectedOptions[0]?.hidden !== false) select.value = first.value;
    setFound(
      words.length ? (first ? `Showing the zones that match; ${first.text} is selected.` : "No zone matches.") : "",
    );
  };
  return (
    <div>
      <label htmlFor="timeZone-search" className="block text-sm font-semibold">
        Search by city
      </label>
      <input
        id="timeZone-search"
        type="search"
        autoComplete="off"
        placeholder="Kyiv, Kolkata, Ho Chi Minh…"
        aria-controls="timeZone"
        onChange={(event) => search(event.currentTarget.value)}
        className={inputClass}
      />
      <p role="status" className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
        {found}
      </p>
    </div>
  );
}

export function TimeZoneForm({
  formRef,
  timeZones,
  value,
  errors,
  formError,
  pending,
  isSet,
}: {
  formRef?: Ref<HTMLFormElement>;
  timeZones: TimeZoneChoice[];
  /** The zone to show selected: the saved one, or what the user just submitted. */
  value: string;
  errors?: string[];
  formError?: string;
  pending: boolean;
  isSet: boolean;
}) {
  const { ungrouped, groups } = groupTimeZones(timeZones);
  // A rejected value stays visible (and selected) next to its message, as text input would.
  const unknown = value && !timeZones.some((zone) => zone.value === value) ? value : undefined;
  const describedBy = [errors?.length ? "timeZone-error" : undefined, "timeZone-hint"].filter(Boolean).join(" ");
  return (
    <Form ref={formRef} method="post" action="/account" noValidate className="space-y-5">
      <input type="hidden" name="intent" value="save-settings" />
      <FormAlert message={formError} />
      <TimeZoneSearch />
      <div>
        <label htmlFor="timeZone" className="block text-sm font-semibold">
          Time zone
        </label>
        <select
          id="timeZone"
          name="timeZone"
          defaultValue={value}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
          className={inputClass}
        >
          {!value && <option value="">Choose a time zone</option>}
          {unknown && <option value={unknown}>{unknown}</option>}
          {ungrouped.map((zone) => (
            <option key={zone.value} value={zone.value}>
              {zone.label}
            </option>
          ))}
          {groups.map(([region, zones]) => (
            <optgroup key={region} label={region}>
              {zones.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p id="timeZone-hint" className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {isSet
            ? "Due dates, “today” and times are shown in this time zone."
            : "Not set: dates and times are shown in UTC."}
        </p>
        <FieldError id="timeZone-error" messages={errors} />
      </div>
      <SaveButton pending={pending} label="Save settings" pendingLabel="Saving…" />
    </Form>
  );
}

export function ChangePasswordForm({
  formRef,
  passwordRules,
  fieldErrors,
  formError,
  pending,
}: {
  formRef?: Ref<HTMLFormElement>;
  passwordRules: string;
  fieldErrors?: Partial<Record<string, string[]>>;
  formError?: string;
  pending: boolean;
}) {
  return (
    <Form ref={formRef} method="post" action="/account" noValidate className="space-y-5">
      <input type="hidden" name="intent" value="change-password" />
      <FormAlert message={formError} />
      <TextField
        id="current-password"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        errors={fieldErrors?.currentPassword}
        aria-required="true"
      />
      <TextField
        id="new-password"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint={passwordRules}
        errors={fieldErrors?.newPassword}
        aria-required="true"
      />
      <SaveButton pending={pending} label="Change password" pendingLabel="Changing password…" />
    </Form>
  );
}

/** The secret in groups of four, as authenticator apps show and accept it. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Two-step sign-in (an authenticator app's codes): its state, and the one form that fits it.
 * Setting up is two posts (get a secret, confirm it with a code), so it works without JavaScript.
 */
export function TwoStepSection({
  enabled,
  setup,
  formRef,
  fieldErrors,
  formError,
  failedIntent,
  pendingIntent,
  children,
}: {
  /** null: Cognito could not say just now. */
  enabled: boolean | null;
  /** A secret just issued, waiting for its first code. */
  setup: { secret: string; uri: string; token: string; qrSvg: string } | null;
  formRef?: Ref<HTMLFormElement>;
  fieldErrors?: Partial<Record<string, string[]>>;
  formError?: string;
  /** The form whose post failed: only it shows the errors (each form has its own password field). */
  failedIntent?: string;
  pendingIntent: string | null;
  /** Shown while two-step sign-in is on, above turning it off (the recovery codes). */
  children?: ReactNode;
}) {
  if (setup) {
    return (
      <div className="space-y-5 text-sm">
        <ol className="list-decimal space-y-4 pl-5">
          <li>
            <p>
              In your authenticator app (for example Google Authenticator, Microsoft Authenticator, 1Password or Aegis),
              add an account by scanning this QR code, or by entering this key:
            </p>
            <div
              className="mt-3 size-48 rounded-lg bg-white p-1 [&>svg]:size-full"
              role="img"
              aria-label="QR code of the key, for your authenticator app"
              // Drawn on our server as rectangles from the URI; no markup from anyone's input.
              dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
            />
            <p className="mt-2">
              <span className="sr-only">Key: </span>
              <code
                data-testid="two-step-secret"
                className="rounded bg-slate-100 px-2 py-1 font-mono text-base tracking-wide break-all dark:bg-slate-800"
              >
                {groupSecret(setup.secret)}
              </code>
            </p>
            <p className="mt-2 text-slate-600 dark:text-slate-400">
              Time-based, 6 digits, every 30 seconds. On this device you can also{" "}
              <a href={setup.uri} className="font-medium text-indigo-700 underline dark:text-indigo-300">
                open the key in your authenticator app
              </a>
              .
            </p>
          </li>
          <li>
            <p>Enter the 6-digit code the app now shows for Task Tracker.</p>
            <Form ref={formRef} method="post" action="/account" noValidate className="mt-3 space-y-4">
              <input type="hidden" name="intent" value="confirm-two-step" />
              <input type="hidden" name="setup" value={setup.token} />
              <FormAlert message={formError} />
              <TextField
                id="two-step-code"
                name="code"
                label="Code from your authenticator app"
                inputMode="numeric"
                autoComplete="one-time-code"
                errors={fieldErrors?.code}
                aria-required="true"
              />
              <div className="flex flex-wrap items-center gap-4">
                <SaveButton
                  pending={pendingIntent === "confirm-two-step"}
                  label="Turn on two-step sign-in"
                  pendingLabel="Turning on…"
                />
                <a
                  href="/account#two-step"
                  className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  Cancel
                </a>
              </div>
            </Form>
          </li>
        </ol>
      </div>
    );
  }
  if (enabled === null) {
    return (
      <p className="text-sm" data-testid="two-step-status">
        We cannot tell right now whether two-step sign-in is on. Please try again in a moment.
      </p>
    );
  }
  if (enabled) {
    return (
      <div className="space-y-5 text-sm">
        <p data-testid="two-step-status">
          <span className="font-semibold">On.</span> Signing in asks for your password and a code from your
          authenticator app.
        </p>
        {children}
        <Form
          ref={failedIntent === "turn-off-two-step" ? formRef : undefined}
          method="post"
          action="/account"
          noValidate
          className="space-y-4"
        >
          <h3 className="font-semibold">Turn off</h3>
          <input type="hidden" name="intent" value="turn-off-two-step" />
          <FormAlert message={failedIntent === "turn-off-two-step" ? formError : undefined} />
          <TextField
            id="two-step-password"
            name="password"
            type="password"
            label="Your password, to turn it off"
            autoComplete="current-password"
            errors={failedIntent === "turn-off-two-step" ? fieldErrors?.password : undefined}
            aria-required="true"
          />
          <button
            type="submit"
            disabled={pendingIntent === "turn-off-two-step"}
            className={`${dangerButtonClass} w-full sm:w-auto`}
          >
            {pendingIntent === "turn-off-two-step" && <Spinner />}
            {pendingIntent === "turn-off-two-step" ? "Turning off…" : "Turn off two-step sign-in"}
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="space-y-5 text-sm">
      <p data-testid="two-step-status">
        <span className="font-semibold">Off.</span> Add a second step to signing in: a 6-digit code from an
        authenticator app on your phone, so your password alone is not enough.
      </p>
      <Form ref={formRef} method="post" action="/account" noValidate className="space-y-4">
        <input type="hidden" name="intent" value="start-two-step" />
        <FormAlert message={formError} />
        <TextField
          id="two-step-start-password"
          name="password"
          type="password"
          label="Your password, to set it up"
          autoComplete="current-password"
          errors={fieldErrors?.password}
          aria-required="true"
        />
        <SaveButton
          pending={pendingIntent === "start-two-step"}
          label="Set up two-step sign-in"
          pendingLabel="Setting up…"
        />
      </Form>
    </div>
  );
}
