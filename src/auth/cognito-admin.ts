import { callCognito } from "#src/auth/cognito.ts";
import { getEnv } from "#src/env.ts";

/**
 * Recovery-code sign-in's admin call (the Lambda's role may make it on its own pool only), before
 * there is a user token to do it with. Its own module, loaded only by that rare sign-in.
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
