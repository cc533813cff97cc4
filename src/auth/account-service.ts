import {
  confirmPasswordReset,
  confirmSignUpUser,
  resendSignUpCode,
  signUpUser,
  startPasswordReset,
} from "#src/auth/cognito.ts";
import { confirmSignUpSchema, emailOnlySchema, resetPasswordSchema, signUpSchema } from "#src/auth/credentials.ts";
import { parseInput } from "#src/validation.ts";

/** Account life cycle: sign up, confirm by emailed code, reset a forgotten password. */

export async function signUp(input: unknown): Promise<{ email: string }> {
  const { email, password } = parseInput(signUpSchema, input);
  await signUpUser(email, password);
  return { email };
}

export async function confirmSignUp(input: unknown): Promise<{ email: string }> {
  const { email, code } = parseInput(confirmSignUpSchema, input);
  await confirmSignUpUser(email, code);
  return { email };
}

export async function resendConfirmationCode(input: unknown): Promise<{ email: string }> {
  const { email } = parseInput(emailOnlySchema, input);
  await resendSignUpCode(email);
  return { email };
}

export async function requestPasswordReset(input: unknown): Promise<{ email: string }> {
  const { email } = parseInput(emailOnlySchema, input);
  await startPasswordReset(email);
  return { email };
}

export async function resetPassword(input: unknown): Promise<{ email: string }> {
  const { email, code, password } = parseInput(resetPasswordSchema, input);
  await confirmPasswordReset(email, code, password);
  return { email };
}
