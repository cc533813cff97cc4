// @ts-check
// A local stand-in for Amazon Cognito: cognito-local, started in this process, bound to
// 127.0.0.1, with a Cognito-shaped user pool id and the real issuer format, so the app's
// production verification code (aws-jwt-verify) runs unchanged. Used by the cognito-local
// Architect plugin (npm run dev, npm start) and by the tests. Never part of the Lambda bundle.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

export const LOCAL_REGION = "us-east-1";
export const LOCAL_USER_POOL_ID = "us-east-1_TaskLocal1";
export const LOCAL_CLIENT_ID = "tasktrackerlocalclient0001";
/** An app client whose access tokens live two seconds, for tests of refresh on expiry. */
export const LOCAL_SHORT_CLIENT_ID = "tasktrackershortclient0001";
export const LOCAL_CODE = "123456";
export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "DemoPassword1";

/**
 * @param {{ port?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ port: number, endpoint: string, stop: () => Promise<void> }>}
 */
export async function startCognitoEmulator({ port = 0, log = (line) => console.log(line) } = {}) {
  // cognito-local pulls in the v2 AWS SDK, which prints a maintenance notice on load.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";
  const lib = (/** @type {string} */ file) => require(`cognito-local/lib/${file}`);
  const { createServer } = lib("server/server.js");
  const { Router } = lib("server/Router.js");
  const { DefaultConfig } = lib("server/config.js");
  const { DateClock, MessagesService, TriggersService } = lib("services/index.js");
  const { CognitoServiceFactoryImpl } = lib("services/cognitoService.js");
  const { UserPoolServiceFactoryImpl } = lib("services/userPoolService.js");
  const { StormDBDataStoreFactory } = lib("services/dataStore/stormDb.js");
  const { MessageDeliveryService } = lib("services/messageDelivery/messageDelivery.js");
  const { JwtTokenGenerator } = lib("services/tokenGenerator.js");
  const pino = /** @type {(options: object) => object} */ (require("pino"));

  // Like sandbox's DynamoDB, local accounts live only as long as the process.
  const dataDir = await mkdtemp(path.join(tmpdir(), "task-tracker-cognito-"));
  const logger = pino({ level: "silent" });
  const ctx = { logger };
  const config = {
    ...DefaultConfig,
    UserPoolDefaults: { UsernameAttributes: ["email"] },
    TokenConfig: { IssuerDomain: `https://cognito-idp.${LOCAL_REGION}.amazonaws.com` },
    ServerConfig: { port, hostname: "127.0.0.1", development: false, https: false },
  };
  const clock = new DateClock();
  const dbDir = path.join(dataDir, "db");
  const storeFactory = new StormDBDataStoreFactory(dbDir);
  const cognito = await new CognitoServiceFactoryImpl(
    dbDir,
    storeFactory,
    new UserPoolServiceFactoryImpl(clock, storeFactory),
  ).create(ctx, config.UserPoolDefaults);
  const lambda = { enabled: () => false, invoke: async () => Promise.reject(new Error("no Lambda triggers locally")) };
  const triggers = new TriggersService(clock, cognito, lambda, null);
  /** @param {unknown} _ctx @param {{ Username: string, Attributes?: { Name: string, Value: string }[] }} user @param {unknown} _destination @param {{ __code?: string }} message */
  const deliver = async (_ctx, user, _destination, message) => {
    const email = user.Attributes?.find((attribute) => attribute.Name === "email")?.Value ?? user.Username;
    log(`[cognito-local] code for ${email}: ${message.__code ?? LOCAL_CODE}`);
  };
  const services = {
    clock,
    cognito,
    config,
    triggers,
    messages: new MessagesService(triggers, new MessageDeliveryService({ sendEmail: deliver, sendSms: deliver })),
    otp: () => LOCAL_CODE,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
  };

  const now = new Date();
  await cognito.createUserPool(ctx, {
    Id: LOCAL_USER_POOL_ID,
    Name: "task-tracker-local",
    Arn: `arn:aws:cognito-idp:${LOCAL_REGION}:000000000000:userpool/${LOCAL_USER_POOL_ID}`,
    UsernameAttributes: ["email"],
    AutoVerifiedAttributes: ["email"],
    // As deployed: a user who turned on two-step sign-in is asked for an authenticator code.
    MfaConfiguration: "OPTIONAL",
    CreationDate: now,
    LastModifiedDate: now,
  });
  const pool = await cognito.getUserPool(ctx, LOCAL_USER_POOL_ID);
  /** @param {string} ClientId @param {number} accessValidity @param {string} unit */
  const appClient = (ClientId, accessValidity, unit) => ({
    ClientId,
    ClientName: ClientId,
    UserPoolId: LOCAL_USER_POOL_ID,
    CreationDate: now,
    LastModifiedDate: now,
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    EnableTokenRevocation: true,
    AccessTokenValidity: accessValidity,
    IdTokenValidity: accessValidity,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: unit, IdToken: unit, RefreshToken: "days" },
  });
  await pool.saveAppClient(ctx, appClient(LOCAL_CLIENT_ID, 60, "minutes"));
  await pool.saveAppClient(ctx, appClient(LOCAL_SHORT_CLIENT_ID, 2, "seconds"));

  const { NotAuthorizedError, UserNotFoundError } = lib("errors.js");
  const router = Router(services);
  /** @param {string} target */
  const routes = (target) =>
    target === "AdminSetUserMFAPreference"
      ? adminSetUserMfaPreference(cognito, NotAuthorizedError, UserNotFoundError)
      : router(target);
  const server = await createServer(routes, logger, config.ServerConfig, services).start();
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const endpoint = `http://127.0.0.1:${boundPort}`;
  await seedDemoUser(endpoint);

  return {
    port: boundPort,
    endpoint,
    stop: async () => {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * AdminSetUserMFAPreference, which cognito-local 5.3 lacks: the app calls it (with the Lambda's
 * IAM rights, deployed) to turn an account's authenticator off after a recovery code was used,
 * when there is no access token to call SetUserMFAPreference with. Only the authenticator-app
 * setting is honoured, as the app uses only that; Cognito's own behaviour is the same for it.
 * @param {any} cognito @param {any} NotAuthorizedError @param {any} UserNotFoundError
 */
function adminSetUserMfaPreference(cognito, NotAuthorizedError, UserNotFoundError) {
  /** @param {any} ctx @param {{ UserPoolId?: string, Username?: string, SoftwareTokenMfaSettings?: { Enabled?: boolean, PreferredMfa?: boolean } }} req */
  return async (ctx, req) => {
    if (!req.UserPoolId || !req.Username) throw new NotAuthorizedError();
    const userPool = await cognito.getUserPool(ctx, req.UserPoolId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError("User does not exist.");
    const software = req.SoftwareTokenMfaSettings;
    if (!software) return {};
    if (software.Enabled && !user.SoftwareTokenMfaConfiguration?.Verified) throw new NotAuthorizedError();
    const methods = new Set(user.UserMFASettingList ?? []);
    if (software.Enabled) methods.add("SOFTWARE_TOKEN_MFA");
    else methods.delete("SOFTWARE_TOKEN_MFA");
    const preferred = software.Enabled && software.PreferredMfa ? "SOFTWARE_TOKEN_MFA" : undefined;
    await userPool.saveUser(ctx, { ...user, UserMFASettingList: [...methods], PreferredMfaSetting: preferred });
    return {};
  };
}

/** A confirmed account to sign in with straight away (written in the README). */
async function seedDemoUser(/** @type {string} */ endpoint) {
  const { AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } = await import(
    "@aws-sdk/client-cognito-identity-provider"
  );
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: LOCAL_USER_POOL_ID,
      Username: DEMO_EMAIL,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: DEMO_EMAIL },
        { Name: "email_verified", Value: "true" },
      ],
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: LOCAL_USER_POOL_ID,
      Username: DEMO_EMAIL,
      Password: DEMO_PASSWORD,
      Permanent: true,
    }),
  );
  client.destroy();
}
