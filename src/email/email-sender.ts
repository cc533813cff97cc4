/**
 * Email the app sends itself (Cognito sends its own codes): through SES v2 from the stage's
 * verified SES_FROM_EMAIL identity. The SDK is imported on the first send only, so it adds
 * nothing to a cold start; the Lambda's role needs ses:SendEmail on that identity.
 */

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

import type * as Sesv2 from "@aws-sdk/client-sesv2";

let loaded: Promise<{ sdk: typeof Sesv2; client: Sesv2.SESv2Client }> | undefined;

function loadSes(region: string) {
  loaded ??= import("@aws-sdk/client-sesv2").then((sdk) => ({
    sdk,
    client: new sdk.SESv2Client({ region, maxAttempts: 2 }),
  }));
  return loaded;
}

/** A header value from text a user chose (a list's name): one line, so it cannot add headers. */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, " ").trim();
}

export async function sendEmail(from: string, region: string, email: OutgoingEmail): Promise<void> {
  const { sdk, client } = await loadSes(region);
  await client.send(
    new sdk.SendEmailCommand({
      FromEmailAddress: `Task Tracker <${from}>`,
      Destination: { ToAddresses: [email.to] },
      Content: {
        Simple: {
          Subject: { Data: oneLine(email.subject), Charset: "UTF-8" },
          Body: { Text: { Data: email.text, Charset: "UTF-8" } },
        },
      },
    }),
  );
}
