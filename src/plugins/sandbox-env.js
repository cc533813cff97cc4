// @ts-check
// Architect plugin: the environment the Lambda sees under `arc sandbox` (and in tests that
// start sandbox). Deployed stages get their values from the deploy plugin instead.

/** Sandbox's DynamoDB port; our scripts always set ARC_TABLES_PORT so sandbox never moves it. */
const tablesPort = () => Number(process.env.ARC_TABLES_PORT || 5555);

import path from "node:path";
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID } from "./cognito-emulator.js";
import { cognitoLocalPort } from "./cognito-local.js";
import { arcTableNames, tableEnvName } from "./table-env.js";
import { warmHandlerEnv } from "./warm-handler.js";

/** A fixed secret is fine locally: sandbox data lives in memory and dies with the process. */
export const LOCAL_APP_SECRET = "local-sandbox-secret-not-used-in-any-deployed-stage";

/** @param {{ arc: { app: string[], aws?: [string, string][], tables?: Record<string, unknown>[] } }} params */
export function localEnv({ arc }) {
  const app = arc.app[0];
  const region = arc.aws?.find(([key]) => key === "region")?.[1] ?? "us-east-1";
  return {
    // Sandbox creates both staging and production tables; it runs as ARC_ENV=testing on staging's.
    ...Object.fromEntries(arcTableNames(arc).map((table) => [tableEnvName(table), `${app}-staging-${table}`])),
    // Tests and e2e sign up hundreds of users from 127.0.0.1; the rate-limit tests turn them on.
    RATE_LIMITS: "off",
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${tablesPort()}`,
    AWS_REGION: region,
    APP_SECRET: LOCAL_APP_SECRET,
    COGNITO_USER_POOL_ID: LOCAL_USER_POOL_ID,
    COGNITO_CLIENT_ID: LOCAL_CLIENT_ID,
    COGNITO_ENDPOINT: `http://127.0.0.1:${cognitoLocalPort()}`,
    // Sandbox's emulation of API Gateway's management API for @ws sockets (on its internal port).
    LIVE_SOCKET_ENDPOINT: `http://127.0.0.1:${Number(process.env.ARC_INTERNAL_PORT || 2222)}/_arc/ws`,
  };
}

export default {
  set: {
    /** Must be synchronous: it runs while Architect reads the project. */
    env(/** @type {any} */ params) {
      const cwd = params.inventory?.inv?._project?.cwd ?? process.cwd();
      return {
        testing: {
          ...localEnv(params),
          // Sandbox starts a fresh Node process for every request, which pays the bundle's
          // import each time; V8's compile cache (kept across runs) spares the compiling part.
          NODE_COMPILE_CACHE: path.join(cwd, ".tmp/compile-cache"),
          // The request log's level (Lambda sets it from the function's settings): the browser
          // tests start sandbox with WARN, so their output is failures, not a line per request.
          ...(process.env.AWS_LAMBDA_LOG_LEVEL ? { AWS_LAMBDA_LOG_LEVEL: process.env.AWS_LAMBDA_LOG_LEVEL } : {}),
          // npm start: hand requests to one warm copy of the handler (warm-handler.js).
          ...warmHandlerEnv(),
        },
      };
    },
  },
};
