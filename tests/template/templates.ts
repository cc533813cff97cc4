// Nobody here can deploy, so every property of the system is asserted on the template
// `npm run template` writes (Architect's packaging plus our deploy.start plugins), and the whole
// template must pass cfn-lint. Needs `npm run build`.
// tests/setup/template-setup.ts writes the templates once; each concern's test file reads them here.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import parseArc from "@architect/parser";
import { inject } from "vitest";
import { BUNDLE, CLIENT_BUILD } from "#src/plugins/deploy-preflight.js";
import { applyDeployTemplate } from "#src/plugins/deploy-template.js";
import { arcTableNames } from "#src/plugins/table-env.js";

export const root = process.cwd();
/** app.arc's tables (tasks, …) and their resources in the template (TasksTable, …). */
export const ARC_TABLES = arcTableNames(
  parseArc(readFileSync(path.join(root, "app.arc"), "utf8")) as { tables?: Record<string, unknown>[] },
);
export const tableId = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}Table`;
export const TABLE_IDS = ARC_TABLES.map(tableId);

export const STAGES = ["staging", "production"] as const;
export type Stage = (typeof STAGES)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
export type Json = any;

export { CERTIFICATE, TEMPLATE_SCRIPT } from "../setup/template-setup.ts";

/** Where the setup wrote staging.json, production.json and domain/production.json. */
export const templateDir = (): string => inject("templateDir");

const loaded = {} as Record<Stage | "custom-domain", Json>;
/** The staging and production templates, and "custom-domain": production with every stage setting. */
export function template(stage: Stage | "custom-domain"): Json {
  const error = inject("templateError");
  if (error) throw new Error(error);
  const file = stage === "custom-domain" ? "domain/production.json" : `${stage}.json`;
  loaded[stage] ??= JSON.parse(readFileSync(path.join(templateDir(), file), "utf8"));
  return loaded[stage];
}

export const resource = (stage: Stage | "custom-domain", id: string): Json => {
  const found = template(stage).Resources[id];
  if (!found) throw new Error(`${stage} template has no ${id}`);
  return found;
};
export const distribution = (stage: Stage | "custom-domain") =>
  resource(stage, "Distribution").Properties.DistributionConfig;
export const lambda = (stage: Stage | "custom-domain") => resource(stage, "AnyCatchallHTTPLambda").Properties;
export const policyStatements = (stage: Stage): Json[] =>
  resource(stage, "Role").Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);

/** A throwaway project folder with or without a build, for the preflight checks. */
export function fakeProject({ built }: { built: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), "deploy-preflight-"));
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "app/root.tsx"), "export {};\n");
  if (built) {
    mkdirSync(path.join(dir, path.dirname(BUNDLE)), { recursive: true });
    mkdirSync(path.join(dir, CLIENT_BUILD), { recursive: true });
    writeFileSync(path.join(dir, BUNDLE), "export const handler = () => {};\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, "app/root.tsx"), past, past);
  }
  return dir;
}

/** Just enough of Architect's inventory for the plugin: the stage's `arc env`, the region and app.arc's tables. */
export const fakeInventory = (
  cwd: string,
  stageEnv: Record<string, string> | null,
  region = "us-east-1",
  tables = ARC_TABLES,
) => ({
  inv: {
    aws: { region },
    tables: tables.map((name) => ({ name })),
    _project: { cwd, env: { aws: { testing: null, staging: stageEnv, production: stageEnv } } },
  },
});

/** Just enough of Architect's template for applyDeployTemplate's own checks to run. */
export function templatesBeforePlugins(): Json {
  const fn = { Type: "AWS::Serverless::Function", Properties: { Environment: { Variables: {} }, Events: {} } };
  const role = { Type: "AWS::IAM::Role", Properties: {} };
  const http = { Type: "AWS::Serverless::HttpApi", Properties: { DefinitionBody: { paths: {} } } };
  const tables = Object.fromEntries(TABLE_IDS.map((id) => [id, { Type: "AWS::DynamoDB::Table", Properties: {} }]));
  return {
    Resources: { Role: role, HTTP: http, Fn: fn, ...tables, StaticBucket: { Type: "AWS::S3::Bucket", Properties: {} } },
    Outputs: {},
  };
}

/** Architect's template stand-in through the plugin, with these `arc env` settings. */
export const buildWith = (env: Record<string, string>, stage: Stage = "staging", region = "us-east-1"): Json =>
  applyDeployTemplate(structuredClone(templatesBeforePlugins()), {
    stage,
    inventory: fakeInventory(root, env, region),
  });
