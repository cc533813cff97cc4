import { createContext, useContext, type InputHTMLAttributes } from "react";
import { Icon } from "#app/components/icons.tsx";

/**
 * Inside it, the form's alert and every invalid field carry `autofocus`, and the browser focuses
 * the first of them when the page loads. It stands in for useFocusOnError on pages that load no
 * JavaScript (the sign-in and sign-up pages, AuthCard): without it their errors would leave focus
 * at the top of a fresh page.
 */
export const FocusErrorsOnLoad = createContext(false);

export const inputClass = "input";

export const primaryButtonClass = "btn btn-primary";

export const secondaryButtonClass = "btn btn-secondary";

export const dangerButtonClass = "btn btn-danger";

/** Shown inside a button while its form submits. */
export function Spinner() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" className="size-4 animate-spin">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="3" className="opacity-30" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error">
      <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
      <span>{messages.join(" ")}</span>
    </p>
  );
}

/** A labelled input with its hint and errors tied to it for assistive technology. */
export function TextField({
  id,
  label,
  hint,
  errors,
  ...input
}: { id: string; label: string; hint?: string; errors?: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const focusOnLoad = useContext(FocusErrorsOnLoad) && Boolean(errors?.length);
  const describedBy = [errors?.length ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoFocus={focusOnLoad || undefined}
        className={inputClass}
        {...input}
      />
      {hint && (
        <p id={hintId} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldError id={errorId} messages={errors} />
    </div>
  );
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
      {pending && <Spinner />}
      {pending ? pendingLabel : label}
    </button>
  );
}

export function FormAlert({
  id,
  message,
  tone = "error",
}: {
  id?: string;
  message?: string;
  tone?: "error" | "warning";
}) {
  const focusOnLoad = useContext(FocusErrorsOnLoad);
  if (!message) return null;
  return (
    <div
      id={id}
      role="alert"
      tabIndex={-1}
      autoFocus={focusOnLoad || undefined}
      data-tone={tone === "warning" ? tone : undefined}
      className="alert"
    >
      {message}
    </div>
  );
}
