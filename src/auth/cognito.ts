import type * as CognitoSdkModule from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { getEnv, isLocalStage } from "#src/env.ts";
import {
  AccountNotConfirmedError,
  InvalidCredentialsError,
  ServiceUnavailableError,
  TooManyAttemptsError,
  ValidationError,
} from "#src/errors.ts";

/**
 * The Cognito user-pool API, as the app uses it: public client calls only (no admin
 * rights), each translated into our domain errors. Nothing AWS-typed leaves this module.
 *
 * The SDK is imported on first use: most requests (a signed-in page with a valid token) never
 * call Cognito, and loading its client at start would add to every cold start.
 */

type CognitoSdk = typeof CognitoSdkModule;

let sdk: Promise<CognitoSdk> | undefined;
let client: CognitoIdentityProviderClient | undefined;

function loadSdk(): Promise<CognitoSdk> {
  // A failed load is not cached: the next request tries again.
  sdk ??= import("@aws-sdk/client-cognito-identity-provider").catch((error: unknown) => {
    sdk = undefined;
    throw error;
  });
  return sdk;
}

async function getClient(): Promise<{ client: CognitoIdentityProviderClient; sdk: CognitoSdk }> {
  const loaded = await loadSdk();
  if (client) return { client, sdk: loaded };
  const env = getEnv();
  client = new loaded.CognitoIdentityProviderClient({
    region: env.AWS_REGION,
    maxAttempts: 2,
    // Each call is one small request; keep a page's worst case well inside Lambda's 30 s.
    // throwOnRequestTimeout: otherwise a request past requestTimeout is only logged, not ended.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
    ...(env.COGNITO_ENDPOINT
      ? { endpoint: env.COGNITO_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  return { client, sdk: loaded };
}

export interface CognitoTokens {
  accessToken: string;
  idToken?: string;
  refreshToken: string;
}

type Operation =
  | "signIn"
  | "refresh"
  | "signUp"
  | "confirm"
  | "resend"
  | "forgot"
  | "reset"
  | "revoke"
  | "changePassword";

const TOO_MANY = new Set(["LimitExceededException", "TooManyRequestsException", "TooManyFailedAttemptsException"]);

/** Cognito's error names mean different things in different calls; map them per operation. */
function translate(error: unknown, operation: Operation): never {
  const name = error instanceof Error ? error.name : "";
  // A refresh happens inside an ordinary page load: anything but "this refresh token is no
  // longer valid" is Cognito failing us, not the user.
  if (operation === "refresh") {
    if (["NotAuthorizedException", "UserNotFoundException"].includes(name)) throw new InvalidCredentialsError();
    throw new ServiceUnavailableError("The sign-in service is temporarily unavailable.", { cause: error });
  }
  if (TOO_MANY.has(name)) throw new TooManyAttemptsError();
  if (operation === "signIn") {
    if (name === "UserNotConfirmedException") throw new AccountNotConfirmedError();
    // The emulator answers a wrong password with InvalidPasswordException; Cognito with
    // NotAuthorizedException. Either way, and for unknown users, one message for all.
    if (
      [
        "NotAuthorizedException",
        "UserNotFoundException",
        "InvalidPasswordException",
        "PasswordResetRequiredException",
      ].includes(name)
    ) {
      throw new InvalidCredentialsError();
    }
  }
  if (operation === "signUp") {
    if (name === "UsernameExistsException") {
      throw new ValidationError({
        email: ["An account with this email already exists. Sign in, or reset your password."],
      });
    }
    if (name === "InvalidPasswordException") throw new ValidationError({ password: ["Choose a stronger password."] });
  }
  if (operation === "confirm" || operation === "reset") {
    if (name === "CodeMismatchException")
      throw new ValidationError({ code: ["That code is not right. Check the email and try again."] });
    if (name === "ExpiredCodeException")
      throw new ValidationError({ code: ["That code has expired. Send a new one."] });
    if (name === "InvalidPasswordException") throw new ValidationError({ password: ["Choose a stronger password."] });
    // Unknown or already-confirmed accounts: say as little as a wrong code would.
    if (["UserNotFoundException", "NotAuthorizedException"].includes(name)) {
      throw new ValidationError({ code: ["That code is not right. Check the email and try again."] });
    }
  }
  if (operation === "changePassword") {
    // Cognito answers a wrong current password with NotAuthorizedException, the emulator with
    // InvalidPasswordException; the new password already passed our stricter rules than the pool's.
    if (["NotAuthorizedException", "InvalidPasswordException"].includes(name)) {
      throw new ValidationError({ currentPassword: ["That is not your current password."] });
    }
  }
  if (name === "InvalidParameterException")
    throw new ValidationError({ form: ["Please check what you entered and try again."] });
  throw new ServiceUnavailableError("The sign-in service is temporarily unavailable.", { cause: error });
}

/** Failures that must look like success, so the page never reveals whether an account exists. */
function isSilent(error: unknown, operation: Operation): boolean {
  const name = error instanceof Error ? error.name : "";
  return (
    (operation === "forgot" || operation === "resend") &&
    ["UserNotFoundException", "NotAuthorizedException", "InvalidParameterException"].includes(name)
  );
}

async function call<T>(operation: Operation, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (isSilent(error, operation)) return undefined;
    return translate(error, operation);
  }
}

export async function initiatePasswordAuth(email: string, password: string): Promise<CognitoTokens> {
  const { COGNITO_CLIENT_ID } = getEnv();
  const result = await call("signIn", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.InitiateAuthCommand({
        ClientId: COGNITO_CLIENT_ID,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
  });
  const tokens = result?.AuthenticationResult;
  // A challenge (e.g. a new password required) is a flow this app does not offer.
  if (!tokens?.AccessToken || !tokens.RefreshToken) throw new InvalidCredentialsError();
  return { accessToken: tokens.AccessToken, idToken: tokens.IdToken, refreshToken: tokens.RefreshToken };
}

export async function refreshAccessToken(refreshToken: string): Promise<string> {
  const { COGNITO_CLIENT_ID } = getEnv();
  const result = await call("refresh", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.InitiateAuthCommand({
        ClientId: COGNITO_CLIENT_ID,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
  });
  const accessToken = result?.AuthenticationResult?.AccessToken;
  if (!accessToken) throw new InvalidCredentialsError();
  return accessToken;
}

export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  const { COGNITO_CLIENT_ID } = getEnv();
  await call("revoke", async () => {
    const { client, sdk } = await getClient();
    return client.send(new sdk.RevokeTokenCommand({ ClientId: COGNITO_CLIENT_ID, Token: refreshToken }));
  });
}

export async function signUpUser(email: string, password: string): Promise<void> {
  const { COGNITO_CLIENT_ID } = getEnv();
  await call("signUp", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.SignUpCommand({
        ClientId: COGNITO_CLIENT_ID,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
  });
}

export async function confirmSignUpUser(email: string, code: string): Promise<void> {
  const { COGNITO_CLIENT_ID } = getEnv();
  await call("confirm", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.ConfirmSignUpCommand({ ClientId: COGNITO_CLIENT_ID, Username: email, ConfirmationCode: code }),
    );
  });
}

export async function resendSignUpCode(email: string): Promise<void> {
  const { COGNITO_CLIENT_ID } = getEnv();
  try {
    const { client, sdk } = await getClient();
    await client.send(new sdk.ResendConfirmationCodeCommand({ ClientId: COGNITO_CLIENT_ID, Username: email }));
  } catch (error) {
    // The emulator does not implement this call; locally every code is the fixed one anyway.
    if (error instanceof Error && error.name === "Unsupported" && isLocalStage()) return;
    if (isSilent(error, "resend")) return;
    translate(error, "resend");
  }
}

export async function startPasswordReset(email: string): Promise<void> {
  const { COGNITO_CLIENT_ID } = getEnv();
  await call("forgot", async () => {
    const { client, sdk } = await getClient();
    return client.send(new sdk.ForgotPasswordCommand({ ClientId: COGNITO_CLIENT_ID, Username: email }));
  });
}

export async function confirmPasswordReset(email: string, code: string, password: string): Promise<void> {
  const { COGNITO_CLIENT_ID } = getEnv();
  await call("reset", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.ConfirmForgotPasswordCommand({
        ClientId: COGNITO_CLIENT_ID,
        Username: email,
        ConfirmationCode: code,
        Password: password,
      }),
    );
  });
}

export async function changeUserPassword(accessToken: string, previous: string, proposed: string): Promise<void> {
  await call("changePassword", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.ChangePasswordCommand({
        AccessToken: accessToken,
        PreviousPassword: previous,
        ProposedPassword: proposed,
      }),
    );
  });
}

export function resetCognitoClientForTests(): void {
  client?.destroy();
  client = undefined;
}
