import { TextField } from "#app/components/form-field.tsx";

/** The account form fields, the same on every sign-in, sign-up and reset page. */

export function EmailField({
  defaultValue,
  errors,
  autoComplete = "email",
}: {
  defaultValue?: string;
  errors?: string[];
  autoComplete?: "email" | "username";
}) {
  return (
    <TextField
      id="email"
      name="email"
      type="email"
      label="Email"
      autoComplete={autoComplete}
      defaultValue={defaultValue ?? ""}
      errors={errors}
      aria-required="true"
    />
  );
}

export function PasswordField({
  label = "Password",
  autoComplete,
  hint,
  errors,
}: {
  label?: string;
  autoComplete: "current-password" | "new-password";
  hint?: string;
  errors?: string[];
}) {
  return (
    <TextField
      id="password"
      name="password"
      type="password"
      label={label}
      autoComplete={autoComplete}
      hint={hint}
      errors={errors}
      aria-required="true"
    />
  );
}

export function CodeField({
  label,
  defaultValue,
  errors,
}: {
  label: string;
  defaultValue?: string;
  errors?: string[];
}) {
  return (
    <TextField
      id="code"
      name="code"
      label={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      defaultValue={defaultValue ?? ""}
      errors={errors}
      aria-required="true"
    />
  );
}
