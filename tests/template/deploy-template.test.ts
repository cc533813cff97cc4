// The deploy template is the product of issue 4: nobody here can deploy, so every property of
// the system is asserted on the template `npm run template` writes (Architect's packaging plus
// our deploy.start plugins), and the whole template must pass cfn-lint. Needs `npm run build`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, test, vi } from "vitest";
import preflight, { BUNDLE, CLIENT_BUILD } from "#src/plugins/deploy-preflight.js";
import {
  applyDeployTemplate,
  canonicalHostCode,
  COGNITO_ADMIN_ACCESS,
  DEFAULT_WAF_RATE_LIMIT,
  DYNAMODB_ACCESS,
  FORWARD_HOST_CODE,
  MANAGED,
  ORIGIN_REFUSED_EVENT,
  STRIP_STATIC_PREFIX_CODE,
  TEMPLATE_SETTINGS,
} from "#src/plugins/deploy-template.js";
import { ORIGIN_REFUSED_EVENT as GUARD_ORIGIN_REFUSED_EVENT } from "#src/http/request-guard.ts";

const root = process.cwd();
const STAGES = ["staging", "production"] as const;
type Stage = (typeof STAGES)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
type Json = any;

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc";
const out = mkdtempSync(path.join(tmpdir(), "deploy-template-"));
const templates = {} as Record<Stage | "custom-domain", Json>;

function runTemplateScript(args: string[], cwd = root) {
  return spawnSync(process.execPath, [path.join(root, "src/scripts/ops/template.ts"), ...args], {
    cwd,
    encoding: "utf8",
  });
}

beforeAll(() => {
  const plain = runTemplateScript(["--out", out]);
  expect(plain.status, plain.stderr).toBe(0);
  const domain = runTemplateScript([
    "--stage",
    "production",
    "--out",
    path.join(out, "domain"),
    "--domain",
    "tasks.example.com",
    "--certificate-arn",
    CERTIFICATE,
    // Every optional stage setting at once: the "custom-domain" template is the fully configured stack.
    ...[
      "ALARM_EMAIL=ops@example.com",
      "RESERVED_CONCURRENCY=40",
      "WAF_ENABLED=true",
      "WAF_RATE_LIMIT=500",
      "SES_FROM_EMAIL=no-reply@example.com",
    ].flatMap((setting) => ["--set", setting]),
  ]);
  expect(domain.status, domain.stderr).toBe(0);
  for (const stage of STAGES) templates[stage] = JSON.parse(readFileSync(path.join(out, `${stage}.json`), "utf8"));
  templates["custom-domain"] = JSON.parse(readFileSync(path.join(out, "domain/production.json"), "utf8"));
}, 60_000);

const resource = (stage: Stage | "custom-domain", id: string): Json => {
  const found = templates[stage].Resources[id];
  if (!found) throw new Error(`${stage} template has no ${id}`);
  return found;
};
const distribution = (stage: Stage | "custom-domain") => resource(stage, "Distribution").Properties.DistributionConfig;
const lambda = (stage: Stage | "custom-domain") => resource(stage, "AnyCatchallHTTPLambda").Properties;
const policyStatements = (stage: Stage): Json[] =>
  resource(stage, "Role").Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);

/** A throwaway project folder with or without a build, for the preflight checks. */
function fakeProject({ built }: { built: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), "deploy-preflight-"));
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "app/root.tsx"), "export {};\n");
  if (built) {
    mkdirSync(path.join(dir, path.dirname(BUNDLE)), { recursive: true });
    mkdirSync(path.join(dir, CLIENT_BUILD), { recursive: true });
    writeFileSync(path.join(dir, BUNDLE), "export const handler = () => {};\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, "app/root.tsx"), past, past);
  }
  return dir;
}
const fakeInventory = (cwd: string, stageEnv: Record<string, string> | null, region = "us-east-1") => ({
  inv: {
    aws: { region },
    _project: { cwd, env: { aws: { testing: null, staging: stageEnv, production: stageEnv } } },
  },
});
const SECRET = "s".repeat(32);

// ---- CloudFront ---------------------------------------------------------------------------

test.each(STAGES)("%s: the distribution redirects HTTP to HTTPS, speaks HTTP/2 and HTTP/3 and compresses", (stage) => {
  const config = distribution(stage);
  expect(config.Enabled).toBe(true);
  expect(config.HttpVersion).toBe("http2and3");
  expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
  expect(config.DefaultCacheBehavior.Compress).toBe(true);
  for (const behaviour of config.CacheBehaviors) {
    expect(behaviour.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(behaviour.Compress).toBe(true);
  }
  const api = config.Origins.find((origin: Json) => origin.Id === "api");
  expect(api.CustomOriginConfig.OriginProtocolPolicy).toBe("https-only");
});

test.each(STAGES)(
  "%s: the default behaviour sends every method to the HTTP API uncached, with cookies, query strings and headers but not Host",
  (stage) => {
    const behaviour = distribution(stage).DefaultCacheBehavior;
    const api = distribution(stage).Origins.find((origin: Json) => origin.Id === behaviour.TargetOriginId);
    expect(api.DomainName).toEqual({ "Fn::Sub": "${HTTP}.execute-api.${AWS::Region}.amazonaws.com" });
    expect(behaviour.CachePolicyId).toBe(MANAGED.CachingDisabled);
    expect(MANAGED.CachingDisabled).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    // AllViewerExceptHostHeader: all viewer headers, cookies and query strings; API Gateway keeps its own Host.
    expect(behaviour.OriginRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac");
    expect([...behaviour.AllowedMethods].sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
  },
);

test.each(STAGES)(
  "%s: /_static/* comes from the private bucket through Origin Access Control; hashed assets are cached for a year and immutable",
  (stage) => {
    const [assets, other, ...rest] = distribution(stage).CacheBehaviors;
    expect(rest).toEqual([]);
    expect(assets.PathPattern).toBe("/_static/assets/*");
    expect(other.PathPattern).toBe("/_static/*");
    for (const behaviour of [assets, other]) {
      const origin = distribution(stage).Origins.find((o: Json) => o.Id === behaviour.TargetOriginId);
      expect(origin.DomainName).toEqual({ "Fn::GetAtt": ["StaticBucket", "RegionalDomainName"] });
      expect(origin.OriginAccessControlId).toEqual({ "Fn::GetAtt": ["StaticOriginAccessControl", "Id"] });
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: "" });
      expect(behaviour.AllowedMethods).toEqual(["GET", "HEAD"]);
    }
    const oac = resource(stage, "StaticOriginAccessControl").Properties.OriginAccessControlConfig;
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: "s3",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
    expect(assets.CachePolicyId).toEqual({ Ref: "StaticCachePolicy" });
    const cache = resource(stage, "StaticCachePolicy").Properties.CachePolicyConfig;
    expect(cache).toMatchObject({ MinTTL: 31_536_000, DefaultTTL: 31_536_000, MaxTTL: 31_536_000 });
    // Architect uploads every file with max-age=315360000: the edge keeps unhashed ones an hour at most.
    expect(other.CachePolicyId).toEqual({ Ref: "StaticShortCachePolicy" });
    const short = resource(stage, "StaticShortCachePolicy").Properties.CachePolicyConfig;
    expect(short.MaxTTL).toBeLessThanOrEqual(3600);
    expect(short.DefaultTTL).toBeLessThanOrEqual(short.MaxTTL);
    expect(short.MinTTL).toBe(0);
    const cacheControl = (id: string) =>
      resource(stage, id).Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items;
    expect(assets.ResponseHeadersPolicyId).toEqual({ Ref: "StaticHeadersPolicy" });
    expect(cacheControl("StaticHeadersPolicy")).toEqual([
      { Header: "Cache-Control", Value: "public, max-age=31536000, immutable", Override: true },
    ]);
    // favicon.svg keeps its name across deploys: an hour only.
    expect(other.ResponseHeadersPolicyId).toEqual({ Ref: "StaticShortCacheHeadersPolicy" });
    expect(cacheControl("StaticShortCacheHeadersPolicy")).toEqual([
      { Header: "Cache-Control", Value: "public, max-age=3600", Override: true },
    ]);
  },
);

test.each(STAGES)("%s: every file of the client build is found under the key Architect uploads it to", (stage) => {
  // Architect uploads build/client/<path> to the bucket key <path>; pages link /_static/<path>.
  const fn = resource(stage, "StripStaticPrefixFunction").Properties;
  expect(fn.FunctionCode).toBe(STRIP_STATIC_PREFIX_CODE);
  expect(fn.FunctionConfig.Runtime).toBe("cloudfront-js-2.0");
  const handler = new Function(`${fn.FunctionCode}; return handler;`)();
  const files = readdirSync(path.join(root, "build/client"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(path.join(root, "build/client"), path.join(entry.parentPath, entry.name)));
  expect(files.length).toBeGreaterThan(3);
  for (const behaviour of distribution(stage).CacheBehaviors) {
    expect(behaviour.FunctionAssociations).toEqual([
      { EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": ["StripStaticPrefixFunction", "FunctionARN"] } },
    ]);
  }
  for (const file of files) {
    const key = file.split(path.sep).join("/");
    expect(handler({ request: { uri: `/_static/${key}` } }).uri.slice(1)).toBe(key);
  }
});

test.each(STAGES)("%s: every response carries HSTS, nosniff, frame denial and a referrer policy", (stage) => {
  expect(distribution(stage).DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: "SecurityHeadersPolicy" });
  expect(distribution(stage).CacheBehaviors[0].ResponseHeadersPolicyId).toEqual({ Ref: "StaticHeadersPolicy" });
  for (const id of ["SecurityHeadersPolicy", "StaticHeadersPolicy", "StaticShortCacheHeadersPolicy"]) {
    const headers = resource(stage, id).Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: "strict-origin-when-cross-origin", Override: true });
  }
});

test.each(STAGES)(
  "%s: CloudFront sends a per-stack secret x-origin-verify header, the same value the Lambda gets as ORIGIN_VERIFY_SECRET",
  (stage) => {
    const api = distribution(stage).Origins.find((origin: Json) => origin.Id === "api");
    const [header] = api.OriginCustomHeaders;
    expect(header.HeaderName).toBe("x-origin-verify");
    // The random part of the stack id: unique per stack and never written into the repo.
    expect(header.HeaderValue).toEqual({ "Fn::Select": [2, { "Fn::Split": ["/", { Ref: "AWS::StackId" }] }] });
    expect(lambda(stage).Environment.Variables.ORIGIN_VERIFY_SECRET).toEqual(header.HeaderValue);
  },
);

test.each(STAGES)("%s: a viewer-request function copies the viewer's Host into x-forwarded-host", (stage) => {
  const association = distribution(stage).DefaultCacheBehavior.FunctionAssociations;
  expect(association).toEqual([
    { EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": ["ForwardHostFunction", "FunctionARN"] } },
  ]);
  const fn = resource(stage, "ForwardHostFunction").Properties;
  expect(fn.AutoPublish).toBe(true);
  expect(fn.FunctionConfig.Runtime).toBe("cloudfront-js-2.0");
  const handler = new Function(`${fn.FunctionCode}; return handler;`)();
  const request = handler({
    request: { headers: { host: { value: "d111.cloudfront.net" }, "x-forwarded-host": { value: "evil.example" } } },
  });
  expect(request.headers["x-forwarded-host"]).toEqual({ value: "d111.cloudfront.net" });
  expect(fn.FunctionCode).toBe(FORWARD_HOST_CODE);
});

test("a custom domain with a us-east-1 certificate becomes the distribution's alias and the app's APP_ORIGIN", () => {
  const config = distribution("custom-domain");
  expect(config.Aliases).toEqual(["tasks.example.com"]);
  expect(config.ViewerCertificate).toEqual({
    AcmCertificateArn: CERTIFICATE,
    SslSupportMethod: "sni-only",
    MinimumProtocolVersion: "TLSv1.2_2021",
  });
  const variables = templates["custom-domain"].Resources.AnyCatchallHTTPLambda.Properties.Environment.Variables;
  expect(variables.APP_ORIGIN).toBe("https://tasks.example.com");
  expect(variables.CUSTOM_DOMAIN).toBeUndefined();
  expect(templates["custom-domain"].Outputs.AppURL.Value).toBe("https://tasks.example.com");
  for (const stage of STAGES) {
    expect(distribution(stage).Aliases).toBeUndefined();
    expect(distribution(stage).ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true });
    expect(lambda(stage).Environment.Variables.APP_ORIGIN).toBeUndefined();
  }
});

test("a custom domain certificate outside us-east-1, or a domain without one, stops the deploy", () => {
  const build = (env: Record<string, string>) => () =>
    applyDeployTemplate(structuredClone(templatesBeforePlugins()), {
      stage: "staging",
      inventory: fakeInventory(root, env),
    });
  expect(
    build({
      CUSTOM_DOMAIN: "a.example.com",
      CUSTOM_DOMAIN_CERTIFICATE_ARN: CERTIFICATE.replace("us-east-1", "eu-west-1"),
    }),
  ).toThrow(/us-east-1/);
  expect(build({ CUSTOM_DOMAIN: "a.example.com" })).toThrow(/CUSTOM_DOMAIN_CERTIFICATE_ARN/);
});

/** Just enough of Architect's template for applyDeployTemplate's own checks to run. */
function templatesBeforePlugins(): Json {
  const fn = { Type: "AWS::Serverless::Function", Properties: { Environment: { Variables: {} }, Events: {} } };
  const role = { Type: "AWS::IAM::Role", Properties: {} };
  const table = () => ({ Type: "AWS::DynamoDB::Table", Properties: {} });
  const http = { Type: "AWS::Serverless::HttpApi", Properties: { DefinitionBody: { paths: {} } } };
  return {
    Resources: {
      Role: role,
      HTTP: http,
      Fn: fn,
      TasksTable: table(),
      SessionsTable: table(),
      AccountsTable: table(),
      IdempotencyTable: table(),
      UndoTable: table(),
      ImportsTable: table(),
      LimitsTable: table(),
      ListsTable: table(),
      StaticBucket: { Type: "AWS::S3::Bucket", Properties: {} },
    },
    Outputs: {},
  };
}

// ---- S3 -----------------------------------------------------------------------------------

test.each(STAGES)(
  "%s: the bucket blocks public access, has no website hosting, is encrypted and only this distribution may read it",
  (stage) => {
    const bucket = resource(stage, "StaticBucket").Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
    ]);
    const [allow, ...denies] = resource(stage, "StaticBucketPolicy").Properties.PolicyDocument.Statement;
    expect(allow).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
    });
    expect(allow.Condition).toEqual({
      StringEquals: {
        "AWS:SourceArn": {
          "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
        },
      },
    });
    expect(denies.every((statement: Json) => statement.Effect === "Deny")).toBe(true);
    // arc destroy --force empties the bucket it finds through this output, before deleting the stack.
    const bucketUrl = templates[stage].Outputs.BucketURL.Value["Fn::Sub"];
    expect(bucketUrl).toBe("https://${StaticBucket}.s3.${AWS::Region}.amazonaws.com");
    expect(bucketUrl.replace("https://", "").split(".")[0]).toBe("${StaticBucket}");
  },
);

test.each(STAGES)(
  "%s: Architect's static proxy route, SSM parameters and bucket access for the Lambda are gone",
  (stage) => {
    expect(Object.keys(resource(stage, "HTTP").Properties.DefinitionBody.paths)).toEqual(["/{proxy+}"]);
    const types = Object.values(templates[stage].Resources).map((r: Json) => r.Type);
    expect(types).not.toContain("AWS::SSM::Parameter");
    expect(templates[stage].Resources.ParameterStorePolicy).toBeUndefined();
    expect(JSON.stringify(resource(stage, "Role"))).not.toMatch(/s3:|ssm:/);
    expect(lambda(stage).Environment.Variables.ARC_STATIC_BUCKET).toBeUndefined();
  },
);

// ---- Cognito ------------------------------------------------------------------------------

test.each(STAGES)(
  "%s: the user pool signs in by email, case-insensitively, with the app's password policy and email verification",
  (stage) => {
    const pool = resource(stage, "UserPool").Properties;
    expect(pool.UsernameAttributes).toEqual(["email"]);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AutoVerifiedAttributes).toEqual(["email"]);
    // At least 10 characters with a digit; "a letter" is the app's own check (Cognito cannot say it).
    expect(pool.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 10,
      RequireNumbers: true,
      RequireLowercase: false,
      RequireUppercase: false,
      RequireSymbols: false,
    });
  },
);

test.each(STAGES)("%s: two-step sign-in is optional per user, with an authenticator app only", (stage) => {
  const pool = resource(stage, "UserPool").Properties;
  expect(pool.MfaConfiguration).toBe("OPTIONAL");
  expect(pool.EnabledMfas).toEqual(["SOFTWARE_TOKEN_MFA"]);
  // SMS would need a role for Cognito to send texts, and costs per message.
  expect(pool.SmsConfiguration).toBeUndefined();
});

test.each(STAGES)("%s: the user pool is deletion protected in production only", (stage) => {
  expect(resource(stage, "UserPool").Properties.DeletionProtection).toBe(
    stage === "production" ? "ACTIVE" : "INACTIVE",
  );
  expect(resource(stage, "UserPool").DeletionPolicy).toBe(stage === "production" ? "Retain" : "Delete");
});

test.each(STAGES)(
  "%s: the app client allows exactly password and refresh sign-in, no secret, revocable tokens and hidden user existence",
  (stage) => {
    const client = resource(stage, "UserPoolClient").Properties;
    expect(client.UserPoolId).toEqual({ Ref: "UserPool" });
    expect(client.ExplicitAuthFlows).toEqual(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
    expect(client.GenerateSecret).toBe(false);
    expect(client.PreventUserExistenceErrors).toBe("ENABLED");
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client).toMatchObject({ AccessTokenValidity: 60, IdTokenValidity: 60, RefreshTokenValidity: 30 });
    expect(client.TokenValidityUnits).toEqual({ AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" });
    expect(client.AllowedOAuthFlows).toBeUndefined();
  },
);

// ---- Lambda -------------------------------------------------------------------------------

test.each(STAGES)("%s: the Lambda gets table names, Cognito ids, NODE_ENV and APP_SECRET from the stack", (stage) => {
  const variables = lambda(stage).Environment.Variables;
  expect(variables).toMatchObject({
    NODE_ENV: "production",
    ARC_ENV: stage,
    TASKS_TABLE: { Ref: "TasksTable" },
    SESSIONS_TABLE: { Ref: "SessionsTable" },
    ACCOUNTS_TABLE: { Ref: "AccountsTable" },
    IDEMPOTENCY_TABLE: { Ref: "IdempotencyTable" },
    UNDO_TABLE: { Ref: "UndoTable" },
    IMPORTS_TABLE: { Ref: "ImportsTable" },
    LIMITS_TABLE: { Ref: "LimitsTable" },
    LISTS_TABLE: { Ref: "ListsTable" },
    COGNITO_USER_POOL_ID: { Ref: "UserPool" },
    COGNITO_CLIENT_ID: { Ref: "UserPoolClient" },
  });
  // The offline template stands in for `arc env`'s value; arc deploy injects the real one.
  expect(variables.APP_SECRET.length).toBeGreaterThanOrEqual(32);
  expect(variables.AWS_REGION).toBeUndefined();
  expect(variables.DYNAMODB_ENDPOINT).toBeUndefined();
});

test.each(STAGES)(
  "%s: the Lambda runs nodejs22.x on arm64 with a 20 s timeout, 1769 MB (one vCPU) and JSON logs in a log group with retention",
  (stage) => {
    const fn = lambda(stage);
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Timeout).toBe(20);
    expect(fn.MemorySize).toBe(1769);
    expect(fn.LoggingConfig).toEqual({ LogFormat: "JSON", LogGroup: { Ref: "AppLogGroup" } });
    expect(resource(stage, "AppLogGroup").Properties.RetentionInDays).toBe(stage === "production" ? 90 : 14);
  },
);

test.each(STAGES)("%s: the HTTP API throttles its default route and also routes the bare /", (stage) => {
  expect(resource(stage, "HTTP").Properties.DefaultRouteSettings).toEqual({
    ThrottlingBurstLimit: 200,
    ThrottlingRateLimit: 100,
  });
  expect(lambda(stage).Events.RootEvent.Properties).toEqual({ Path: "/", Method: "ANY", ApiId: { Ref: "HTTP" } });
});

// ---- DynamoDB -----------------------------------------------------------------------------

test.each(STAGES)(
  "%s: every table is on demand with point-in-time recovery and encryption; sessions, idempotency, undo, staged import records and rate-limit counters expire by TTL on expiresAt",
  (stage) => {
    for (const id of [
      "TasksTable",
      "SessionsTable",
      "AccountsTable",
      "IdempotencyTable",
      "UndoTable",
      "ImportsTable",
      "LimitsTable",
      "ListsTable",
    ]) {
      const table = resource(stage, id).Properties;
      expect(table.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.SSESpecification).toEqual({ SSEEnabled: true });
    }
    for (const id of ["SessionsTable", "IdempotencyTable", "UndoTable", "ImportsTable", "LimitsTable", "ListsTable"])
      expect(resource(stage, id).Properties.TimeToLiveSpecification).toEqual({
        AttributeName: "expiresAt",
        Enabled: true,
      });
  },
);

test.each(STAGES)("%s: tables are deletion protected and retained in production only", (stage) => {
  for (const id of ["TasksTable", "SessionsTable", "AccountsTable", "IdempotencyTable", "UndoTable", "ImportsTable"]) {
    expect(resource(stage, id).Properties.DeletionProtectionEnabled).toBe(stage === "production");
    expect(resource(stage, id).DeletionPolicy).toBe(stage === "production" ? "Retain" : "Delete");
  }
});

test.each(STAGES)("%s: accounts are keyed by the Cognito sub, and sessions have a keys-only bySub index", (stage) => {
  const accounts = resource(stage, "AccountsTable").Properties;
  expect(accounts.KeySchema).toEqual([{ AttributeName: "id", KeyType: "HASH" }]);
  const indexes = resource(stage, "SessionsTable").Properties.GlobalSecondaryIndexes;
  expect(indexes).toEqual([
    expect.objectContaining({
      IndexName: "bySub",
      KeySchema: [{ AttributeName: "sub", KeyType: "HASH" }],
      Projection: { ProjectionType: "KEYS_ONLY" },
    }),
  ]);
});

// ---- IAM ----------------------------------------------------------------------------------

/** lib-dynamodb's item commands and the IAM action each needs; the rest are named as the action. */
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
    expect(indexesOf("TasksTable")).toEqual(["byStatus", "byDue", "byStatusDue", "byPriority", "byStatusPriority"]);
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
  "%s: of Cognito's admin API the Lambda may only look a user up, sign them out everywhere and turn their authenticator off, on its own pool",
  (stage) => {
    const cognito = policyStatements(stage).filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("cognito-idp:")),
    );
    expect(cognito).toEqual([
      {
        Sid: "OwnUserPoolAdminCalls",
        Effect: "Allow",
        Action: [
          "cognito-idp:AdminGetUser",
          "cognito-idp:AdminSetUserMFAPreference",
          "cognito-idp:AdminUserGlobalSignOut",
        ],
        Resource: { "Fn::GetAtt": ["UserPool", "Arn"] },
      },
    ]);
  },
);

// ---- Stage settings: alarms, concurrency, WAF, SES, custom domain redirect ------------------

/** Architect's template stand-in through the plugin, with these `arc env` settings. */
const buildWith = (env: Record<string, string>, stage: Stage = "staging", region = "us-east-1"): Json =>
  applyDeployTemplate(structuredClone(templatesBeforePlugins()), {
    stage,
    inventory: fakeInventory(root, env, region),
  });

const ALARMS = [
  "LambdaErrorsAlarm",
  "LambdaThrottlesAlarm",
  "ApiGateway5xxAlarm",
  "CloudFront5xxRateAlarm",
  "TasksTableThrottlesAlarm",
  "SessionsTableThrottlesAlarm",
  "AccountsTableThrottlesAlarm",
  "IdempotencyTableThrottlesAlarm",
  "UndoTableThrottlesAlarm",
  "ImportsTableThrottlesAlarm",
  "LimitsTableThrottlesAlarm",
  "ListsTableThrottlesAlarm",
  "OriginRefusedAlarm",
];

test.each(STAGES)(
  "%s: alarms on Lambda errors and throttles, API 5xx, CloudFront 5xx rate, each table's throttles and origin refusals go to one SNS topic, with no subscription unless ALARM_EMAIL is set",
  (stage) => {
    const alarms = Object.entries(templates[stage].Resources)
      .filter(([, r]: [string, Json]) => r.Type === "AWS::CloudWatch::Alarm")
      .map(([id]) => id);
    expect(alarms.sort()).toEqual([...ALARMS].sort());
    for (const id of alarms) {
      const alarm = resource(stage, id).Properties;
      expect(alarm.AlarmActions, id).toEqual([{ Ref: "AlarmTopic" }]);
      expect(alarm.TreatMissingData, id).toBe("notBreaching");
      expect(alarm.Threshold, id).toBeGreaterThan(0);
    }
    expect(resource(stage, "AlarmTopic").Type).toBe("AWS::SNS::Topic");
    const types = Object.values(templates[stage].Resources).map((r: Json) => r.Type);
    expect(types).not.toContain("AWS::SNS::Subscription");

    const dimensions = (id: string) =>
      Object.fromEntries(resource(stage, id).Properties.Dimensions.map((d: Json) => [d.Name, d.Value]));
    const fn = { FunctionName: { Ref: "AnyCatchallHTTPLambda" } };
    expect(resource(stage, "LambdaErrorsAlarm").Properties).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
    });
    expect(dimensions("LambdaErrorsAlarm")).toEqual(fn);
    expect(resource(stage, "LambdaThrottlesAlarm").Properties).toMatchObject({ MetricName: "Throttles" });
    expect(dimensions("LambdaThrottlesAlarm")).toEqual(fn);
    expect(resource(stage, "ApiGateway5xxAlarm").Properties).toMatchObject({
      Namespace: "AWS/ApiGateway",
      MetricName: "5xx",
    });
    expect(dimensions("ApiGateway5xxAlarm")).toEqual({ ApiId: { Ref: "HTTP" } });
    // CloudFront's metrics exist only in us-east-1, under Region=Global.
    expect(resource(stage, "CloudFront5xxRateAlarm").Properties).toMatchObject({
      Namespace: "AWS/CloudFront",
      MetricName: "5xxErrorRate",
      Statistic: "Average",
    });
    expect(dimensions("CloudFront5xxRateAlarm")).toEqual({ DistributionId: { Ref: "Distribution" }, Region: "Global" });
    for (const table of Object.keys(DYNAMODB_ACCESS)) {
      const metrics = resource(stage, `${table}ThrottlesAlarm`).Properties.Metrics;
      const stats = metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric);
      expect(stats.map((m: Json) => m.MetricName)).toEqual(["ReadThrottleEvents", "WriteThrottleEvents"]);
      for (const m of stats) expect(m.Dimensions).toEqual([{ Name: "TableName", Value: { Ref: table } }]);
      expect(metrics.filter((m: Json) => m.ReturnData !== false)).toEqual([
        expect.objectContaining({ Expression: "FILL(m0, 0) + FILL(m1, 0)" }),
      ]);
    }
  },
);

test.each(STAGES)(
  "%s: a metric filter counts the Lambda's origin-refused log lines, as Lambda's JSON format writes them, and the alarm watches that metric",
  (stage) => {
    const filter = resource(stage, "OriginRefusedMetricFilter").Properties;
    expect(filter.LogGroupName).toEqual({ Ref: "AppLogGroup" });
    expect(ORIGIN_REFUSED_EVENT).toBe(GUARD_ORIGIN_REFUSED_EVENT);
    // A quoted term pattern: matches events whose text contains it (CloudWatch Logs filter syntax).
    const term = /^"([^"]+)"$/.exec(filter.FilterPattern)?.[1];
    expect(term).toBe(ORIGIN_REFUSED_EVENT);
    // What the guard logs, as the JSON log format wraps a console.warn string; and a CSRF refusal.
    const line = JSON.stringify({
      event: GUARD_ORIGIN_REFUSED_EVENT,
      reason: "request did not come through CloudFront",
    });
    const record = (message: string) =>
      JSON.stringify({ timestamp: "2026-01-01T00:00:00Z", level: "WARN", requestId: "r-1", message });
    expect(record(line).includes(term!)).toBe(true);
    expect(record("Refused request: cross-origin request POST /login").includes(term!)).toBe(false);
    const [transformation] = filter.MetricTransformations;
    const alarm = resource(stage, "OriginRefusedAlarm").Properties;
    expect(alarm.Namespace).toEqual(transformation.MetricNamespace);
    expect(alarm.MetricName).toBe(transformation.MetricName);
    expect(alarm.Statistic).toBe("Sum");
    expect(alarm.Threshold).toBe(50);
  },
);

test("ALARM_EMAIL subscribes that address to the alarm topic; a malformed one stops the deploy", () => {
  const subscription = resource("custom-domain", "AlarmEmailSubscription").Properties;
  expect(subscription).toEqual({ TopicArn: { Ref: "AlarmTopic" }, Protocol: "email", Endpoint: "ops@example.com" });
  expect(() => buildWith({ ALARM_EMAIL: "not an address" })).toThrow(/ALARM_EMAIL/);
});

test("outside us-east-1 there is no CloudFront alarm (its metrics are not there); WAF_ENABLED stops the deploy", () => {
  const elsewhere = buildWith({}, "staging", "eu-west-1");
  expect(elsewhere.Resources.CloudFront5xxRateAlarm).toBeUndefined();
  expect(elsewhere.Resources.LambdaErrorsAlarm).toBeDefined();
  expect(buildWith({}).Resources.CloudFront5xxRateAlarm).toBeDefined();
  expect(() => buildWith({ WAF_ENABLED: "true" }, "staging", "eu-west-1")).toThrow(/us-east-1/);
});

test("the Lambda's timeout is below API Gateway's 30 s and CloudFront's origin wait, in the template and in app.arc", () => {
  const arc = readFileSync(path.join(root, "app.arc"), "utf8");
  const arcTimeout = Number(/^timeout (\d+)$/m.exec(arc)?.[1]);
  for (const stage of STAGES) {
    const timeout = lambda(stage).Timeout;
    expect(timeout).toBeLessThan(30);
    expect(timeout).toBe(arcTimeout);
    const api = distribution(stage).Origins.find((origin: Json) => origin.Id === "api");
    expect(timeout).toBeLessThan(api.CustomOriginConfig.OriginReadTimeout);
  }
});

test("reserved concurrency is a stage setting: none by default, RESERVED_CONCURRENCY sets it, nonsense stops the deploy", () => {
  for (const stage of STAGES) expect(lambda(stage).ReservedConcurrentExecutions).toBeUndefined();
  expect(lambda("custom-domain").ReservedConcurrentExecutions).toBe(40);
  expect(() => buildWith({ RESERVED_CONCURRENCY: "many" })).toThrow(/RESERVED_CONCURRENCY must be a whole number/);
  expect(() => buildWith({ RESERVED_CONCURRENCY: "0" })).toThrow(/RESERVED_CONCURRENCY/);
});

test("settings that shape the stack never reach the Lambda's environment", () => {
  const variables = lambda("custom-domain").Environment.Variables;
  for (const name of TEMPLATE_SETTINGS) expect(variables[name], name).toBeUndefined();
  expect(TEMPLATE_SETTINGS).toEqual(
    expect.arrayContaining(["ALARM_EMAIL", "RESERVED_CONCURRENCY", "WAF_ENABLED", "WAF_RATE_LIMIT", "SES_FROM_EMAIL"]),
  );
});

test("only content-hashed files live under /_static/assets/ (cached a year); the rest take the one-hour behaviour", () => {
  const client = path.join(root, "build/client");
  const files = readdirSync(client, { recursive: true, encoding: "utf8" }).filter((f) =>
    statSync(path.join(client, f)).isFile(),
  );
  const hashed = files.filter((f) => f.startsWith(`assets${path.sep}`));
  expect(hashed.length).toBeGreaterThan(3);
  // Vite names them <name>-<8 base64url characters>.<ext>.
  for (const file of hashed) expect(file).toMatch(/-[\w-]{8}\.\w+$/);
  expect(files.filter((f) => !hashed.includes(f))).toContain("favicon.svg");
});

test("WAF is off by default; WAF_ENABLED puts a CLOUDFRONT web ACL with a per-IP rate rule and AWS's common rule set on the distribution", () => {
  for (const stage of STAGES) {
    expect(templates[stage].Resources.WebAcl).toBeUndefined();
    expect(distribution(stage).WebACLId).toBeUndefined();
  }
  const acl = resource("custom-domain", "WebAcl").Properties;
  expect(distribution("custom-domain").WebACLId).toEqual({ "Fn::GetAtt": ["WebAcl", "Arn"] });
  expect(acl.Scope).toBe("CLOUDFRONT");
  expect(acl.DefaultAction).toEqual({ Allow: {} });
  const [rate, common, ...rest] = acl.Rules;
  expect(rest).toEqual([]);
  expect(rate.Action).toEqual({ Block: {} });
  expect(rate.Statement.RateBasedStatement).toMatchObject({ Limit: 500, AggregateKeyType: "IP" });
  expect(common.Statement.ManagedRuleGroupStatement).toEqual({
    VendorName: "AWS",
    Name: "AWSManagedRulesCommonRuleSet",
  });
  expect(common.OverrideAction).toEqual({ None: {} });
  const defaults = buildWith({ WAF_ENABLED: "true" }).Resources.WebAcl.Properties.Rules[0];
  expect(defaults.Statement.RateBasedStatement.Limit).toBe(DEFAULT_WAF_RATE_LIMIT);
  expect(buildWith({ WAF_ENABLED: "false" }).Resources.WebAcl).toBeUndefined();
  expect(() => buildWith({ WAF_ENABLED: "maybe" })).toThrow(/WAF_ENABLED/);
  expect(() => buildWith({ WAF_ENABLED: "true", WAF_RATE_LIMIT: "5" })).toThrow(/WAF_RATE_LIMIT/);
});

test("the user pool sends email through Cognito by default, and through SES from SES_FROM_EMAIL when set", () => {
  for (const stage of STAGES)
    expect(resource(stage, "UserPool").Properties.EmailConfiguration).toEqual({
      EmailSendingAccount: "COGNITO_DEFAULT",
    });
  expect(resource("custom-domain", "UserPool").Properties.EmailConfiguration).toEqual({
    EmailSendingAccount: "DEVELOPER",
    SourceArn: {
      "Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/no-reply@example.com",
    },
    From: "Task Tracker <no-reply@example.com>",
  });
  expect(() => buildWith({ SES_FROM_EMAIL: "no-reply" })).toThrow(/SES_FROM_EMAIL/);
});

test("with a custom domain, a viewer-request function 301s any other Host (the bare cloudfront.net name) to the domain", () => {
  const fn = resource("custom-domain", "ForwardHostFunction").Properties;
  expect(fn.FunctionConfig.Runtime).toBe("cloudfront-js-2.0");
  expect(fn.FunctionCode).toBe(canonicalHostCode("tasks.example.com"));
  expect(distribution("custom-domain").DefaultCacheBehavior.FunctionAssociations).toEqual([
    { EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": ["ForwardHostFunction", "FunctionARN"] } },
  ]);
  const handler = new Function(`${fn.FunctionCode}; return handler;`)();
  const event = (host: string, uri: string, querystring: Json = {}) => ({
    request: { method: "GET", uri, querystring, headers: { host: { value: host } } },
  });

  const bare = handler(event("d111abcdef8.cloudfront.net", "/tasks", { status: { value: "open" }, q: { value: "" } }));
  expect(bare).toEqual({
    statusCode: 301,
    statusDescription: "Moved Permanently",
    headers: { location: { value: "https://tasks.example.com/tasks?status=open&q" } },
  });
  const multi = handler(
    event("d111abcdef8.cloudfront.net", "/", { tag: { value: "a", multiValue: [{ value: "a" }, { value: "b" }] } }),
  );
  expect(multi.headers.location.value).toBe("https://tasks.example.com/?tag=a&tag=b");
  expect(handler(event("d111abcdef8.cloudfront.net", "/login")).headers.location.value).toBe(
    "https://tasks.example.com/login",
  );

  const own = handler(event("Tasks.Example.com", "/tasks"));
  expect(own.statusCode).toBeUndefined();
  expect(own.uri).toBe("/tasks");
  expect(own.headers["x-forwarded-host"]).toEqual({ value: "tasks.example.com" });

  // Without a custom domain nothing is redirected: the cloudfront.net name is the app's address.
  for (const stage of STAGES)
    expect(resource(stage, "ForwardHostFunction").Properties.FunctionCode).toBe(FORWARD_HOST_CODE);
  // The domain is written into the function's code, so only a plain host name is accepted.
  expect(() =>
    buildWith({ CUSTOM_DOMAIN: "x.example.com';alert(1);'", CUSTOM_DOMAIN_CERTIFICATE_ARN: CERTIFICATE }),
  ).toThrow(/CUSTOM_DOMAIN must be a lower-case host name/);
});

// ---- Outputs and validation ---------------------------------------------------------------

test.each(STAGES)("%s: the stack outputs the CloudFront URL as CDN, which arc deploy prints", (stage) => {
  expect(templates[stage].Outputs.CDN.Value).toEqual({ "Fn::Sub": "https://${Distribution.DomainName}" });
  // docs/api.md's `aws cognito-idp initiate-auth` for an API token reads these two.
  expect(templates[stage].Outputs.UserPoolId.Value).toEqual({ Ref: "UserPool" });
  expect(templates[stage].Outputs.UserPoolClientId.Value).toEqual({ Ref: "UserPoolClient" });
});

test("the staging, production and custom-domain templates pass cfn-lint with every check, informational ones included", () => {
  const files = ["staging.json", "production.json", "domain/production.json"].map((f) => path.join(out, f));
  // cfn-lint (AWS's linter, Python) ships with this machine kind: AWS's resource schemas plus the SAM transform.
  const result = spawnSync(
    "cfn-lint",
    ["--regions", "us-east-1", "--include-checks", "I", "--include-experimental", "--", ...files],
    { encoding: "utf8" },
  );
  expect(result.error, "cfn-lint is not installed (pip install cfn-lint)").toBeUndefined();
  expect(`${result.stdout}${result.stderr}`).toBe("");
  expect(result.status).toBe(0);
}, 60_000);

// ---- Deploy stops with a clear message --------------------------------------------------

test("deploy stops and says to build first when the bundle or the client build is missing", () => {
  const inventory = fakeInventory(fakeProject({ built: false }), { APP_SECRET: SECRET });
  expect(() => preflight.deploy.start({ inventory, stage: "staging" })).toThrow(
    /build is missing \(src\/http\/any-catchall\/index\.mjs, build\/client\)\. Run `npm run build` first/,
  );
});

test("deploy stops when a source is newer than the bundle, and a dry run only warns", () => {
  const project = fakeProject({ built: true });
  const inventory = fakeInventory(project, { APP_SECRET: SECRET });
  expect(() => preflight.deploy.start({ inventory, stage: "production" })).not.toThrow();
  const future = new Date(Date.now() + 60_000);
  utimesSync(path.join(project, "app/root.tsx"), future, future);
  expect(() => preflight.deploy.start({ inventory, stage: "production" })).toThrow(
    /older than its sources \(app\/root\.tsx\)/,
  );
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  expect(() => preflight.deploy.start({ inventory, stage: "production", dryRun: true })).not.toThrow();
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/older than its sources/));
  warn.mockRestore();
});

test("deploy stops with the arc env command to run when APP_SECRET is missing or shorter than 32 characters", () => {
  const project = fakeProject({ built: true });
  expect(() => preflight.deploy.start({ inventory: fakeInventory(project, null), stage: "staging" })).toThrow(
    /APP_SECRET is not set for staging[\s\S]*arc env --add --env staging APP_SECRET/,
  );
  expect(() =>
    preflight.deploy.start({ inventory: fakeInventory(project, { APP_SECRET: "short" }), stage: "production" }),
  ).toThrow(/APP_SECRET is shorter than 32 characters for production/);
  expect(() =>
    preflight.deploy.start({
      inventory: fakeInventory(project, { APP_SECRET: SECRET, ORIGIN_VERIFY_SECRET: "short" }),
      stage: "production",
    }),
  ).toThrow(/ORIGIN_VERIFY_SECRET for production must be at least 16 characters/);
});

test("deploy stops on a short previous secret, or a previous origin secret without a current one (the app would refuse to start)", () => {
  const project = fakeProject({ built: true });
  const deploy = (env: Record<string, string>) =>
    preflight.deploy.start({ inventory: fakeInventory(project, { APP_SECRET: SECRET, ...env }), stage: "production" });
  expect(() => deploy({ APP_SECRET_PREVIOUS: "short" })).toThrow(
    /APP_SECRET_PREVIOUS for production must be at least 32/,
  );
  expect(() => deploy({ ORIGIN_VERIFY_SECRET: "o".repeat(16), ORIGIN_VERIFY_SECRET_PREVIOUS: "short" })).toThrow(
    /ORIGIN_VERIFY_SECRET_PREVIOUS for production must be at least 16/,
  );
  expect(() => deploy({ ORIGIN_VERIFY_SECRET_PREVIOUS: "p".repeat(16) })).toThrow(/without ORIGIN_VERIFY_SECRET/);
  expect(() =>
    deploy({
      APP_SECRET_PREVIOUS: "q".repeat(32),
      ORIGIN_VERIFY_SECRET: "o".repeat(16),
      ORIGIN_VERIFY_SECRET_PREVIOUS: "p".repeat(16),
    }),
  ).not.toThrow();
});

test.each(STAGES)(
  "%s: CloudFront is updated after the Lambda, so a rotated origin secret is accepted before CloudFront sends it",
  (stage) => {
    expect(resource(stage, "Distribution").DependsOn).toEqual(["AnyCatchallHTTPLambda"]);
  },
);

test("the template script refuses to run without a build and says to build first", () => {
  const result = runTemplateScript(["--out", path.join(out, "none")], fakeProject({ built: false }));
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/build is missing .* Run `npm run build` first/);
});

test("the template script lists what it wrote", () => {
  const stdout = execFileSync(
    process.execPath,
    ["src/scripts/ops/template.ts", "--stage", "staging", "--out", path.join(out, "again")],
    { encoding: "utf8" },
  );
  expect(stdout).toMatch(/wrote .*staging\.json \(\d+ resources\)/);
  expect(stdout).toMatch(/APP_SECRET is a placeholder/);
});
