import { defineConfig } from "vitest/config";

export default defineConfig({
  root: process.cwd(),
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/test-env.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    server: {
      // The built Lambda bundle is loaded by Node itself, exactly as Lambda would load it.
      deps: { external: [/src\/http\/any-catchall\/index\.mjs$/] },
    },
  },
});
