import type { TestProject } from "vitest/node";
import { startLocalStack, type LocalStack } from "#src/scripts/local/local-stack.ts";

let stack: LocalStack | undefined;

/** One sandbox (DynamoDB + plugins) for the whole run; every test makes its own data. */
export async function setup(project: TestProject) {
  stack = await startLocalStack();
  project.provide("localEnv", stack.env);
  project.provide("httpPort", stack.ports.http);
}

export async function teardown() {
  await stack?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localEnv: Record<string, string>;
    httpPort: number;
  }
}
