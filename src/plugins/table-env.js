// @ts-check
// Table names reach the Lambda as one environment variable per app.arc table (tasks ->
// TASKS_TABLE). The plugins take the tables from app.arc itself, so sandbox and the deploy
// template need no list edited; the Lambda reads the checked copy, TABLES in shared-constants.js.
//
// tableEnvName is also in shared-constants.js (the Lambda's side; a unit test checks they agree)
// rather than imported from there: sandbox-env, which imports this file, is loaded by Architect
// with require(), and under Playwright's loader a file required that way and later imported by
// deploy-template.js fails to load ("exports is not defined in ES module scope").

/** @param {string} table app.arc's name of a table */
export function tableEnvName(table) {
  return `${table.toUpperCase()}_TABLE`;
}

/** @param {{ tables?: Record<string, unknown>[] }} arc the parsed app.arc */
export function arcTableNames(arc) {
  return (arc.tables ?? []).flatMap((table) => Object.keys(table));
}
