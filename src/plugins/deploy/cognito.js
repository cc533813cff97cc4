// @ts-check
// Cognito: the user pool the app signs people in with and its one public app client. The
// Lambda's admin calls on the pool are granted in iam.js.
import { ref, sub } from "./cfn.js";

/** @param {import("./cfn.js").DeployContext} context */
export function addUserPool({ resources, production, settings }) {
  resources.UserPool = {
    Type: "AWS::Cognito::UserPool",
    Properties: {
      UserPoolName: sub("${AWS::StackName}-users"),
      UserPoolTier: "LITE",
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ["email"],
      // A new email address takes effect only once the code sent to it is confirmed: until then
      // the account keeps signing in, recovering and answering invitations with the old, verified
      // one (a token holder cannot move it to an address they do not own, or leave it unverified).
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      // Two-step sign-in is each user's choice, with an authenticator app (no SMS costs or phone numbers).
      MfaConfiguration: "OPTIONAL",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      // Cognito cannot say "a letter"; the app enforces that part of the rule itself.
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireNumbers: true,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
      // Cognito's own sender allows a few dozen emails a day; a verified SES address has no such cap.
      EmailConfiguration: settings.sesFromEmail
        ? {
            EmailSendingAccount: "DEVELOPER",
            SourceArn: sub(
              `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${settings.sesFromEmail}`,
            ),
            From: `Task Tracker <${settings.sesFromEmail}>`,
          }
        : { EmailSendingAccount: "COGNITO_DEFAULT" },
      DeletionProtection: production ? "ACTIVE" : "INACTIVE",
    },
    // The accounts outlive a production stack, like the tables; staging's go with it.
    DeletionPolicy: production ? "Retain" : "Delete",
    UpdateReplacePolicy: production ? "Retain" : "Delete",
  };
  resources.UserPoolClient = {
    Type: "AWS::Cognito::UserPoolClient",
    Properties: {
      ClientName: sub("${AWS::StackName}-web"),
      UserPoolId: ref("UserPool"),
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      SupportedIdentityProviders: ["COGNITO"],
      ReadAttributes: ["email", "email_verified"],
      WriteAttributes: ["email"],
    },
  };
}

/** What `aws cognito-idp initiate-auth --client-id` needs to get a token for the JSON API. */
export function cognitoOutputs() {
  return {
    UserPoolId: { Description: "Cognito user pool", Value: ref("UserPool") },
    UserPoolClientId: { Description: "Cognito app client", Value: ref("UserPoolClient") },
  };
}
