// The user pool and its app client (src/plugins/deploy/cognito.js).
import { expect, test } from "vitest";
import { buildWith, resource, STAGES } from "./templates.ts";

test.each(STAGES)(
  "%s: the user pool signs in by email, case-insensitively, with the app's password policy and email verification",
  (stage) => {
    const pool = resource(stage, "UserPool").Properties;
    expect(pool.UsernameAttributes).toEqual(["email"]);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AutoVerifiedAttributes).toEqual(["email"]);
    // A changed email counts only once its code is confirmed: the verified one stays meanwhile.
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ["email"] });
    // At least 10 characters with a digit; "a letter" is the app's own check (Cognito cannot say it).
    expect(pool.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 10,
      RequireNumbers: true,
      RequireLowercase: false,
      RequireUppercase: false,
      RequireSymbols: false,
    });
  },
);

test.each(STAGES)("%s: two-step sign-in is optional per user, with an authenticator app only", (stage) => {
  const pool = resource(stage, "UserPool").Properties;
  expect(pool.MfaConfiguration).toBe("OPTIONAL");
  expect(pool.EnabledMfas).toEqual(["SOFTWARE_TOKEN_MFA"]);
  // SMS would need a role for Cognito to send texts, and costs per message.
  expect(pool.SmsConfiguration).toBeUndefined();
});

test.each(STAGES)("%s: the user pool is deletion protected in production only", (stage) => {
  expect(resource(stage, "UserPool").Properties.DeletionProtection).toBe(
    stage === "production" ? "ACTIVE" : "INACTIVE",
  );
  expect(resource(stage, "UserPool").DeletionPolicy).toBe(stage === "production" ? "Retain" : "Delete");
});

test.each(STAGES)(
  "%s: the app client allows exactly password and refresh sign-in, no secret, revocable tokens and hidden user existence",
  (stage) => {
    const client = resource(stage, "UserPoolClient").Properties;
    expect(client.UserPoolId).toEqual({ Ref: "UserPool" });
    expect(client.ExplicitAuthFlows).toEqual(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
    expect(client.GenerateSecret).toBe(false);
    expect(client.PreventUserExistenceErrors).toBe("ENABLED");
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client).toMatchObject({ AccessTokenValidity: 60, IdTokenValidity: 60, RefreshTokenValidity: 30 });
    expect(client.TokenValidityUnits).toEqual({ AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" });
    expect(client.AllowedOAuthFlows).toBeUndefined();
  },
);

test("the user pool sends email through Cognito by default, and through SES from SES_FROM_EMAIL when set", () => {
  for (const stage of STAGES)
    expect(resource(stage, "UserPool").Properties.EmailConfiguration).toEqual({
      EmailSendingAccount: "COGNITO_DEFAULT",
    });
  expect(resource("custom-domain", "UserPool").Properties.EmailConfiguration).toEqual({
    EmailSendingAccount: "DEVELOPER",
    SourceArn: {
      "Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/no-reply@example.com",
    },
    From: "Task Tracker <no-reply@example.com>",
  });
  expect(() => buildWith({ SES_FROM_EMAIL: "no-reply" })).toThrow(/SES_FROM_EMAIL/);
});
