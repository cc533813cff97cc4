// `npm run template` (src/scripts/ops/template.ts) and cfn-lint on what it writes.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { fakeProject, root, template, TEMPLATE_SCRIPT, templateDir } from "./templates.ts";

const out = mkdtempSync(path.join(tmpdir(), "template-script-"));

function runTemplateScript(args: string[], cwd = root) {
  return spawnSync(process.execPath, [TEMPLATE_SCRIPT, ...args], { cwd, encoding: "utf8" });
}

test("the staging, production and custom-domain templates pass cfn-lint with every check, informational ones included", () => {
  template("staging"); // says why, when the setup could not write the templates
  const files = ["staging.json", "production.json", "domain/production.json"].map((f) => path.join(templateDir(), f));
  // cfn-lint (AWS's linter, Python) ships with this machine kind: AWS's resource schemas plus the SAM transform.
  const result = spawnSync(
    "cfn-lint",
    ["--regions", "us-east-1", "--include-checks", "I", "--include-experimental", "--", ...files],
    { encoding: "utf8" },
  );
  expect(result.error, "cfn-lint is not installed (pip install cfn-lint)").toBeUndefined();
  expect(`${result.stdout}${result.stderr}`).toBe("");
  expect(result.status).toBe(0);
}, 60_000);

test("the template script refuses to run without a build and says to build first", () => {
  const result = runTemplateScript(["--out", path.join(out, "none")], fakeProject({ built: false }));
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/build is missing .* Run `npm run build` first/);
});

test("the template script lists what it wrote", () => {
  const stdout = execFileSync(
    process.execPath,
    ["src/scripts/ops/template.ts", "--stage", "staging", "--out", path.join(out, "again")],
    { encoding: "utf8" },
  );
  expect(stdout).toMatch(/wrote .*staging\.json \(\d+ resources\)/);
  expect(stdout).toMatch(/APP_SECRET is a placeholder/);
});
