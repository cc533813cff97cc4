// arc deploy stops with a clear message (src/plugins/deploy-preflight.js) before Architect packages anything.
import { utimesSync } from "node:fs";
import path from "node:path";
import { expect, test, vi } from "vitest";
import preflight from "#src/plugins/deploy-preflight.js";
import { fakeInventory, fakeProject } from "./templates.ts";

const SECRET = "s".repeat(32);

test("deploy stops and says to build first when the bundle or the client build is missing", () => {
  const inventory = fakeInventory(fakeProject({ built: false }), { APP_SECRET: SECRET });
  expect(() => preflight.deploy.start({ inventory, stage: "staging" })).toThrow(
    /build is missing \(src\/http\/any-catchall\/index\.mjs, build\/client\)\. Run `npm run build` first/,
  );
});

test("deploy stops when a source is newer than the bundle, and a dry run only warns", () => {
  const project = fakeProject({ built: true });
  const inventory = fakeInventory(project, { APP_SECRET: SECRET });
  expect(() => preflight.deploy.start({ inventory, stage: "production" })).not.toThrow();
  const future = new Date(Date.now() + 60_000);
  utimesSync(path.join(project, "app/root.tsx"), future, future);
  expect(() => preflight.deploy.start({ inventory, stage: "production" })).toThrow(
    /older than its sources \(app\/root\.tsx\)/,
  );
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  expect(() => preflight.deploy.start({ inventory, stage: "production", dryRun: true })).not.toThrow();
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/older than its sources/));
  warn.mockRestore();
});

test("deploy stops with the arc env command to run when APP_SECRET is missing or shorter than 32 characters", () => {
  const project = fakeProject({ built: true });
  expect(() => preflight.deploy.start({ inventory: fakeInventory(project, null), stage: "staging" })).toThrow(
    /APP_SECRET is not set for staging[\s\S]*arc env --add --env staging APP_SECRET/,
  );
  expect(() =>
    preflight.deploy.start({ inventory: fakeInventory(project, { APP_SECRET: "short" }), stage: "production" }),
  ).toThrow(/APP_SECRET is shorter than 32 characters for production/);
  expect(() =>
    preflight.deploy.start({
      inventory: fakeInventory(project, { APP_SECRET: SECRET, ORIGIN_VERIFY_SECRET: "short" }),
      stage: "production",
    }),
  ).toThrow(/ORIGIN_VERIFY_SECRET for production must be at least 16 characters/);
});

test("deploy stops on a short previous secret, or a previous origin secret without a current one (the app would refuse to start)", () => {
  const project = fakeProject({ built: true });
  const deploy = (env: Record<string, string>) =>
    preflight.deploy.start({ inventory: fakeInventory(project, { APP_SECRET: SECRET, ...env }), stage: "production" });
  expect(() => deploy({ APP_SECRET_PREVIOUS: "short" })).toThrow(
    /APP_SECRET_PREVIOUS for production must be at least 32/,
  );
  expect(() => deploy({ ORIGIN_VERIFY_SECRET: "o".repeat(16), ORIGIN_VERIFY_SECRET_PREVIOUS: "short" })).toThrow(
    /ORIGIN_VERIFY_SECRET_PREVIOUS for production must be at least 16/,
  );
  expect(() => deploy({ ORIGIN_VERIFY_SECRET_PREVIOUS: "p".repeat(16) })).toThrow(/without ORIGIN_VERIFY_SECRET/);
  expect(() =>
    deploy({
      APP_SECRET_PREVIOUS: "q".repeat(32),
      ORIGIN_VERIFY_SECRET: "o".repeat(16),
      ORIGIN_VERIFY_SECRET_PREVIOUS: "p".repeat(16),
    }),
  ).not.toThrow();
});
