import {
  AssociateSoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect, test } from "vitest";
import { emulatorClient, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, invoke, newSignedInUser, sessionCookieFrom } from "#tests/support/lambda-client.ts";
import { totpCode } from "#tests/support/totp.ts";

// A password change ends every sign-in from before, the browser's own included, and signs the
// browser in again with the new password. With two-step sign-in on, that new sign-in needs the
// app's code: the browser goes to the code form, and the code brings it back to the account page.

/** Turns two-step sign-in on for the account at Cognito, as the account page does; returns the key. */
async function turnOnTwoStepAtCognito(email: string): Promise<string> {
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const client = emulatorClient();
  try {
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const secret = SecretCode ?? "";
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(secret) }));
    await client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    return secret;
  } finally {
    client.destroy();
  }
}

test("with two-step sign-in on, a password change leads to the code form, and the code signs the browser back in", async () => {
  const user = await newSignedInUser();
  const secret = await turnOnTwoStepAtCognito(user.email);
  const newPassword = "Two-step-changed-9";

  const changed = await user.invoke("/account", {
    form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword },
  });

  expect(changed.status).toBe(303);
  expect(changed.headers.location).toBe("/login/code");
  expect(changed.cookies.join("\n")).toMatch(/^session=;/m);
  const challenge = changed.cookies.find((cookie) => cookie.startsWith("signin-challenge="))?.split(";")[0];
  expect(challenge).toBeDefined();
  // The old cookie is signed out already; the code form shows the change was made.
  expect((await user.invoke("/tasks")).status).toBe(303);
  const flash = changed.cookies.find((cookie) => cookie.startsWith("flash="))?.split(";")[0] ?? "";
  const form = await invoke("/login/code", { cookies: [challenge ?? "", flash] });
  expect(form.status).toBe(200);
  expect(form.text).toContain("Changed your password.");

  const accepted = await invoke("/login/code", { cookies: [challenge ?? ""], form: { code: totpCode(secret) } });
  expect(accepted.status).toBe(303);
  expect(accepted.headers.location).toBe("/account");
  const session = sessionCookieFrom(accepted);
  expect(session).toBeDefined();
  const account = await invoke("/account", { cookies: [session ?? ""] });
  expect(account.status).toBe(200);
  expect(account.text).toContain(user.email);
  // Only the new password is right now.
  expect((await invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } })).status).toBe(400);
});
