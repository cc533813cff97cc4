import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const TEMPLATE_SCRIPT = path.join(process.cwd(), "src/scripts/ops/template.ts");
export const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc";

let out: string | undefined;

/** Every setting a stage can have at once: the "custom-domain" template is the fully configured stack. */
const EVERY_SETTING = [
  "ALARM_EMAIL=ops@example.com",
  "RESERVED_CONCURRENCY=40",
  "WAF_ENABLED=true",
  "WAF_RATE_LIMIT=500",
  "SES_FROM_EMAIL=no-reply@example.com",
];

function runTemplateScript(args: string[]): void {
  const result = spawnSync(process.execPath, [TEMPLATE_SCRIPT, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm run template ${args.join(" ")} failed:\n${result.stderr}`);
}

/**
 * `npm run template` once for the whole template project (it needs `npm run build`): the
 * staging and production templates as they are by default, and production with every setting.
 */
export function setup(project: TestProject) {
  out = mkdtempSync(path.join(tmpdir(), "deploy-template-"));
  // A global setup that throws stops every project of the run, unit and integration too: a
  // template that cannot be generated is reported by each template test instead (templates.ts).
  let error = "";
  try {
    runTemplateScript(["--out", out]);
    runTemplateScript([
      "--stage",
      "production",
      "--out",
      path.join(out, "domain"),
      "--domain",
      "tasks.example.com",
      "--certificate-arn",
      CERTIFICATE,
      ...EVERY_SETTING.flatMap((setting) => ["--set", setting]),
    ]);
  } catch (failure) {
    error = (failure as Error).message;
  }
  project.provide("templateDir", out);
  project.provide("templateError", error);
}

export function teardown() {
  if (out) rmSync(out, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDir: string;
    /** Why `npm run template` failed in the setup; empty when it wrote every template. */
    templateError: string;
  }
}
