import { readFileSync } from "node:fs";
import path from "node:path";
import parseArc from "@architect/parser";
import { afterEach, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { getEnv, resetEnvForTests } from "#src/env.ts";
import { DYNAMODB_ACCESS } from "#src/plugins/deploy/iam.js";
import { localEnv } from "#src/plugins/sandbox-env.js";
import { arcTableNames, tableEnvName as pluginTableEnvName } from "#src/plugins/table-env.js";
import { TABLES, tableEnvName } from "#src/db/tables.ts";
import { TABLES as PLUGIN_TABLES } from "#src/shared-constants.js";

// A new table is an app.arc entry, its repository and its IAM grant. Sandbox and the deploy
// template take the tables from app.arc; the Lambda, which parses no app.arc at cold start,
// reads TABLES in src/db/tables.ts (the deploy plugin its copy in src/shared-constants.js). These
// say what a table added in one place misses.

const root = path.resolve(import.meta.dirname, "../..");
const arc = parseArc(readFileSync(path.join(root, "app.arc"), "utf8")) as Parameters<typeof localEnv>[0]["arc"];
const tables = arcTableNames(arc);

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  resetEnvForTests();
});

test("app.arc's tables are read from the parsed manifest, and each is a lower-case word (its variable's name)", () => {
  expect(tables).toEqual(expect.arrayContaining(["tasks", "sessions", "accounts", "limits", "lists"]));
  for (const table of tables) expect(table).toMatch(/^[a-z][a-z0-9]*$/);
  expect(tableEnvName("tasks")).toBe("TASKS_TABLE");
  // The plugins' copy of the rule (src/plugins/table-env.js says why it is a copy) names the same variables.
  for (const table of tables) expect(pluginTableEnvName(table)).toBe(tableEnvName(table));
});

test("TABLES in src/db/tables.ts and its plugins' copy in src/shared-constants.js list app.arc's tables, in app.arc's order", () => {
  expect([...TABLES], "copy app.arc's @tables into TABLES in src/db/tables.ts").toEqual(tables);
  expect([...PLUGIN_TABLES], "copy app.arc's @tables into TABLES in src/shared-constants.js").toEqual(tables);
});

test("arc sandbox gives the Lambda a name for every app.arc table, and no other", () => {
  const env = localEnv({ arc });
  const tableVars = Object.keys(env).filter((name) => name.endsWith("_TABLE"));

  expect(tableVars.sort()).toEqual(tables.map((table) => tableEnvName(table)).sort());
  for (const table of tables)
    expect(env[tableEnvName(table) as keyof typeof env]).toBe(`task-tracker-staging-${table}`);
});

test("the Lambda requires a name for every app.arc table, and getTableNames (the health check's list) has each", () => {
  process.env = { ...savedEnv, ...localEnv({ arc }), ARC_ENV: "testing" };
  resetEnvForTests();
  const names = getTableNames();
  expect(Object.keys(names), "TABLES in src/db/tables.ts").toEqual(tables);
  for (const table of tables) expect(names[table as keyof typeof names]).toBe(`task-tracker-staging-${table}`);

  for (const table of tables) {
    process.env = { ...savedEnv, ...localEnv({ arc }), ARC_ENV: "testing" };
    delete process.env[tableEnvName(table)];
    resetEnvForTests();
    expect(() => getEnv()).toThrow(new RegExp(`missing environment variables: .*${tableEnvName(table)}`));
  }
});

test("the deploy template grants IAM access on every app.arc table, and on no other", () => {
  const resources = tables.map((table) => `${table[0]?.toUpperCase()}${table.slice(1)}Table`);
  expect(
    Object.keys(DYNAMODB_ACCESS).sort(),
    "add the table's grant to DYNAMODB_ACCESS in src/plugins/deploy/iam.js",
  ).toEqual(resources.sort());
});
