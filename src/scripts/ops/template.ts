// Writes the CloudFormation template `arc deploy` would send, offline: Architect's own
// packaging of app.arc, then our deploy.start plugins, exactly as @architect/deploy runs them.
// `arc deploy --dry-run` cannot do this: it calls SSM and CloudFormation before anything else.
//
//   npm run build && npm run template                      -> .tmp/template/{staging,production}.json
//   npm run template -- --stage production --out dir --domain app.example.com --certificate-arn arn:…
//   npm run template -- --set ALARM_EMAIL=ops@example.com --set WAF_ENABLED=true   (any `arc env` setting)
//
// Like `arc deploy`, it needs the build: the template's CodeUri is the bundled function folder.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import inventory from "@architect/inventory";
import pkg from "@architect/package";
import { deepFrozenCopy, toLogicalID } from "@architect/utils";
import { checkBuild } from "#src/plugins/deploy-preflight.js";

export type Stage = "staging" | "production";

/** Stands in for the APP_SECRET that `arc deploy` reads from SSM (`arc env`); never deployed. */
export const PLACEHOLDER_APP_SECRET = "offline-template-placeholder-set-APP_SECRET-with-arc-env";

export interface TemplateOptions {
  cwd?: string;
  stage: Stage;
  /** What `arc env` holds for the stage; APP_SECRET defaults to a placeholder. Null: nothing set. */
  env?: Record<string, string> | null;
}

type Template = {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, unknown>;
} & Record<string, unknown>;

export async function generateTemplate({ cwd = process.cwd(), stage, env }: TemplateOptions): Promise<Template> {
  const inv = await inventory({ cwd, deployStage: stage });
  // `arc deploy` loads `arc env` values from SSM (inventory with env: true); offline we supply them.
  const stageEnv = env === null ? null : { APP_SECRET: PLACEHOLDER_APP_SECRET, ...env };
  inv.inv._project.env.aws = { testing: null, staging: null, production: null, [stage]: stageEnv };

  let cloudformation = pkg(inv) as Template;
  // As @architect/deploy/src/sam/plugins/start.js does it (dryRun: nothing is shipped).
  const frozen = deepFrozenCopy(inv);
  const stackName = `${toLogicalID(inv.inv.app)}${stage === "production" ? "Production" : "Staging"}`;
  for (const plugin of inv.inv.plugins?._methods?.deploy?.start ?? []) {
    const result = await plugin({
      arc: frozen.inv._project.arc,
      cloudformation,
      dryRun: true,
      inventory: frozen,
      stackName,
      stage,
    });
    if (result) cloudformation = result as Template;
  }
  return cloudformation;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stage: { type: "string" },
      out: { type: "string", default: ".tmp/template" },
      domain: { type: "string" },
      "certificate-arn": { type: "string" },
      set: { type: "string", multiple: true, default: [] },
    },
  });
  const stages: Stage[] = values.stage ? [values.stage as Stage] : ["staging", "production"];
  if (!stages.every((stage) => stage === "staging" || stage === "production")) {
    throw new Error("--stage is staging or production");
  }
  try {
    checkBuild(process.cwd());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const env: Record<string, string> = {};
  if (values.domain) env.CUSTOM_DOMAIN = values.domain;
  if (values["certificate-arn"]) env.CUSTOM_DOMAIN_CERTIFICATE_ARN = values["certificate-arn"];
  for (const setting of values.set) {
    const [name, ...value] = setting.split("=");
    if (!name || value.length === 0) throw new Error(`--set takes NAME=VALUE, not "${setting}"`);
    env[name] = value.join("=");
  }

  mkdirSync(values.out, { recursive: true });
  for (const stage of stages) {
    const template = await generateTemplate({ stage, env });
    const file = path.join(values.out, `${stage}.json`);
    writeFileSync(file, `${JSON.stringify(template, null, 2)}\n`);
    console.log(`wrote ${file} (${Object.keys(template.Resources).length} resources)`);
  }
  console.log(
    `APP_SECRET is a placeholder here; arc deploy uses the value set with \`arc env --add --env <stage> APP_SECRET …\`.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
