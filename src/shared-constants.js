// @ts-check
// Values both the Lambda (TypeScript) and the Architect plugins (plain JavaScript, loaded by
// Architect without a build step) must agree on: one source, imported on both sides.

/** The `event` of the JSON log line for an origin refusal; the stack's metric filter counts it. */
export const ORIGIN_REFUSED_EVENT = "origin-refused";

/** Retry-After, in seconds, of a 503 whose end nobody knows (DynamoDB or Cognito unreachable). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * app.arc's @tables, in its order, for the deploy plugin's check. The Lambda's copy is TABLES in
 * src/db/tables.ts (TypeScript imports of this file break under Playwright's loader);
 * tests/unit/table-names.test.ts fails and a deploy stops when the copies and app.arc differ.
 */
export const TABLES = /** @type {const} */ ([
  "tasks",
  "sessions",
  "accounts",
  "idempotency",
  "limits",
  "undo",
  "imports",
  "lists",
  "live",
]);

/** @typedef {(typeof TABLES)[number]} TableName */

/**
 * The environment variable holding a table's name: tasks -> TASKS_TABLE. Table names are
 * lower-case words (a unit test checks app.arc), so this is a valid variable name.
 * @template {string} T
 * @param {T} table
 * @returns {`${Uppercase<T>}_TABLE`}
 */
export function tableEnvName(table) {
  return /** @type {`${Uppercase<T>}_TABLE`} */ (`${table.toUpperCase()}_TABLE`);
}
