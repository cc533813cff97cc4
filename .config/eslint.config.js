// Lint enforces the layer rules of docs/architecture.md, so they hold without review.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const AWS_SDK = {
  group: ["@aws-sdk/*", "aws-jwt-verify", "aws-jwt-verify/*"],
  message: "Only src/db, repositories, src/auth and src/email talk to AWS.",
};
const FRAMEWORK = {
  group: ["react", "react-dom", "react-dom/*", "@remix-run/*", "#app/*", "**/app/**"],
  message: "src/ is framework-free: no React, Remix or app/ imports.",
};
const TESTS = { group: ["#tests/*", "**/tests/**"], message: "Production code never imports tests." };
const SERVICES = { group: ["#src/**/*-service.ts"], message: "A repository never calls a service." };
const SERVER_ONLY = {
  group: [
    "#src/**",
    "!#src/tasks/task-constants.ts",
    "!#src/tasks/task-dates.ts",
    // Pure (no Node API): the quick-add preview loads it in the browser, on first use.
    "!#src/tasks/quick-add.ts",
    "!#src/tasks/recurrence-text.ts",
    "!#src/tasks/task-edit-fields.ts",
    "!#src/tasks/task-search.ts",
    "!#src/errors.ts",
    "#app/.server/*",
  ],
  message: "Components are presentational: types only from src/, no server modules.",
  allowTypeImports: true,
};

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "src/http/any-catchall/index.mjs",
      "src/http/any-catchall/chunks/**",
      "src/ws/*/index.mjs",
      "test-results/**",
      "playwright-report/**",
      ".tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      // `import { z }` is zod's whole namespace, locales included (~200 KB in the Lambda bundle).
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] ImportSpecifier[imported.name='z']",
          message: 'Use `import * as z from "zod"` so esbuild can drop zod\'s locales.',
        },
      ],
    },
  },
  {
    files: ["src/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [FRAMEWORK, TESTS] }] },
  },
  {
    // The only places that may speak AWS: the DynamoDB layer, repositories, Cognito/JWT code,
    // SES (src/email), and the build-time tooling (plugins and scripts never ship in the Lambda).
    files: ["src/**"],
    ignores: ["src/db/**", "src/**/*-repository.ts", "src/auth/**", "src/email/**", "src/plugins/**", "src/scripts/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [FRAMEWORK, TESTS, AWS_SDK] }] },
  },
  {
    files: ["src/**/*-repository.ts", "src/db/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [FRAMEWORK, TESTS, SERVICES] }] },
  },
  {
    files: ["src/http/**"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    files: ["app/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [TESTS, AWS_SDK] }] },
  },
  {
    files: ["app/components/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [TESTS, AWS_SDK, SERVER_ONLY] }] },
  },
  {
    files: ["tests/e2e/**/*.spec.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: "Import test from ./support/test.ts: it fails a test on any content security policy violation.",
            },
          ],
        },
      ],
    },
  },
);
