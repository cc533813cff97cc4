// `npm run lighthouse`: Lighthouse (mobile preset) on the production build under arc sandbox,
// for /login signed out and /tasks signed in as the demo user with a full page of 25 tasks.
// Prints the four category scores and fails unless accessibility and best practices are 100
// everywhere and SEO is at least 90 on public pages. /tasks is private and deliberately kept
// out of search engines (robots.txt), which Lighthouse's SEO score counts against it.
// HTML reports go to .tmp/lighthouse/. Builds first if there is no build (a fresh clone).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromiumInstalled } from "#src/scripts/local/chromium.ts";
import { ensureBuild } from "#src/scripts/local/ensure-build.ts";
import { DEMO_ACCOUNT, createSampleTasks, signIn } from "#src/scripts/local/local-client.ts";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const reportDir = path.join(root, ".tmp/lighthouse");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Required = Partial<Record<(typeof CATEGORIES)[number], number>>;
const REQUIRED: Required = { accessibility: 100, "best-practices": 100 };
const REQUIRED_PUBLIC: Required = { ...REQUIRED, seo: 90 };

assertChromiumInstalled();
ensureBuild();
mkdirSync(reportDir, { recursive: true });
const stack = await startLocalStack({ quiet: true });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS });
let failed = false;
try {
  const baseUrl = `http://127.0.0.1:${stack.ports.http}`;
  const cookie = await signIn(baseUrl, DEMO_ACCOUNT);
  await createSampleTasks(baseUrl, cookie);

  const rows: string[] = [];
  for (const [name, pagePath, headers, required] of [
    ["login", "/login", undefined, REQUIRED_PUBLIC],
    ["tasks", "/tasks", { Cookie: cookie }, REQUIRED],
  ] as const) {
    const result = await lighthouse(`${baseUrl}${pagePath}`, {
      port: chrome.port,
      output: "html",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
      extraHeaders: headers,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
    const { lhr, report } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${pagePath}: ${lhr.runtimeError.message}`);
    writeFileSync(path.join(reportDir, `${name}.html`), Array.isArray(report) ? report.join("") : report);
    const scores = CATEGORIES.map((id) => Math.round((lhr.categories[id]?.score ?? 0) * 100));
    rows.push(`${pagePath.padEnd(20)}${scores.map((score) => String(score).padStart(16)).join("")}`);
    for (const [index, id] of CATEGORIES.entries()) {
      const wanted = (required as Required)[id];
      if (wanted !== undefined && (scores[index] ?? 0) < wanted) {
        failed = true;
        const failing = Object.values(lhr.audits)
          .filter(
            (audit) =>
              audit.score !== null &&
              audit.score < 1 &&
              lhr.categories[id]?.auditRefs.some((ref) => ref.id === audit.id && ref.weight > 0),
          )
          .map((audit) => `  - ${audit.id}: ${audit.title}`);
        console.error(`${pagePath}: ${id} is ${scores[index]}, needs ${wanted}:\n${failing.join("\n")}`);
      }
    }
  }
  console.log(`\n${"Lighthouse (mobile)".padEnd(20)}${CATEGORIES.map((id) => id.padStart(16)).join("")}`);
  for (const row of rows) console.log(row);
  console.log(`\nReports: ${path.relative(root, reportDir)}/login.html, tasks.html`);
} finally {
  chrome.kill();
  await stack.stop();
}
process.exit(failed ? 1 : 0);
