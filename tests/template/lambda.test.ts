// The Lambda and its HTTP API (src/plugins/deploy/lambda.js): runtime, size, logs, routes and environment.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { TEMPLATE_SETTINGS } from "#src/plugins/deploy/settings.js";
import { tableEnvName } from "#src/shared-constants.js";
import {
  ARC_TABLES,
  buildWith,
  distribution,
  type Json,
  lambda,
  resource,
  root,
  STAGES,
  tableId,
} from "./templates.ts";

test.each(STAGES)("%s: the Lambda gets table names, Cognito ids, NODE_ENV and APP_SECRET from the stack", (stage) => {
  const variables = lambda(stage).Environment.Variables;
  expect(variables).toMatchObject({
    NODE_ENV: "production",
    ARC_ENV: stage,
    TASKS_TABLE: { Ref: "TasksTable" },
    COGNITO_USER_POOL_ID: { Ref: "UserPool" },
    COGNITO_CLIENT_ID: { Ref: "UserPoolClient" },
  });
  // Every app.arc table's name, and no other.
  const tableVariables = Object.keys(variables).filter((name) => name.endsWith("_TABLE"));
  expect(tableVariables.sort()).toEqual(ARC_TABLES.map((name) => tableEnvName(name)).sort());
  for (const name of ARC_TABLES) expect(variables[tableEnvName(name)]).toEqual({ Ref: tableId(name) });
  // The offline template stands in for `arc env`'s value; arc deploy injects the real one.
  expect(variables.APP_SECRET.length).toBeGreaterThanOrEqual(32);
  expect(variables.AWS_REGION).toBeUndefined();
  expect(variables.DYNAMODB_ENDPOINT).toBeUndefined();
});

test.each(STAGES)(
  "%s: the Lambda runs nodejs22.x on arm64 with a 20 s timeout, 1769 MB (one vCPU) and JSON logs in a log group with retention",
  (stage) => {
    const fn = lambda(stage);
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Timeout).toBe(20);
    expect(fn.MemorySize).toBe(1769);
    expect(fn.LoggingConfig).toEqual({ LogFormat: "JSON", LogGroup: { Ref: "AppLogGroup" } });
    expect(resource(stage, "AppLogGroup").Properties.RetentionInDays).toBe(stage === "production" ? 90 : 14);
  },
);

test.each(STAGES)("%s: the HTTP API throttles its default route and also routes the bare /", (stage) => {
  expect(resource(stage, "HTTP").Properties.DefaultRouteSettings).toEqual({
    ThrottlingBurstLimit: 200,
    ThrottlingRateLimit: 100,
  });
  expect(lambda(stage).Events.RootEvent.Properties).toEqual({ Path: "/", Method: "ANY", ApiId: { Ref: "HTTP" } });
});

test("the Lambda's timeout is below API Gateway's 30 s and CloudFront's origin wait, in the template and in app.arc", () => {
  const arc = readFileSync(path.join(root, "app.arc"), "utf8");
  const arcTimeout = Number(/^timeout (\d+)$/m.exec(arc)?.[1]);
  for (const stage of STAGES) {
    const timeout = lambda(stage).Timeout;
    expect(timeout).toBeLessThan(30);
    expect(timeout).toBe(arcTimeout);
    const api = distribution(stage).Origins.find((origin: Json) => origin.Id === "api");
    expect(timeout).toBeLessThan(api.CustomOriginConfig.OriginReadTimeout);
  }
});

test("reserved concurrency is a stage setting: none by default, RESERVED_CONCURRENCY sets it, nonsense stops the deploy", () => {
  for (const stage of STAGES) expect(lambda(stage).ReservedConcurrentExecutions).toBeUndefined();
  expect(lambda("custom-domain").ReservedConcurrentExecutions).toBe(40);
  expect(() => buildWith({ RESERVED_CONCURRENCY: "many" })).toThrow(/RESERVED_CONCURRENCY must be a whole number/);
  expect(() => buildWith({ RESERVED_CONCURRENCY: "0" })).toThrow(/RESERVED_CONCURRENCY/);
});

test("settings that shape the stack never reach the Lambda's environment", () => {
  const variables = lambda("custom-domain").Environment.Variables;
  for (const name of TEMPLATE_SETTINGS) expect(variables[name], name).toBeUndefined();
  expect(TEMPLATE_SETTINGS).toEqual(
    expect.arrayContaining(["ALARM_EMAIL", "RESERVED_CONCURRENCY", "WAF_ENABLED", "WAF_RATE_LIMIT"]),
  );
});

test("SES_FROM_EMAIL reaches the Lambda, which emails invitations to lists from it; unset, it is absent", () => {
  expect(lambda("custom-domain").Environment.Variables.SES_FROM_EMAIL).toBe("no-reply@example.com");
  for (const stage of STAGES) expect(lambda(stage).Environment.Variables.SES_FROM_EMAIL).toBeUndefined();
});
