import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";
import { assertChromiumInstalled } from "#src/scripts/local/chromium.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const BUNDLE = path.join(root, "src/http/any-catchall/index.mjs");
const CLIENT = path.join(root, "build/client");

/** Starts the production build under arc sandbox (with the Cognito emulator) on free ports. */
export default async function globalSetup() {
  assertChromiumInstalled();
  if (!existsSync(BUNDLE) || !existsSync(CLIENT)) {
    throw new Error(
      "The end-to-end tests run against the production build, and there is none: run `npm run build` first.",
    );
  }
  const builtAt = statSync(BUNDLE).mtimeMs;
  console.log(`e2e: testing the build from ${new Date(builtAt).toISOString()}`);

  // The Lambda's JSON line per request would drown the report: warnings and errors only.
  process.env.AWS_LAMBDA_LOG_LEVEL ??= "WARN";
  // As npm start serves it: sandbox's Lambda processes hand each request to one warm handler.
  process.env.SANDBOX_WARM_HANDLER ??= "on";
  const stack = await startLocalStack({ quiet: true });
  // Workers inherit this process's environment: with the Lambda's own settings (tables,
  // Cognito emulator, secret) they can seed users, tasks and sessions through the services.
  Object.assign(process.env, stack.env);
  process.env.E2E_BASE_URL = `http://127.0.0.1:${stack.ports.http}`;
  console.log(`e2e: app under arc sandbox at ${process.env.E2E_BASE_URL}`);
  return async () => {
    await stack.stop();
  };
}
