import { Form } from "@remix-run/react";
import type { ReactNode, Ref } from "react";
import {
  FieldError,
  FormAlert,
  Spinner,
  TextField,
  inputClass,
  primaryButtonClass,
} from "#app/components/form-field.tsx";

export const sectionClass =
  "rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900";

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

/** Single-key shortcuts on the task list: on by default, off here (WCAG 2.1.4). */
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
          <span className="font-semibold">Use keyboard shortcuts on the task list</span>
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

function SaveButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full sm:w-auto`}>
      {pending && <Spinner />}
      {pending ? pendingLabel : label}
    </button>
  );
}

/**
 * Grouped by region; each label keeps the region ("America/Argentina/Buenos Aires"), since a
 * closed <select> shows only the label.
 */
function groupTimeZones(timeZones: string[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  const ungrouped: string[] = [];
  for (const zone of timeZones) {
    const slash = zone.indexOf("/");
    if (slash < 0) {
      ungrouped.push(zone);
      continue;
    }
    const region = zone.slice(0, slash);
    const label = zone.replaceAll("_", " ");
    groups.set(region, [...(groups.get(region) ?? []), { value: zone, label }]);
  }
  return { ungrouped, groups: [...groups] };
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
  timeZones: string[];
  /** The zone to show selected: the saved one, or what the user just submitted. */
  value: string;
  errors?: string[];
  formError?: string;
  pending: boolean;
  isSet: boolean;
}) {
  const { ungrouped, groups } = groupTimeZones(timeZones);
  // A rejected value stays visible (and selected) next to its message, as text input would.
  const unknown = value && !timeZones.includes(value) ? value : undefined;
  const describedBy = [errors?.length ? "timeZone-error" : undefined, "timeZone-hint"].filter(Boolean).join(" ");
  return (
    <Form ref={formRef} method="post" action="/account" noValidate className="space-y-5">
      <input type="hidden" name="intent" value="save-settings" />
      <FormAlert message={formError} />
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
            <option key={zone} value={zone}>
              {zone}
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
