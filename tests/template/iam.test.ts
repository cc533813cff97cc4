// The Lambda's role (src/plugins/deploy/iam.js): exactly what the code calls, derived from src/.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { COGNITO_ADMIN_ACCESS, DYNAMODB_ACCESS } from "#src/plugins/deploy/iam.js";
import { type Json, policyStatements, resource, root, STAGES } from "./templates.ts";

const SDK_ACTIONS: Record<string, string> = {
  Get: "GetItem",
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  BatchGet: "BatchGetItem",
  BatchWrite: "BatchWriteItem",
  TransactGet: "TransactGetItems",
  TransactWrite: "TransactWriteItems",
};

/** The argument text of a call, from its opening parenthesis to the matching one. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === "(") depth += 1;
    else if (text[i] === ")" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error("unbalanced call");
}

/**
 * What the Lambda's code calls, per IAM resource ("TasksTable", "TasksTable/index/byDue"),
 * derived from src/: each `new commands.XCommand(…)` belongs to the table its file names with
 * `getTableNames().<table>` (every table for `Object.values(getTableNames())`); a file that names
 * none (src/db/batch-write.ts) lends its calls to the tables of the files importing it. A Query
 * goes to its `IndexName` when that is a literal, to the table and every index when computed.
 */
function dynamoAccessNeededBySrc(indexesOf: (table: string) => string[]): Map<string, Set<string>> {
  // Scripts and plugins run on developer machines and in CI, never in the Lambda.
  const files = readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith(".d.ts") && !/^(scripts|plugins)\//.test(f))
    .map((f) => f.split(path.sep).join("/"));
  const allTables = Object.keys(DYNAMODB_ACCESS);
  const tableId = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}Table`;
  type Call = { action: string; args: string };
  const byFile = new Map<string, { tables: string[]; calls: Call[]; text: string }>();
  for (const file of files) {
    const text = readFileSync(path.join(root, "src", file), "utf8");
    // Only src/db/sdk.ts names SDK parts (client.ts loads it lazily, and its types); everyone else
    // gets `commands` from client.ts.
    if (/@aws-sdk\/(lib|client)-dynamodb/.test(text)) expect(["db/client.ts", "db/sdk.ts"]).toContain(file);
    const calls: Call[] = [];
    for (const match of text.matchAll(/new\s+commands\.(\w+)Command\s*\(/g)) {
      const command = match[1]!;
      calls.push({
        action: `dynamodb:${SDK_ACTIONS[command] ?? command}`,
        args: callArguments(text, match.index + match[0].length - 1),
      });
    }
    // A command used any other way (passed around, aliased) would escape this scan.
    expect([...text.matchAll(/\bcommands\.\w+Command\b/g)].length, file).toBe(calls.length);
    // src/db/query-pages.ts sends the Query its callers describe: each `queryPages(callDynamo,
    // { … })` is a Query of its own file's table (with that call's IndexName), the helper none.
    for (const match of text.matchAll(/\bqueryPages\(\s*\w+\s*,\s*\{/g))
      calls.push({ action: "dynamodb:Query", args: callArguments(text, match.index + match[0].indexOf("(")) });
    if (file === "db/query-pages.ts") calls.length = 0;
    const tables = /Object\.values\(getTableNames\(\)\)/.test(text)
      ? allTables
      : [...new Set([...text.matchAll(/getTableNames\(\)\.(\w+)/g)].map((m) => tableId(m[1]!)))];
    byFile.set(file, { tables, calls, text });
  }
  const needed = new Map<string, Set<string>>();
  const need = (resourceKey: string, action: string) => {
    if (!needed.has(resourceKey)) needed.set(resourceKey, new Set());
    needed.get(resourceKey)!.add(action);
  };
  for (const [file, { tables, calls }] of byFile) {
    if (calls.length === 0) continue;
    let owners = tables;
    if (owners.length === 0) {
      // A helper taking the table as an argument: its importers say which tables.
      owners = [...byFile.values()]
        .filter((other) => other.text.includes(`#src/${file}"`))
        .flatMap((other) => other.tables);
    }
    expect(owners.length, `${file} calls DynamoDB but no table can be told`).toBeGreaterThan(0);
    // One table per repository file, or every table (the health check): anything else is ambiguous.
    if (tables.length > 0 && tables !== allTables)
      expect(tables.length, `${file} names several tables: split it per table`).toBe(1);
    for (const table of owners) {
      expect(allTables, `${file}: ${table} is not one of the stack's tables`).toContain(table);
      for (const { action, args } of calls) {
        const index = /IndexName:\s*"([^"]+)"/.exec(args)?.[1];
        if (action !== "dynamodb:Query" || !/IndexName/.test(args)) need(table, action);
        else if (index) need(`${table}/index/${index}`, action);
        else for (const name of ["", ...indexesOf(table).map((i) => `/index/${i}`)]) need(`${table}${name}`, action);
      }
    }
  }
  return needed;
}

/** The statement's resource as dynamoAccessNeededBySrc names it. */
function resourceKey(resource: Json): string {
  if (resource["Fn::GetAtt"]) return resource["Fn::GetAtt"][0];
  const [, table, index] = /^\$\{(\w+)\.Arn\}\/index\/(\w+)$/.exec(resource["Fn::Sub"]) ?? [];
  if (!table) throw new Error(`unexpected resource ${JSON.stringify(resource)}`);
  return `${table}/index/${index}`;
}

test.each(STAGES)(
  "%s: each table and index grants exactly the DynamoDB actions the code calls on it, and nothing else is granted",
  (stage) => {
    const dynamo = policyStatements(stage).filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("dynamodb:")),
    );
    const indexesOf = (table: string): string[] =>
      (resource(stage, table).Properties.GlobalSecondaryIndexes ?? []).map((index: Json) => index.IndexName);
    expect(indexesOf("TasksTable")).toEqual([
      "byStatus",
      "byDue",
      "byStatusDue",
      "byPriority",
      "byStatusPriority",
      "byAssignee",
      "byOpenFirst",
      "byIndexUser",
      "byIndexUserOpen",
    ]);
    const granted = new Map<string, string[]>();
    for (const statement of dynamo) {
      const key = resourceKey(statement.Resource);
      expect(granted.has(key), `${key} has one statement`).toBe(false);
      granted.set(key, [statement.Action].flat().sort());
    }
    const needed = dynamoAccessNeededBySrc(indexesOf);
    // Compared resource by resource: a Query the tasks table needs is not excused by the undo table's.
    const asObject = (map: Map<string, Iterable<string>>) =>
      Object.fromEntries([...map].map(([key, actions]) => [key, [...actions].sort()]).sort());
    expect(asObject(granted)).toEqual(asObject(needed));
    // Sanity of the derivation itself: the calls the repositories are known to make are found.
    expect(needed.get("TasksTable")).toContain("dynamodb:Query");
    expect(needed.get("TasksTable")).toContain("dynamodb:BatchWriteItem");
    expect(needed.get("SessionsTable/index/bySub")).toEqual(new Set(["dynamodb:Query"]));
    expect(needed.get("SessionsTable")).not.toContain("dynamodb:Query");
    for (const table of Object.keys(DYNAMODB_ACCESS)) expect(needed.get(table)).toContain("dynamodb:DescribeTable");
  },
);

test.each(STAGES)(
  "%s: the Lambda may make exactly the Cognito admin calls the code makes, on its own user pool only",
  (stage) => {
    const cognito = policyStatements(stage).filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("cognito-idp:")),
    );
    const text = readdirSync(path.join(root, "src/auth"))
      .map((file) => readFileSync(path.join(root, "src/auth", file), "utf8"))
      .join("\n");
    const called = [...new Set([...text.matchAll(/new sdk\.(Admin\w+)Command\(/g)].map((m) => `cognito-idp:${m[1]}`))];
    expect(called.sort()).toEqual([...COGNITO_ADMIN_ACCESS].sort());
    expect(cognito).toEqual([
      expect.objectContaining({ Action: COGNITO_ADMIN_ACCESS, Resource: { "Fn::GetAtt": ["UserPool", "Arn"] } }),
    ]);
  },
);

test.each(STAGES)(
  "%s: the Lambda may write logs only to its own log group, and nothing is granted on * or with a wildcard action",
  (stage) => {
    const statements = policyStatements(stage);
    const logs = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("logs:")));
    expect(logs).toEqual([
      expect.objectContaining({
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: { "Fn::GetAtt": ["AppLogGroup", "Arn"] },
      }),
    ]);
    for (const statement of statements) {
      expect(statement.Effect).toBe("Allow");
      expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|:\*"/);
      expect([statement.Action].flat().some((a: string) => a.includes("*"))).toBe(false);
    }
    expect(resource(stage, "Role").Properties.Policies.map((p: Json) => p.PolicyName)).toEqual(["AppLeastPrivilege"]);
  },
);

test.each(STAGES)(
  "%s: of Cognito's admin API the Lambda may only look a user up, sign them out everywhere, turn their authenticator off and delete them, on its own pool",
  (stage) => {
    const cognito = policyStatements(stage).filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("cognito-idp:")),
    );
    expect(cognito).toEqual([
      {
        Sid: "OwnUserPoolAdminCalls",
        Effect: "Allow",
        Action: [
          "cognito-idp:AdminDeleteUser",
          "cognito-idp:AdminGetUser",
          "cognito-idp:AdminSetUserMFAPreference",
          "cognito-idp:AdminUserGlobalSignOut",
        ],
        Resource: { "Fn::GetAtt": ["UserPool", "Arn"] },
      },
    ]);
  },
);

test("SES: with SES_FROM_EMAIL the Lambda may send email from that identity only; without it, no SES at all", () => {
  const ses = (stage: (typeof STAGES)[number] | "custom-domain") =>
    (resource(stage, "Role").Properties.Policies as Json[])
      .flatMap((policy) => policy.PolicyDocument.Statement as Json[])
      .filter((s) => [s.Action].flat().some((a: string) => a.startsWith("ses:")));
  for (const stage of STAGES) expect(ses(stage)).toEqual([]);
  expect(ses("custom-domain")).toEqual([
    {
      Sid: "SendFromOwnIdentity",
      Effect: "Allow",
      Action: ["ses:SendEmail"],
      Resource: {
        "Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/no-reply@example.com",
      },
    },
  ]);
  // The one SES call the code makes is that one: src/email/email-sender.ts.
  const sender = readFileSync(path.join(root, "src/email/email-sender.ts"), "utf8");
  expect([...sender.matchAll(/new sdk\.(\w+)Command\(/g)].map((match) => match[1])).toEqual(["SendEmail"]);
});
