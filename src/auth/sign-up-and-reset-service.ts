import {
  confirmPasswordReset,
  confirmSignUpUser,
  resendSignUpCode,
  signUpUser,
  startPasswordReset,
} from "#src/auth/cognito.ts";
import { confirmSignUpSchema, emailOnlySchema, resetPasswordSchema, signUpSchema } from "#src/auth/credentials.ts";
import { enforceRateLimits } from "#src/limits/rate-limit-service.ts";
import { parseInput } from "#src/validation.ts";

/**
 * Account life cycle: sign up, confirm by emailed code, reset a forgotten password. Those that
 * send an email or take a guess are rate-limited per email and per client address (`clientIp`,
 * absent where the caller cannot tell it) before Cognito is asked.
 */

export async function signUp(input: unknown, clientIp?: string): Promise<{ email: string }> {
  const { email, password } = parseInput(signUpSchema, input);
  await enforceRateLimits("signup", { email, ip: clientIp });
  await signUpUser(email, password);
  return { email };
}

export async function confirmSignUp(input: unknown, clientIp?: string): Promise<{ email: string }> {
  const { email, code } = parseInput(confirmSignUpSchema, input);
  await enforceRateLimits("signup-confirm", { email, ip: clientIp });
  await confirmSignUpUser(email, code);
  return { email };
}

export async function resendConfirmationCode(input: unknown, clientIp?: string): Promise<{ email: string }> {
  const { email } = parseInput(emailOnlySchema, input);
  await enforceRateLimits("resend", { email, ip: clientIp });
  await resendSignUpCode(email);
  return { email };
}

export async function requestPasswordReset(input: unknown, clientIp?: string): Promise<{ email: string }> {
  const { email } = parseInput(emailOnlySchema, input);
  await enforceRateLimits("reset", { email, ip: clientIp });
  await startPasswordReset(email);
  return { email };
}

export async function resetPassword(input: unknown, clientIp?: string): Promise<{ email: string }> {
  const { email, code, password } = parseInput(resetPasswordSchema, input);
  await enforceRateLimits("reset-confirm", { email, ip: clientIp });
  await confirmPasswordReset(email, code, password);
  return { email };
}
