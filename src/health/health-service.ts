import { describeTablesReachable } from "#src/db/table-health.ts";

export interface HealthReport {
  ok: boolean;
  tables: "reachable" | "unreachable";
}

export async function checkHealth(): Promise<HealthReport> {
  const reachable = await describeTablesReachable().catch(() => false);
  return { ok: reachable, tables: reachable ? "reachable" : "unreachable" };
}
