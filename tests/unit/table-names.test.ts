import { readFileSync } from "node:fs";
import path from "node:path";
import parseArc from "@architect/parser";
import { expect, test } from "vitest";
import { DYNAMODB_ACCESS } from "#src/plugins/deploy/iam.js";
import { localEnv } from "#src/plugins/sandbox-env.js";
import { arcTableNames, tableEnvName } from "#src/plugins/table-env.js";

// A new table is an app.arc entry, its repository and its IAM grant. The sandbox derives its
// table names from app.arc; the places that still name tables say here what they miss.

const root = path.resolve(import.meta.dirname, "../..");
const arc = parseArc(readFileSync(path.join(root, "app.arc"), "utf8")) as Parameters<typeof localEnv>[0]["arc"];
const tables = arcTableNames(arc);

test("app.arc's tables are read from the parsed manifest", () => {
  expect(tables).toEqual(expect.arrayContaining(["tasks", "sessions", "accounts", "limits"]));
  expect(tableEnvName("tasks")).toBe("TASKS_TABLE");
});

test("arc sandbox gives the Lambda a name for every app.arc table, and no other", () => {
  const env = localEnv({ arc });
  const tableVars = Object.keys(env).filter((name) => name.endsWith("_TABLE"));

  expect(tableVars.sort()).toEqual(tables.map(tableEnvName).sort());
  for (const table of tables)
    expect(env[tableEnvName(table) as keyof typeof env]).toBe(`task-tracker-staging-${table}`);
});

test("the Lambda's env schema and the deploy template's IAM grants name every app.arc table", () => {
  const envSchema = readFileSync(path.join(root, "src/env.ts"), "utf8");
  for (const table of tables) {
    expect(envSchema, `src/env.ts does not read ${tableEnvName(table)}`).toContain(`${tableEnvName(table)}:`);
    const resource = `${table[0]?.toUpperCase()}${table.slice(1)}Table`;
    expect(Object.keys(DYNAMODB_ACCESS), `src/plugins/deploy/iam.js grants nothing on ${resource}`).toContain(resource);
  }
});
