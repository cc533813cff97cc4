import { inject } from "vitest";

// Code under test reads its configuration from process.env, as it does in Lambda.
Object.assign(process.env, inject("localEnv"));

// One JSON line per request would bury the test report: keep warnings and errors only (tests of
// the request log lower it themselves).
process.env.AWS_LAMBDA_LOG_LEVEL ??= "WARN";
