import * as z from "zod/mini";

/**
 * Our own account rules, the same ones the Cognito pool is configured with. They live here,
 * not in Cognito, so the local emulator (which enforces none) behaves like production.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const PASSWORD_RULES = `At least ${PASSWORD_MIN} characters, with at least one letter and one digit.`;

const formString = z.pipe(
  z.transform((value: unknown) => (typeof value === "string" ? value : "")),
  z.string(),
);

/** A form field as a string (missing: empty), then rewritten by `fn`. */
const formStringAs = (fn: (value: string) => string) => z.pipe(formString, z.transform(fn));

/** Emails are case-insensitive usernames: normalise them once, here. */
export const emailSchema = z.pipe(
  formStringAs((value) => value.trim().toLowerCase()),
  z.pipe(
    z.string().check(z.minLength(1, "Enter your email address."), z.maxLength(254, "That email address is too long.")),
    z.email("Enter a valid email address, like name@example.com."),
  ),
);

export const newPasswordSchema = z.pipe(
  formString,
  z.string().check(
    z.minLength(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`),
    z.maxLength(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
    z.refine((value) => /\p{L}/u.test(value), "Include at least one letter."),
    z.refine((value) => /[0-9]/.test(value), "Include at least one digit."),
    z.refine((value) => value.trim() === value, "Passwords cannot start or end with a space."),
  ),
);

/** At sign-in any non-empty password is tried; rules only apply when one is chosen. */
export const passwordSchema = z.pipe(
  formString,
  z.string().check(z.minLength(1, "Enter your password."), z.maxLength(PASSWORD_MAX, "Incorrect email or password.")),
);

export const codeSchema = z.pipe(
  formStringAs((value) => value.replace(/\s+/g, "")),
  z.string().check(z.regex(/^\d{6}$/, "Enter the 6-digit code from the email.")),
);

/** A code from an authenticator app (TOTP: 6 digits, a new one every 30 seconds). */
export const appCodeSchema = z.pipe(
  formStringAs((value) => value.replace(/\s+/g, "")),
  z.string().check(z.regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows.")),
);

export const appCodeFormSchema = z.object({ code: appCodeSchema });
/**
 * The password asked again before a change that could keep the owner out (two-step sign-in on,
 * replaced or off; new recovery codes): see reauthentication.ts.
 */
export const reauthenticationSchema = z.object({ password: passwordSchema });

export const signUpSchema = z.object({ email: emailSchema, password: newPasswordSchema });
export const signInSchema = z.object({ email: emailSchema, password: passwordSchema });
export const confirmSignUpSchema = z.object({ email: emailSchema, code: codeSchema });
export const emailOnlySchema = z.object({ email: emailSchema });
/** Changing a signed-in user's password: the current one (checked by Cognito) and a new one. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.pipe(
      formString,
      z
        .string()
        .check(
          z.minLength(1, "Enter your current password."),
          z.maxLength(PASSWORD_MAX, "That is not your current password."),
        ),
    ),
    newPassword: newPasswordSchema,
  })
  .check(
    z.refine((value) => value.currentPassword !== value.newPassword, {
      path: ["newPassword"],
      message: "Choose a password different from your current one.",
    }),
  );
export const resetPasswordSchema = z.object({ email: emailSchema, code: codeSchema, password: newPasswordSchema });

/**
 * Where to go after signing in: only a path on this site. Anything else ("//evil.com",
 * "https://…", "/\\evil.com", junk) falls back to the task list. The checks run on the
 * normalised path too, since "/.//evil.com" normalises to "//evil.com".
 */
export function safeRedirectPath(value: unknown, fallback = "/tasks"): string {
  const isLocalPath = (path: string) =>
    // eslint-disable-next-line no-control-regex -- control characters in a redirect are never legitimate
    path.startsWith("/") && !path.startsWith("//") && !path.includes("\\") && !/[\u0000-\u001f\u007f]/.test(path);
  if (typeof value !== "string" || value.length > 2048 || !isLocalPath(value)) return fallback;
  try {
    const base = "http://local.invalid";
    const url = new URL(value, base);
    const normalised = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === base && isLocalPath(normalised) ? normalised : fallback;
  } catch {
    return fallback;
  }
}
