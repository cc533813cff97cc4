// DynamoDB table settings (src/plugins/deploy/tables.js); keys and indexes come from app.arc.
import { expect, test } from "vitest";
import { applyDeployTemplate } from "#src/plugins/deploy-template.js";
import {
  ARC_TABLES,
  fakeInventory,
  type Json,
  resource,
  root,
  STAGES,
  TABLE_IDS,
  template,
  templatesBeforePlugins,
} from "./templates.ts";

test.each(STAGES)(
  "%s: every table is on demand with point-in-time recovery and encryption; sessions, idempotency, undo, staged import records and rate-limit counters expire by TTL on expiresAt",
  (stage) => {
    const tables = Object.entries(template(stage).Resources)
      .filter(([, r]: [string, Json]) => r.Type === "AWS::DynamoDB::Table")
      .map(([id]) => id);
    expect(tables).toEqual(TABLE_IDS);
    expect(tables).toContain("ListsTable");
    for (const id of tables) {
      const table = resource(stage, id).Properties;
      expect(table.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.SSESpecification).toEqual({ SSEEnabled: true });
    }
    for (const id of ["SessionsTable", "IdempotencyTable", "UndoTable", "ImportsTable", "LimitsTable", "ListsTable"])
      expect(resource(stage, id).Properties.TimeToLiveSpecification).toEqual({
        AttributeName: "expiresAt",
        Enabled: true,
      });
  },
);

test.each(STAGES)("%s: tables are deletion protected and retained in production only", (stage) => {
  for (const id of TABLE_IDS) {
    expect(resource(stage, id).Properties.DeletionProtectionEnabled).toBe(stage === "production");
    expect(resource(stage, id).DeletionPolicy).toBe(stage === "production" ? "Retain" : "Delete");
  }
});

test.each(STAGES)("%s: accounts are keyed by the Cognito sub, and sessions have a keys-only bySub index", (stage) => {
  const accounts = resource(stage, "AccountsTable").Properties;
  expect(accounts.KeySchema).toEqual([{ AttributeName: "id", KeyType: "HASH" }]);
  const indexes = resource(stage, "SessionsTable").Properties.GlobalSecondaryIndexes;
  expect(indexes).toEqual([
    expect.objectContaining({
      IndexName: "bySub",
      KeySchema: [{ AttributeName: "sub", KeyType: "HASH" }],
      Projection: { ProjectionType: "KEYS_ONLY" },
    }),
  ]);
});

test("a deploy stops, saying what to change, when app.arc's tables and the Lambda's TABLES differ", () => {
  const deploy = (tables: string[]) => () => {
    const cloudformation = templatesBeforePlugins();
    for (const name of tables)
      cloudformation.Resources[`${name[0]!.toUpperCase()}${name.slice(1)}Table`] ??= {
        Type: "AWS::DynamoDB::Table",
        Properties: {},
      };
    return applyDeployTemplate(cloudformation, {
      stage: "staging",
      inventory: fakeInventory(root, {}, "us-east-1", tables),
    });
  };
  expect(deploy(ARC_TABLES)).not.toThrow();
  expect(deploy([...ARC_TABLES, "notes"])).toThrow(
    /app\.arc's @tables \(.*, notes\) and TABLES in src\/shared-constants\.js \(.*\) must list the same tables/,
  );
  expect(deploy(ARC_TABLES.filter((name) => name !== "undo"))).toThrow(/TABLES in src\/shared-constants\.js/);
});
