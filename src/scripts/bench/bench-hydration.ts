// `npm run bench:hydration`: how long a phone's main thread is blocked while /tasks (25 tasks,
// signed in) loads and hydrates, in Chromium with the CPU slowed 4× (Lighthouse's mobile
// setting): the long tasks (over 50 ms), their blocking time (TBT: each one's time past 50 ms),
// the longest, and when the page was hydrated; and the main thread's time in script, style and
// layout over the whole load (Chromium's own counters: much steadier than the long tasks, which
// move with how the work happens to be sliced). Median of ROUNDS (default 7) fresh page loads.
// Runs the production build under arc sandbox; BENCH_URL=<url of another `npm start`> measures
// another build (e.g. an older checkout) against its own data instead. Not part of npm test:
// timings on a shared machine are noise.
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "#src/scripts/local/chromium.ts";
import { ensureBuild } from "#src/scripts/local/ensure-build.ts";
import { browserCookie, createSampleTasks, signIn, signUp } from "#src/scripts/local/local-client.ts";
import { median } from "#src/scripts/bench/percentile.ts";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CPU_SLOWDOWN = 4;

interface Load {
  blockingMs: number;
  longestMs: number;
  longTasks: number;
  hydratedAtMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

async function measure(baseUrl: string): Promise<Load[]> {
  const account = { email: `hydration-${Date.now()}@example.com`, password: "Bench-password-42" };
  await signUp(baseUrl, account);
  const cookie = await signIn(baseUrl, account);
  await createSampleTasks(baseUrl, cookie);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const loads: Load[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      await context.addCookies([browserCookie(cookie, baseUrl)]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      await cdp.send("Performance.enable");
      await page.addInitScript(() => {
        const seen: [number, number][] = [];
        Object.assign(window, { __longTasks: seen });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) seen.push([entry.startTime, entry.duration]);
        }).observe({ type: "longtask", buffered: true });
      });
      await page.goto(`${baseUrl}/tasks`, { waitUntil: "load" });
      // "Select all" is added by the bulk toolbar once it runs in the browser: hydrated.
      await page.getByText("Select all on this page").waitFor();
      const hydratedAtMs = await page.evaluate(() => performance.now());
      await page.waitForTimeout(1_500);
      const long = await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
      const { metrics } = await cdp.send("Performance.getMetrics");
      const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
      loads.push({
        blockingMs: long.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
        longestMs: Math.max(0, ...long.map(([, duration]) => duration)),
        longTasks: long.length,
        hydratedAtMs,
        scriptMs: seconds("ScriptDuration") * 1000,
        styleMs: seconds("RecalcStyleDuration") * 1000,
        layoutMs: seconds("LayoutDuration") * 1000,
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return loads;
}

let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
let baseUrl = process.env.BENCH_URL;
if (!baseUrl) {
  ensureBuild();
  process.env.SANDBOX_WARM_HANDLER ??= "on";
  stack = await startLocalStack({ quiet: true });
  baseUrl = `http://127.0.0.1:${stack.ports.http}`;
}
try {
  const loads = await measure(baseUrl);
  const row = (label: string, values: number[], unit = " ms") =>
    console.log(
      `${label.padEnd(44)}${`${median(values).toFixed(0)}${unit}`.padStart(10)}   (${values.map((v) => v.toFixed(0)).join(", ")})`,
    );
  console.log(`\n/tasks, 25 tasks, CPU ${CPU_SLOWDOWN}× slower, median of ${ROUNDS} loads (each load):`);
  row(
    "Total blocking time (long tasks past 50 ms)",
    loads.map((load) => load.blockingMs),
  );
  row(
    "Longest task",
    loads.map((load) => load.longestMs),
  );
  row(
    "Long tasks",
    loads.map((load) => load.longTasks),
    "",
  );
  row(
    "Hydrated at (since navigation start)",
    loads.map((load) => load.hydratedAtMs),
  );
  row(
    "Main thread in script, whole load",
    loads.map((load) => load.scriptMs),
  );
  row(
    "… in style recalculation",
    loads.map((load) => load.styleMs),
  );
  row(
    "… in layout",
    loads.map((load) => load.layoutMs),
  );
} finally {
  await stack?.stop();
}
