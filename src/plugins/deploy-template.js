// @ts-check
// Architect deploy.start plugin: turns Architect's template into the system of docs/architecture.md.
// Architect's own output has a public website bucket, `dynamodb:*` and logs on `*`, no
// CloudFront and no Cognito; this replaces those parts and adds the rest, in the same stack.
// Each concern is its own module in ./deploy/, applied here in turn to one shared context.
import { toLogicalID } from "@architect/utils";
import { TABLES, tableEnvName } from "../shared-constants.js";
import { addAlarms } from "./deploy/alarms.js";
import { ref } from "./deploy/cfn.js";
import { addDistribution, cloudFrontOutputs } from "./deploy/cloudfront.js";
import { addUserPool, cognitoOutputs } from "./deploy/cognito.js";
import { DYNAMODB_ACCESS, grantLeastPrivilege } from "./deploy/iam.js";
import { configureApi, configureLambda } from "./deploy/lambda.js";
import { readSettings } from "./deploy/settings.js";
import { privateStaticBucket, staticBucketOutputs } from "./deploy/static-bucket.js";
import { configureTables } from "./deploy/tables.js";
import { addWebAcl } from "./deploy/waf.js";
import { WS_FUNCTIONS, addWebSocketAlarms, configureWebSocket } from "./deploy/websocket.js";

/**
 * app.arc's tables, which the Lambda must know (TABLES) and may use (an IAM grant): a table
 * missing from either would deploy a stack whose Lambda fails on it, so the deploy stops here.
 * @param {any} inventory
 * @returns {import("./deploy/cfn.js").Table[]}
 */
function appTables(inventory) {
  /** @type {string[]} */
  const names = (inventory.inv.tables ?? []).map((/** @type {{ name: string }} */ table) => table.name);
  if (names.join() !== TABLES.join()) {
    throw new Error(
      `app.arc's @tables (${names.join(", ")}) and TABLES in src/shared-constants.js (${TABLES.join(", ")}) must list the same tables in the same order.`,
    );
  }
  const tables = names.map((name) => ({ name, id: `${toLogicalID(name)}Table`, envName: tableEnvName(name) }));
  const granted = Object.keys(DYNAMODB_ACCESS);
  for (const { name, id } of tables) {
    if (!granted.includes(id))
      throw new Error(`app.arc's table ${name} has no grant (${id}) in DYNAMODB_ACCESS, src/plugins/deploy/iam.js.`);
  }
  const unknown = granted.filter((id) => !tables.some((table) => table.id === id));
  if (unknown.length > 0)
    throw new Error(`DYNAMODB_ACCESS grants on ${unknown.join(", ")}, which app.arc does not have.`);
  return tables;
}

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
  // The page Lambda; app.arc's @ws handlers are websocket.js's.
  const functionIds = Object.keys(resources).filter(
    (id) => resources[id].Type === "AWS::Serverless::Function" && !WS_FUNCTIONS.includes(id),
  );
  const tables = appTables(inventory);
  if (
    functionIds.length !== 1 ||
    tables.some(({ id }) => !resources[id]) ||
    !resources.StaticBucket ||
    !resources.HTTP
  ) {
    throw new Error("deploy-template expects one @http function, app.arc's @tables, @static and the HTTP API.");
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
    tables,
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
  configureWebSocket(context);
  grantLeastPrivilege(context);
  addDistribution(context);
  addWebAcl(context);
  addAlarms(context);
  addWebSocketAlarms(context);

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
