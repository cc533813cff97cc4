// Starts what the app needs locally, offline: arc sandbox (its in-memory DynamoDB with the
// tables from app.arc, and the Lambda behind HTTP) plus whatever our plugins start with it.
// Used by `npm run dev`, the test global setup and the e2e server.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import parseArc from "@architect/parser";
import sandbox from "@architect/sandbox";
import { localEnv } from "#src/plugins/sandbox-env.js";

export interface LocalStackPorts {
  http: number;
  tables: number;
  internal: number;
  cognito: number;
}

export interface LocalStack {
  ports: LocalStackPorts;
  /** The environment the Lambda sees under sandbox, for code running in this process. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function startLocalStack(
  options: Partial<LocalStackPorts> & { quiet?: boolean } = {},
): Promise<LocalStack> {
  const ports: LocalStackPorts = {
    http: options.http ?? (await findFreePort()),
    tables: options.tables ?? (await findFreePort()),
    internal: options.internal ?? (await findFreePort()),
    cognito: options.cognito ?? (await findFreePort()),
  };
  // Set before start: the plugin's set.env reads them while sandbox loads the project, and an
  // explicit port makes sandbox fail loudly instead of silently moving to another one.
  process.env.ARC_TABLES_PORT = String(ports.tables);
  process.env.ARC_INTERNAL_PORT = String(ports.internal);
  process.env.COGNITO_LOCAL_PORT = String(ports.cognito);
  // The local DynamoDB ignores credentials, but the SDK wants some and otherwise probes EC2.
  process.env.AWS_ACCESS_KEY_ID ??= "local";
  process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  const cwd = path.resolve(import.meta.dirname, "../../..");
  await sandbox.start({ cwd, port: ports.http, host: "127.0.0.1", quiet: options.quiet ?? true });
  const env: Record<string, string> = {
    ...localEnv({ arc: parseArc(readFileSync(path.join(cwd, "app.arc"), "utf8")) }),
    ARC_ENV: "testing",
  };
  return {
    ports,
    env,
    stop: async () => {
      await sandbox.end();
    },
  };
}
