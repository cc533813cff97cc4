// @ts-check
// Table names reach the Lambda as one environment variable per app.arc table (tasks ->
// TASKS_TABLE): derived here from the parsed app.arc, so a new table needs no list edited.

/** @param {string} table app.arc's name of a table */
export function tableEnvName(table) {
  return `${table.toUpperCase().replace(/-/g, "_")}_TABLE`;
}

/** @param {{ tables?: Record<string, unknown>[] }} arc the parsed app.arc */
export function arcTableNames(arc) {
  return (arc.tables ?? []).flatMap((table) => Object.keys(table));
}
