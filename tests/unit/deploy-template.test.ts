// The deploy template is the product of issue 4: nobody here can deploy, so every property of
// the system is asserted on the template `npm run template` writes (Architect's packaging plus
// our deploy.start plugins), and the whole template must pass cfn-lint. Needs `npm run build`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, test, vi } from "vitest";
import preflight, { BUNDLE, CLIENT_BUILD } from "#src/plugins/deploy-preflight.js";
import {
  applyDeployTemplate,
  DYNAMODB_ACCESS,
  FORWARD_HOST_CODE,
  MANAGED,
  STRIP_STATIC_PREFIX_CODE,
} from "#src/plugins/deploy-template.js";

const root = process.cwd();
const STAGES = ["staging", "production"] as const;
type Stage = (typeof STAGES)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
type Json = any;

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc";
const out = mkdtempSync(path.join(tmpdir(), "deploy-template-"));
const templates = {} as Record<Stage | "custom-domain", Json>;

function runTemplateScript(args: string[], cwd = root) {
  return spawnSync(process.execPath, [path.join(root, "src/scripts/template.ts"), ...args], { cwd, encoding: "utf8" });
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
const lambda = (stage: Stage) => resource(stage, "AnyCatchallHTTPLambda").Properties;
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
const fakeInventory = (cwd: string, stageEnv: Record<string, string> | null) => ({
  inv: { _project: { cwd, env: { aws: { testing: null, staging: stageEnv, production: stageEnv } } } },
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
    COGNITO_USER_POOL_ID: { Ref: "UserPool" },
    COGNITO_CLIENT_ID: { Ref: "UserPoolClient" },
  });
  // The offline template stands in for `arc env`'s value; arc deploy injects the real one.
  expect(variables.APP_SECRET.length).toBeGreaterThanOrEqual(32);
  expect(variables.AWS_REGION).toBeUndefined();
  expect(variables.DYNAMODB_ENDPOINT).toBeUndefined();
});

test.each(STAGES)(
  "%s: the Lambda runs nodejs22.x on arm64 with a 30 s timeout, 1024 MB and a log group with retention",
  (stage) => {
    const fn = lambda(stage);
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Timeout).toBe(30);
    expect(fn.MemorySize).toBe(1024);
    expect(fn.LoggingConfig.LogGroup).toEqual({ Ref: "AppLogGroup" });
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
  "%s: every table is on demand with point-in-time recovery and encryption; sessions, idempotency, undo and staged import records expire by TTL on expiresAt",
  (stage) => {
    for (const id of [
      "TasksTable",
      "SessionsTable",
      "AccountsTable",
      "IdempotencyTable",
      "UndoTable",
      "ImportsTable",
    ]) {
      const table = resource(stage, id).Properties;
      expect(table.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.SSESpecification).toEqual({ SSEEnabled: true });
    }
    for (const id of ["SessionsTable", "IdempotencyTable", "UndoTable", "ImportsTable"])
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

/** DynamoDB IAM actions behind the SDK commands src/ imports (lib-dynamodb names the item calls). */
function dynamoActionsCalledBySrc(): Set<string> {
  const lib: Record<string, string> = {
    Get: "GetItem",
    Put: "PutItem",
    Update: "UpdateItem",
    Delete: "DeleteItem",
    BatchGet: "BatchGetItem",
    BatchWrite: "BatchWriteItem",
    TransactGet: "TransactGetItems",
    TransactWrite: "TransactWriteItems",
  };
  const actions = new Set<string>();
  // Scripts and plugins run on developer machines and in CI, never in the Lambda.
  const files = readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" }).filter(
    (f) => /\.(ts|js)$/.test(f) && !f.endsWith(".d.ts") && !/^(scripts|plugins)\//.test(f),
  );
  for (const file of files) {
    const text = readFileSync(path.join(root, "src", file), "utf8");
    // The SDK is loaded lazily: commands are used as `commands.GetCommand`, `tables.DescribeTableCommand`.
    for (const [, command] of text.matchAll(/\b(?:commands|tables)\.(\w+)Command\b/g))
      actions.add(`dynamodb:${lib[command!] ?? command}`);
    for (const [, names] of text.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*["']@aws-sdk\/(?:lib-dynamodb|client-dynamodb)["']/g,
    )) {
      for (const [, command] of (names ?? "").matchAll(/(\w+)Command\b/g))
        actions.add(`dynamodb:${lib[command!] ?? command}`);
    }
    // Commands from the lazily loaded SDK modules (src/db/client.ts): `new commands.GetCommand(…)`.
    for (const [, command] of text.matchAll(/new\s+(?:commands|tables)\.(\w+)Command\b/g))
      actions.add(`dynamodb:${lib[command!] ?? command}`);
  }
  return actions;
}

test.each(STAGES)(
  "%s: the Lambda role allows exactly the DynamoDB actions src/ calls, only on our six tables and their indexes",
  (stage) => {
    const dynamo = policyStatements(stage).filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("dynamodb:")),
    );
    // Every index app.arc declares on the tasks table, as the template creates it.
    const TASK_INDEXES: string[] = resource(stage, "TasksTable").Properties.GlobalSecondaryIndexes.map(
      (index: Json) => index.IndexName,
    );
    expect(TASK_INDEXES).toEqual(["byStatus", "byDue", "byStatusDue", "byPriority", "byStatusPriority"]);
    const granted = new Set(dynamo.flatMap((s) => s.Action));
    expect([...granted].sort()).toEqual([...dynamoActionsCalledBySrc()].sort());
    expect(dynamo.map((s) => s.Resource)).toEqual([
      { "Fn::GetAtt": ["TasksTable", "Arn"] },
      ...TASK_INDEXES.map((index) => ({ "Fn::Sub": `\${TasksTable.Arn}/index/${index}` })),
      { "Fn::GetAtt": ["SessionsTable", "Arn"] },
      { "Fn::Sub": "${SessionsTable.Arn}/index/bySub" },
      { "Fn::GetAtt": ["AccountsTable", "Arn"] },
      { "Fn::GetAtt": ["IdempotencyTable", "Arn"] },
      { "Fn::GetAtt": ["UndoTable", "Arn"] },
      { "Fn::GetAtt": ["ImportsTable", "Arn"] },
    ]);
    for (const statement of dynamo.slice(1, 1 + TASK_INDEXES.length))
      expect(statement.Action).toEqual(["dynamodb:Query"]);
    expect(dynamo[1 + TASK_INDEXES.length + 1].Action).toEqual(["dynamodb:Query"]);
    // Queries go to the indexes only; accounts are read and written one item at a time.
    expect(DYNAMODB_ACCESS.SessionsTable.table).not.toContain("dynamodb:Query");
    expect(dynamo[1 + TASK_INDEXES.length + 2].Action).toEqual([
      "dynamodb:GetItem",
      "dynamodb:UpdateItem",
      "dynamodb:DescribeTable",
    ]);
    // Idempotency records: one item at a time, never listed.
    expect(dynamo[1 + TASK_INDEXES.length + 3].Action).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]);
    // Undo records: written in batches, read back by undo id, marked used once.
    expect(dynamo[1 + TASK_INDEXES.length + 4].Action).toEqual([
      "dynamodb:BatchWriteItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
    // Imports: one owner's items; the Query reads one upload's parts (a key prefix).
    expect(dynamo[1 + TASK_INDEXES.length + 5].Action).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:Query",
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

// ---- Outputs and validation ---------------------------------------------------------------

test.each(STAGES)("%s: the stack outputs the CloudFront URL as CDN, which arc deploy prints", (stage) => {
  expect(templates[stage].Outputs.CDN.Value).toEqual({ "Fn::Sub": "https://${Distribution.DomainName}" });
  // The README's `aws cognito-idp initiate-auth` for an API token reads these two.
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
    ["src/scripts/template.ts", "--stage", "staging", "--out", path.join(out, "again")],
    { encoding: "utf8" },
  );
  expect(stdout).toMatch(/wrote .*staging\.json \(\d+ resources\)/);
  expect(stdout).toMatch(/APP_SECRET is a placeholder/);
});
