// DynamoDB table settings (src/plugins/deploy/tables.js); keys and indexes come from app.arc.
import { expect, test } from "vitest";
import { resource, STAGES } from "./templates.ts";

test.each(STAGES)(
  "%s: every table is on demand with point-in-time recovery and encryption; sessions, idempotency, undo, staged import records and rate-limit counters expire by TTL on expiresAt",
  (stage) => {
    for (const id of [
      "TasksTable",
      "SessionsTable",
      "AccountsTable",
      "IdempotencyTable",
      "UndoTable",
      "ImportsTable",
      "LimitsTable",
      "ListsTable",
    ]) {
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
  for (const id of ["TasksTable", "SessionsTable", "AccountsTable", "IdempotencyTable", "UndoTable", "ImportsTable"]) {
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
