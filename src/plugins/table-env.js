// @ts-check
// Table names reach the Lambda as one environment variable per app.arc table (tasks ->
// TASKS_TABLE). The plugins take the tables from app.arc itself, so sandbox and the deploy
// template need no list edited; the Lambda reads the checked copy, TABLES in shared-constants.js.
export { tableEnvName } from "../shared-constants.js";

/** @param {{ tables?: Record<string, unknown>[] }} arc the parsed app.arc */
export function arcTableNames(arc) {
  return (arc.tables ?? []).flatMap((table) => Object.keys(table));
}
