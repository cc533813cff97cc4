import { defineConfig } from "vitest/config";

// One project per kind of test, so each answers on its own (`npm run test:unit` in seconds) and
// `npm test` runs them all in one vitest run with one report:
//   unit        tests/unit: no local stack, no build, no external tool.
//   bundle      tests/bundle: reads the production build (`npm run build` first).
//   template    tests/template: generates the CloudFormation template once and tests it, one file per
//               concern of src/plugins/deploy/, and runs cfn-lint on it.
//   integration tests/integration (and its subfolders): the built Lambda against one shared
//               local stack (arc sandbox's DynamoDB and the Cognito emulator), started once.
const shared = {
  root: process.cwd(),
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      { test: { ...shared, name: "bundle", include: ["tests/bundle/**/*.test.ts"] } },
      {
        test: {
          ...shared,
          name: "template",
          include: ["tests/template/**/*.test.ts"],
          // `npm run template` once, for every concern's test file.
          globalSetup: ["tests/setup/template-setup.ts"],
        },
      },
      {
        test: {
          ...shared,
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/test-env.ts"],
          server: {
            // The built Lambda bundle is loaded by Node itself, exactly as Lambda would load it.
            deps: { external: [/src\/http\/any-catchall\/index\.mjs$/] },
          },
        },
      },
    ],
  },
});
