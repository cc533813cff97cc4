// @ts-check
// DynamoDB: app.arc's @tables and @tables-indexes give the keys and indexes (Architect writes
// them); this gives every table its billing, recovery, encryption, expiry and retention.

/** Application data: on demand, encrypted, recoverable, and kept when a production stack goes. */
export const TABLES = [
  "TasksTable",
  "SessionsTable",
  "AccountsTable",
  "IdempotencyTable",
  "UndoTable",
  "ImportsTable",
  "LimitsTable",
  "ListsTable",
];

/** Tables whose items carry `expiresAt` (epoch seconds) and go when it passes. */
const EXPIRING = ["SessionsTable", "IdempotencyTable", "UndoTable", "ImportsTable", "LimitsTable", "ListsTable"];

/** @param {import("./cfn.js").DeployContext} context */
export function configureTables({ resources, production }) {
  for (const id of TABLES) {
    Object.assign(resources[id].Properties, {
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: production,
    });
  }
  for (const id of EXPIRING)
    resources[id].Properties.TimeToLiveSpecification = { AttributeName: "expiresAt", Enabled: true };
  // Data outlives the stack in production (a deleted stack or a replaced table keeps it); staging is disposable.
  for (const id of TABLES) {
    resources[id].DeletionPolicy = production ? "Retain" : "Delete";
    resources[id].UpdateReplacePolicy = production ? "Retain" : "Delete";
  }
}
