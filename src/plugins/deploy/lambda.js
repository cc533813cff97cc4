// @ts-check
// The one Lambda and the HTTP API in front of it: runtime, size, logs, the bare `/` route, and
// the environment the app reads (src/env.ts): table names, Cognito ids, the origin secret.
import { ref, sub } from "./cfn.js";
import { TEMPLATE_SETTINGS } from "./settings.js";

/**
 * Lambda's CPU scales with memory, and 1,769 MB is one full vCPU (more does not help one Node
 * thread). Nearly all of a request's time in this function is CPU: `npm run bench` on one core
 * here measures the import at about 45 ms, the first signed-in /tasks after it at about 180 ms
 * and a warm /tasks at about 10 ms of CPU, against 2-3 ms of DynamoDB. At 1,024 MB (0.58 of a
 * vCPU) each takes about 1.7 times as long: a cold start near 0.4 s instead of 0.23 s, a warm
 * page about 7 ms slower. Duration falls almost as memory rises: a warm page is about 21.6 GB-ms
 * here against 19.8 (about 10% more, the DynamoDB wait billed at the higher rate; the charge per
 * request is the same), and the free tier's 400,000 GB-s a month is still about 230,000 s of
 * this function. Peak RSS stays under 200 MB.
 */
export const LAMBDA = { MemorySize: 1769, Timeout: 20 };
// API Gateway gives up at 30 s whatever the Lambda does; at 20 s our own timeout (a logged
// Lambda error, an alarm) is what users and operators see. app.arc says the same for sandbox.

/** @param {import("./cfn.js").DeployContext} context */
export function configureApi({ resources }) {
  const api = resources.HTTP.Properties;
  // Static files come from S3 through CloudFront, not through Architect's API proxy.
  delete api.DefinitionBody.paths["/_static/{proxy+}"];
  api.DefaultRouteSettings = { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 };
}

/** @param {import("./cfn.js").DeployContext} context */
export function configureLambda({ resources, production, settings, functionId, originSecret, tables }) {
  resources.AppLogGroup = {
    Type: "AWS::Logs::LogGroup",
    Properties: {
      LogGroupName: sub("/aws/lambda/${AWS::StackName}-app"),
      RetentionInDays: production ? 90 : 14,
    },
    // Logs age out anyway; they go with the stack.
    DeletionPolicy: "Delete",
    UpdateReplacePolicy: "Delete",
  };
  const fn = resources[functionId].Properties;
  Object.assign(fn, {
    Runtime: "nodejs22.x",
    Architectures: ["arm64"],
    MemorySize: LAMBDA.MemorySize,
    Timeout: LAMBDA.Timeout,
    // One JSON object per line (request id, level, message), which metric filters and Logs Insights read.
    LoggingConfig: { LogFormat: "JSON", LogGroup: ref("AppLogGroup") },
  });
  if (settings.reservedConcurrency !== undefined) fn.ReservedConcurrentExecutions = settings.reservedConcurrency;
  // `/{proxy+}` does not match the bare `/` in an HTTP API, so the landing page needs its own route.
  fn.Events.RootEvent = { Type: "HttpApi", Properties: { Path: "/", Method: "ANY", ApiId: ref("HTTP") } };
  const variables = fn.Environment.Variables;
  for (const name of ["ARC_ROLE", "ARC_STATIC_BUCKET", "ARC_STATIC_SPA", "ARC_SESSION_TABLE_NAME"])
    delete variables[name];
  Object.assign(variables, {
    NODE_ENV: "production",
    ...Object.fromEntries(tables.map(({ envName, id }) => [envName, ref(id)])),
    COGNITO_USER_POOL_ID: ref("UserPool"),
    COGNITO_CLIENT_ID: ref("UserPoolClient"),
    ORIGIN_VERIFY_SECRET: originSecret,
  });
  if (settings.domain) variables.APP_ORIGIN = `https://${settings.domain}`;
  // Only ever set by `arc env` for the stack itself; the app has no use for them.
  for (const name of TEMPLATE_SETTINGS) delete variables[name];
  // The app emails invitations to lists from the same verified identity Cognito sends from.
  if (settings.sesFromEmail) variables.SES_FROM_EMAIL = settings.sesFromEmail;
  else delete variables.SES_FROM_EMAIL;
}
