/**
 * app.arc's @tables, in its order: the tables the Lambda reads a name for (tableEnvName) and
 * the health check describes. A copy, so a cold start parses no app.arc; arc sandbox and the
 * deploy template take the tables from app.arc itself. The Architect plugins keep their own
 * copy in src/shared-constants.js (TypeScript importing that file breaks Playwright's loader,
 * which turns it into CommonJS without its named exports); tests/unit/table-names.test.ts fails
 * when this list, that copy and app.arc differ, and a deploy stops.
 */
export const TABLES = [
  "tasks",
  "sessions",
  "accounts",
  "idempotency",
  "limits",
  "undo",
  "imports",
  "lists",
  "live",
] as const;

export type TableName = (typeof TABLES)[number];

/** The environment variable holding a table's name: tasks -> TASKS_TABLE. */
export function tableEnvName<T extends string>(table: T): `${Uppercase<T>}_TABLE` {
  return `${table.toUpperCase()}_TABLE` as `${Uppercase<T>}_TABLE`;
}
