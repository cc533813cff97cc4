// @ts-check
// DynamoDB: app.arc's @tables and @tables-indexes give the keys, indexes and expiry (`expiresAt
// TTL`), which Architect writes; this gives every table its billing, recovery, encryption and
// retention.

/** @param {import("./cfn.js").DeployContext} context */
export function configureTables({ resources, production, tables }) {
  // Application data: on demand, encrypted, recoverable, and kept when a production stack goes.
  for (const { id } of tables) {
    Object.assign(resources[id].Properties, {
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: production,
    });
  }
  // Data outlives the stack in production (a deleted stack or a replaced table keeps it); staging is disposable.
  for (const { id } of tables) {
    resources[id].DeletionPolicy = production ? "Retain" : "Delete";
    resources[id].UpdateReplacePolicy = production ? "Retain" : "Delete";
  }
}
