import type * as CognitoSdkModule from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { getEnv, isLocalStage } from "#src/env.ts";
import {
  AccountNotConfirmedError,
  InvalidCredentialsError,
  ServiceUnavailableError,
  SignInChallengeExpiredError,
  TooManyAttemptsError,
  ValidationError,
} from "#src/errors.ts";

/**
 * The Cognito user-pool API, as the app uses it, each call translated into our domain errors.
 * Public client calls, except admin calls the Lambda's role grants on its own pool only
 * (AdminGetUser, AdminUserGlobalSignOut): ending every sign-in of an account after a password
 * reset, when no token of the user is at hand; and recovery-code sign-in's, in cognito-admin.ts
 * (loaded with that page only). Nothing AWS-typed leaves this module.
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
  | "changePassword"
  | "checkPassword"
  | "answerChallenge"
  | "setUpAuthenticator"
  | "readUser"
  | "findUser"
  | "signOutEverywhere"
  | "adminRecovery"
  | "adminDelete";

const WRONG_APP_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now.";
const USED_APP_CODE = "That code was already used. Wait for the next one in your app and enter it.";

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
  if (operation === "answerChallenge") {
    // A wrong code leaves the challenge standing; a spent or timed-out session does not.
    if (name === "CodeMismatchException") throw new ValidationError({ code: [WRONG_APP_CODE] });
    if (name === "ExpiredCodeException") throw new ValidationError({ code: [USED_APP_CODE] });
    if (name === "NotAuthorizedException") throw new SignInChallengeExpiredError();
  }
  if (operation === "setUpAuthenticator") {
    // Cognito says EnableSoftwareTokenMFAException for a wrong code here; the emulator CodeMismatchException.
    if (["CodeMismatchException", "EnableSoftwareTokenMFAException"].includes(name))
      throw new ValidationError({ code: [WRONG_APP_CODE] });
  }
  if (operation === "checkPassword") {
    if (["NotAuthorizedException", "InvalidPasswordException", "UserNotFoundException"].includes(name))
      throw new ValidationError({ password: ["That is not your password."] });
  }
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

/** One call, its errors translated; exported for cognito-admin.ts, which rarely loads. */
export async function callCognito<T>(
  operation: Operation,
  work: (cognito: { client: CognitoIdentityProviderClient; sdk: CognitoSdk }) => Promise<T>,
): Promise<T | undefined> {
  return call(operation, async () => work(await getClient()));
}

async function call<T>(operation: Operation, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (isSilent(error, operation)) return undefined;
    return translate(error, operation);
  }
}

/** What Cognito asks for before it hands out tokens (e.g. SOFTWARE_TOKEN_MFA). */
export interface CognitoChallenge {
  name: string;
  /** Cognito's opaque session for answering it: valid for 3 minutes, never shown to the browser. */
  session: string;
  /** The pool's own username for the account (the challenge answer must name it). */
  username: string;
}

export type PasswordAuthResult = { tokens: CognitoTokens } | { challenge: CognitoChallenge };

type AuthResponse = {
  AuthenticationResult?: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
};

function readAuthResult(result: AuthResponse | undefined, email: string): PasswordAuthResult {
  const tokens = result?.AuthenticationResult;
  if (tokens?.AccessToken && tokens.RefreshToken) {
    return { tokens: { accessToken: tokens.AccessToken, idToken: tokens.IdToken, refreshToken: tokens.RefreshToken } };
  }
  if (result?.ChallengeName && result.Session) {
    const username = result.ChallengeParameters?.USER_ID_FOR_SRP ?? result.ChallengeParameters?.USERNAME ?? email;
    return { challenge: { name: result.ChallengeName, session: result.Session, username } };
  }
  throw new InvalidCredentialsError();
}

async function initiateAuth(operation: Operation, email: string, password: string): Promise<PasswordAuthResult> {
  const { COGNITO_CLIENT_ID } = getEnv();
  const result = await call(operation, async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.InitiateAuthCommand({
        ClientId: COGNITO_CLIENT_ID,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
  });
  return readAuthResult(result, email);
}

/** Email and password: tokens, or the challenge (a second step) the account requires first. */
export function initiatePasswordAuth(email: string, password: string): Promise<PasswordAuthResult> {
  return initiateAuth("signIn", email, password);
}

/**
 * Proves a signed-in user knows the password (before a change that weakens the account). A
 * right password yields tokens or a challenge; neither is used, and tokens are revoked.
 */
export async function checkUserPassword(email: string, password: string): Promise<void> {
  const result = await initiateAuth("checkPassword", email, password);
  if ("tokens" in result) await revokeRefreshToken(result.tokens.refreshToken).catch(() => undefined);
}

/** Answers a SOFTWARE_TOKEN_MFA challenge with the code from the user's authenticator app. */
export async function respondToSoftwareTokenChallenge(
  challenge: CognitoChallenge,
  code: string,
): Promise<CognitoTokens> {
  const { COGNITO_CLIENT_ID } = getEnv();
  const result = await call("answerChallenge", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.RespondToAuthChallengeCommand({
        ClientId: COGNITO_CLIENT_ID,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: challenge.session,
        ChallengeResponses: { USERNAME: challenge.username, SOFTWARE_TOKEN_MFA_CODE: code },
      }),
    );
  });
  const outcome = readAuthResult(result, challenge.username);
  // Another challenge after this one is a flow this app does not offer.
  if (!("tokens" in outcome)) throw new InvalidCredentialsError();
  return outcome.tokens;
}

/** Starts adding an authenticator app: Cognito makes a new TOTP secret for the user. */
export async function associateSoftwareToken(accessToken: string): Promise<string> {
  const result = await call("setUpAuthenticator", async () => {
    const { client, sdk } = await getClient();
    return client.send(new sdk.AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  });
  if (!result?.SecretCode) throw new ServiceUnavailableError("The sign-in service did not return a secret.");
  return result.SecretCode;
}

/** Checks the first code from the new app, then makes the app the preferred second step. */
export async function enableSoftwareToken(accessToken: string, code: string): Promise<void> {
  const result = await call("setUpAuthenticator", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.VerifySoftwareTokenCommand({
        AccessToken: accessToken,
        UserCode: code,
        FriendlyDeviceName: "Authenticator app",
      }),
    );
  });
  if (result?.Status !== "SUCCESS") throw new ValidationError({ code: [WRONG_APP_CODE] });
  await setSoftwareTokenPreference(accessToken, true);
}

export async function setSoftwareTokenPreference(accessToken: string, enabled: boolean): Promise<void> {
  await call("setUpAuthenticator", async () => {
    const { client, sdk } = await getClient();
    return client.send(
      new sdk.SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
      }),
    );
  });
}

/** Whether the user signs in with a code from an authenticator app. */
export async function isSoftwareTokenEnabled(accessToken: string): Promise<boolean> {
  const result = await call("readUser", async () => {
    const { client, sdk } = await getClient();
    return client.send(new sdk.GetUserCommand({ AccessToken: accessToken }));
  });
  return result?.UserMFASettingList?.includes("SOFTWARE_TOKEN_MFA") ?? false;
}

/**
 * The account's email address, if verified, from a valid access token (whose claims carry no
 * email). The emulator never marks an email verified, so locally a confirmed account's email
 * counts as verified, as confirming it by code does in a real pool (AutoVerifiedAttributes).
 */
export async function readVerifiedEmail(accessToken: string): Promise<string | null> {
  const result = await call("readUser", async () => {
    const { client, sdk } = await getClient();
    return client.send(new sdk.GetUserCommand({ AccessToken: accessToken }));
  });
  const attribute = (name: string) => result?.UserAttributes?.find((item) => item.Name === name)?.Value;
  const email = attribute("email")?.trim().toLowerCase();
  if (!email) return null;
  const verified =
    attribute("email_verified") === "true" || (isLocalStage() && attribute("email_verified") === undefined);
  return verified ? email : null;
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

/** The `sub` (our owner id) of the account signed in as `email`; null if there is none. */
export async function findUserSub(email: string): Promise<string | null> {
  const { COGNITO_USER_POOL_ID } = getEnv();
  try {
    const { client, sdk } = await getClient();
    const result = await client.send(
      new sdk.AdminGetUserCommand({ UserPoolId: COGNITO_USER_POOL_ID, Username: email }),
    );
    return result.UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value ?? null;
  } catch (error) {
    if (error instanceof Error && error.name === "UserNotFoundException") return null;
    return translate(error, "findUser");
  }
}

/**
 * Cognito's global sign-out: every refresh token of the user stops working, and so do the
 * access tokens at Cognito's own API (GetUser, ChangePassword…). Our pages and API verify
 * access tokens offline, so this alone would not stop them: tokensValidAfter does.
 * Returns false where the pool cannot do it: the local emulator does not implement the call.
 */
export async function signOutUserEverywhere(email: string): Promise<boolean> {
  const { COGNITO_USER_POOL_ID } = getEnv();
  try {
    const { client, sdk } = await getClient();
    await client.send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: COGNITO_USER_POOL_ID, Username: email }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === "Unsupported" && isLocalStage()) return false;
    return translate(error, "signOutEverywhere");
  }
}

export function resetCognitoClientForTests(): void {
  client?.destroy();
  client = undefined;
}
