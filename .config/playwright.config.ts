import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "../src/scripts/local/chromium.ts";

// The suite runs against the production build under arc sandbox with the local Cognito
// emulator, started on free ports by the global setup, which hands the URL to the workers
// through E2E_BASE_URL (workers inherit the environment the setup leaves behind).
const reportFile = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

export default defineConfig({
  testDir: "../tests/e2e",
  outputDir: "../test-results",
  globalSetup: "../tests/e2e/support/global-setup.ts",
  // Two cores here: one worker per core keeps Lambda cold starts from starving the browser.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Whole journeys load 20+ pages, each a fresh Lambda process under arc sandbox; on a busy
  // 2-core machine that alone can pass a minute. Each step still waits at most 10 s (expect).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: reportFile ? [["list"], ["json", { outputFile: reportFile }]] : [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    launchOptions: chromiumLaunchOptions(),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "javascript", use: { javaScriptEnabled: true } },
    // Focus management and pending states only exist with JavaScript.
    { name: "no-javascript", use: { javaScriptEnabled: false }, testIgnore: "**/*.js-only.spec.ts" },
  ],
});
