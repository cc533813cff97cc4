import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LOCAL_REGION } from "#src/plugins/cognito-emulator.js";

/** Direct access to the local Cognito emulator, for arranging tests (never used by the app). */
export function emulatorClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: process.env.COGNITO_ENDPOINT,
    region: LOCAL_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

export function newEmail(): string {
  return `user-${crypto.randomUUID()}@example.com`;
}

export async function createConfirmedUser(email: string, password: string): Promise<void> {
  const client = emulatorClient();
  const UserPoolId = process.env.COGNITO_USER_POOL_ID;
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: email,
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: email }],
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }),
  );
  client.destroy();
}

export async function tokensFor(email: string, password: string, clientId = process.env.COGNITO_CLIENT_ID) {
  const client = emulatorClient();
  const result = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  client.destroy();
  const tokens = result.AuthenticationResult;
  if (!tokens?.AccessToken || !tokens.RefreshToken || !tokens.IdToken) throw new Error("no tokens");
  return { accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken, idToken: tokens.IdToken };
}
