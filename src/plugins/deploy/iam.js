// @ts-check
// IAM: the Lambda's role may do exactly what the code calls, on this stack's resources only
// (Architect's own role has `dynamodb:*`, SSM and logs on `*`). tests/template/iam.test.ts
// derives what the code calls from src/ and compares it with these grants.
import { getAtt, sub } from "./cfn.js";

/**
 * The Cognito admin calls the app makes (src/auth/), on its own user pool only, where no token
 * of the user is at hand: after a password reset, find the account's sub and end its sign-ins
 * (cognito.ts); signing in with a recovery code, turn its authenticator app off; deleting an
 * account, delete its user (cognito-admin.ts). Every other Cognito call is a public client call that needs no IAM
 * rights. tests/template/iam.test.ts derives this list from the code.
 */
export const COGNITO_ADMIN_ACCESS = [
  "cognito-idp:AdminDeleteUser",
  "cognito-idp:AdminGetUser",
  "cognito-idp:AdminSetUserMFAPreference",
  "cognito-idp:AdminUserGlobalSignOut",
];

/**
 * What the code calls (grep src/ for `*Command`), table by table. Sessions: get, put, update and
 * delete of one item by id, and a query of the bySub index (a settings change reaches every
 * session of the user). Accounts: get and update of one item by id. Idempotency (the JSON API's
 * Idempotency-Key records): a conditional put, a get and an update of one item by id. Undo: a
 * batch write of an undo's items, a query of them by undo id, and the conditional "used" update.
 * Tasks: a batch get reads the tasks a bulk action names.
 * Imports: put, get and conditional update of one item, a Query of one upload's parts, and
 * BatchWriteItem (a deleted account's records go 25 at a time); tasks also take BatchWriteItem
 * (an import creates them 25 at a time, a purge deletes them so).
 * DescribeTable is the health check, on every table (src/db/table-health.ts). Keep in step with
 * the code: tests/template/iam.test.ts derives, table by table, what each repository file calls.
 */
export const DYNAMODB_ACCESS = {
  TasksTable: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:DescribeTable",
    ],
    // Every list view is a Query on the table or one of these (see task-repository.ts).
    indexes: {
      byStatus: ["dynamodb:Query"],
      byDue: ["dynamodb:Query"],
      byStatusDue: ["dynamodb:Query"],
      byPriority: ["dynamodb:Query"],
      byStatusPriority: ["dynamodb:Query"],
      // "Assigned to me", and clearing a removed member's assignments.
      byAssignee: ["dynamodb:Query"],
      // Today, Upcoming and "not done" by due date: one Query per list.
      byOpenFirst: ["dynamodb:Query"],
      // "All tasks" across the lists a user created: one Query.
      byIndexUser: ["dynamodb:Query"],
      // Today, Upcoming and "not done" by due date across the lists a user created: one Query.
      byIndexUserOpen: ["dynamodb:Query"],
    },
  },
  SessionsTable: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
    ],
    indexes: { bySub: ["dynamodb:Query"] },
  },
  AccountsTable: {
    table: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DescribeTable"],
    indexes: {},
  },
  IdempotencyTable: {
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DescribeTable"],
    indexes: {},
  },
  UndoTable: {
    table: ["dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DescribeTable"],
    indexes: {},
  },
  ImportsTable: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:DescribeTable",
    ],
    indexes: {},
  },
  // Rate-limit counters (src/limits/): one atomic ADD per check (DescribeTable: the health
  // check's scan of every table, though it skips this one, which fails open).
  LimitsTable: {
    table: ["dynamodb:UpdateItem", "dynamodb:DescribeTable"],
    indexes: {},
  },
  // Lists and their members (src/lists/): the list item read alone or in batches, conditional
  // membership updates, the user's directory queried, put and deleted.
  ListsTable: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:DescribeTable",
    ],
    indexes: {},
  },
  // Live updates (src/live/live-repository.ts): spent tickets and connections put and read one
  // by one, a list's subscriptions queried, subscriptions batch-written and deleted one by one.
  LiveTable: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:DescribeTable",
    ],
    indexes: {},
  },
};

/** @param {import("./cfn.js").DeployContext} context */
export function grantLeastPrivilege({ resources, settings }) {
  /** @type {any[]} */
  const statements = [];
  for (const [table, access] of Object.entries(DYNAMODB_ACCESS)) {
    statements.push({ Sid: `${table}Items`, Effect: "Allow", Action: access.table, Resource: getAtt(table, "Arn") });
    for (const [index, actions] of Object.entries(access.indexes)) {
      statements.push({
        Sid: `${table}Index${index}`,
        Effect: "Allow",
        Action: actions,
        Resource: sub(`\${${table}.Arn}/index/${index}`),
      });
    }
  }
  statements.push({
    Sid: "OwnUserPoolAdminCalls",
    Effect: "Allow",
    Action: COGNITO_ADMIN_ACCESS,
    Resource: getAtt("UserPool", "Arn"),
  });
  // Invitations to lists are emailed through SES v2 (src/email/email-sender.ts) from the
  // stage's verified identity, and only from it; without SES_FROM_EMAIL the app sends nothing.
  if (settings.sesFromEmail) {
    statements.push({
      Sid: "SendFromOwnIdentity",
      Effect: "Allow",
      Action: ["ses:SendEmail"],
      Resource: sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${settings.sesFromEmail}`),
    });
  }
  statements.push({
    Sid: "OwnLogGroupOnly",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: getAtt("AppLogGroup", "Arn"),
  });
  resources.Role.Properties.Policies = [
    { PolicyName: "AppLeastPrivilege", PolicyDocument: { Version: "2012-10-17", Statement: statements } },
  ];
}
