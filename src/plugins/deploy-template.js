// @ts-check
// Architect deploy.start plugin: turns Architect's template into the system of docs/architecture.md.
// Architect's own output has a public website bucket, `dynamodb:*` and logs on `*`, no
// CloudFront and no Cognito; this replaces those parts and adds the rest, in the same stack.
// Each concern is its own module in ./deploy/, applied here in turn to one shared context.
import { addAlarms } from "./deploy/alarms.js";
import { ref } from "./deploy/cfn.js";
import { addDistribution, cloudFrontOutputs } from "./deploy/cloudfront.js";
import { addUserPool, cognitoOutputs } from "./deploy/cognito.js";
import { grantLeastPrivilege } from "./deploy/iam.js";
import { configureApi, configureLambda } from "./deploy/lambda.js";
import { readSettings } from "./deploy/settings.js";
import { privateStaticBucket, staticBucketOutputs } from "./deploy/static-bucket.js";
import { configureTables, TABLES } from "./deploy/tables.js";
import { addWebAcl } from "./deploy/waf.js";

/**
 * Checks Architect's template is the app this plugin knows and the stage's settings are sound.
 * @param {any} cloudformation @param {{ stage: string, inventory: any }} options
 * @returns {import("./deploy/cfn.js").DeployContext}
 */
function deployContext(cloudformation, { stage, inventory }) {
  const resources = cloudformation.Resources;
  const settings = readSettings(inventory, stage);
  // What app.arc's @aws region says (arc deploy's region); CloudFront's metrics and WAF live in us-east-1.
  const region = inventory.inv.aws?.region;
  if (settings.wafEnabled && region !== "us-east-1") {
    throw new Error(
      `WAF_ENABLED needs the stack in us-east-1 (a CloudFront web ACL can only be created there); this stack deploys to ${region}.`,
    );
  }
  const functionIds = Object.keys(resources).filter((id) => resources[id].Type === "AWS::Serverless::Function");
  if (functionIds.length !== 1 || TABLES.some((id) => !resources[id]) || !resources.StaticBucket || !resources.HTTP) {
    throw new Error(
      "deploy-template expects one @http function, the tasks, sessions, accounts, idempotency, undo, imports, limits and lists tables, @static and the HTTP API.",
    );
  }
  return {
    cloudformation,
    resources,
    stage,
    production: stage === "production",
    settings,
    region,
    functionId: /** @type {string} */ (functionIds[0]),
    // The unique part of the stack id: different for every stack, never in the repo or in git.
    originSecret: settings.originVerifySecret ?? { "Fn::Select": [2, { "Fn::Split": ["/", ref("AWS::StackId")] }] },
  };
}

/**
 * @param {any} cloudformation Architect's template (mutated and returned)
 * @param {{ stage: string, inventory: any }} options
 */
export function applyDeployTemplate(cloudformation, options) {
  const context = deployContext(cloudformation, options);
  const { resources } = context;
  // Nothing reads Architect's SSM service discovery: table names reach the Lambda as env vars.
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === "AWS::SSM::Parameter") delete resources[id];
  }
  delete resources.ParameterStorePolicy;

  configureTables(context);
  addUserPool(context);
  privateStaticBucket(context);
  configureApi(context);
  configureLambda(context);
  grantLeastPrivilege(context);
  addDistribution(context);
  addWebAcl(context);
  addAlarms(context);

  Object.assign(cloudformation.Outputs, staticBucketOutputs(), cloudFrontOutputs(context), cognitoOutputs());
  return cloudformation;
}

export default {
  deploy: {
    /** @param {{ cloudformation: any, stage: string, inventory: any }} params */
    start({ cloudformation, stage, inventory }) {
      return applyDeployTemplate(cloudformation, { stage, inventory });
    },
  },
};
