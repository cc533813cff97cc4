// `npm test`: every check the project has, in order, ending with one line a CI reader can
// trust: "N passed, N failed". Steps: typecheck, lint, build, vitest (every project of
// .config/vitest.config.ts: unit, bundle, template, integration, in one run with one report),
// Playwright (end-to-end, when present). Runs them all even if one fails, then exits non-zero.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const reports = path.join(root, ".tmp/reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function readVitest(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readPlaywright(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

let stepsWithoutFailedTests = 0;

function add(name: string, counts: Counts | undefined, stepOk: boolean) {
  if (!stepOk && (counts?.failed ?? 0) === 0) stepsWithoutFailedTests += 1;
  if (!counts) {
    console.log(`${name}: no report was written`);
    if (stepOk) {
      failedSteps.push(`${name} report`);
      stepsWithoutFailedTests += 1;
    }
    return;
  }
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (counts.passed + counts.failed === 0) {
    console.log(`${name} ran no tests`);
    failedSteps.push(`${name} (no tests)`);
    stepsWithoutFailedTests += 1;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const started = Date.now();

for (const [name, ok] of [
  ["typecheck", run("typecheck", bin("tsc"), ["-p", "."])],
  ["lint", run("lint", bin("eslint"), ["--config", ".config/eslint.config.js", "--max-warnings", "0", "."])],
] as const) {
  if (!ok) {
    stepsWithoutFailedTests += 1;
    console.log(`${name} failed`);
  }
}
const built = run("build", "npm", ["run", "build", "--silent"]);
if (!built) stepsWithoutFailedTests += 1;

const vitestReport = path.join(reports, "vitest.json");
if (built) {
  const vitestOk = run("vitest: unit, bundle, template and integration tests", bin("vitest"), [
    "run",
    "--config",
    ".config/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestReport}`,
  ]);
  add("vitest", readVitest(vitestReport), vitestOk);

  if (existsSync(path.join(root, ".config/playwright.config.ts"))) {
    const playwrightReport = path.join(reports, "playwright.json");
    const playwrightOk = run(
      "end-to-end tests",
      bin("playwright"),
      ["test", "--config", ".config/playwright.config.ts"],
      {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
      },
    );
    add("playwright", readPlaywright(playwrightReport), playwrightOk);
  }
}

console.log(
  `\nTook ${((Date.now() - started) / 1000).toFixed(1)} s.${failedSteps.length ? ` Failed steps: ${failedSteps.join(", ")}.` : ""}`,
);
// A step that failed without a failing test behind it (typecheck, lint, build, a suite that
// could not start) still counts as one failure, so the closing line never reads "0 failed"
// for a red run.
const failed = totals.failed + stepsWithoutFailedTests;
console.log(`${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
