import { callCognito } from "#src/auth/cognito.ts";
import { getEnv } from "#src/env.ts";

/**
 * Admin calls (the Lambda's role may make them on its own pool only) for rare moments with no
 * user token to act with: recovery-code sign-in, and deleting an account. Its own module,
 * loaded only then.
 */

/**
 * Turns the account's authenticator app off without the user's token (after a recovery code
 * was accepted): the next password sign-in is not asked for a code. Admin API.
 */
export async function turnOffSoftwareTokenForUser(email: string): Promise<void> {
  const { COGNITO_USER_POOL_ID } = getEnv();
  await callCognito("adminRecovery", ({ client, sdk }) =>
    client.send(
      new sdk.AdminSetUserMFAPreferenceCommand({
        UserPoolId: COGNITO_USER_POOL_ID,
        Username: email,
        SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
      }),
    ),
  );
}

/**
 * Deletes the account's Cognito user (deleting an account, after its data): it can no longer
 * sign in, refresh a token or be found. Already gone is success, so a deletion that stopped
 * after this step can run it again. Admin API.
 */
export async function deleteCognitoUser(email: string): Promise<void> {
  const { COGNITO_USER_POOL_ID } = getEnv();
  await callCognito("adminDelete", async ({ client, sdk }) => {
    try {
      await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: COGNITO_USER_POOL_ID, Username: email }));
    } catch (error) {
      if (error instanceof Error && error.name === "UserNotFoundException") return;
      throw error;
    }
  });
}
