// @ts-check
import { ORIGIN_REFUSED_EVENT } from "../shared-constants.js";
// Architect deploy.start plugin: turns Architect's template into the system of docs/architecture.md.
// Architect's own output has a public website bucket, `dynamodb:*` and logs on `*`, no
// CloudFront and no Cognito; this replaces those parts and adds the rest, in the same stack.

/** CloudFront managed policies (fixed ids, the same in every account). */
export const MANAGED = {
  CachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  AllViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
};

export const ORIGIN_VERIFY_HEADER = "x-origin-verify";
const YEAR = 31_536_000;

/**
 * What the code calls (grep src/ for `*Command`), table by table. Sessions: get, put, update and
 * delete of one item by id, and a query of the bySub index (a settings change reaches every
 * session of the user). Accounts: get and update of one item by id. Idempotency (the JSON API's
 * Idempotency-Key records): a conditional put, a get and an update of one item by id. Undo: a
 * batch write of an undo's items, a query of them by undo id, and the conditional "used" update.
 * Tasks: a batch get reads the tasks a bulk action names.
 * Imports: put, get and conditional update of one item, a Query of one upload's parts; tasks
 * also take BatchWriteItem (an import creates them 25 at a time).
 * DescribeTable is the health check, on every table (src/db/table-health.ts). Keep in step with
 * the code: a unit test derives, table by table, what each repository file calls.
 */
/**
 * The Cognito admin calls the app makes (src/auth/), on its own user pool only, where no token
 * of the user is at hand: after a password reset, find the account's sub and end its sign-ins
 * (cognito.ts); signing in with a recovery code, turn its authenticator app off
 * (cognito-admin.ts). Every other Cognito call is a public client call that needs no IAM
 * rights. A unit test derives this list from the code.
 */
export const COGNITO_ADMIN_ACCESS = [
  "cognito-idp:AdminGetUser",
  "cognito-idp:AdminSetUserMFAPreference",
  "cognito-idp:AdminUserGlobalSignOut",
];

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
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:DescribeTable"],
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
};

/** Application data: on demand, encrypted, recoverable, and kept when a production stack goes. */
const TABLES = [
  "TasksTable",
  "SessionsTable",
  "AccountsTable",
  "IdempotencyTable",
  "UndoTable",
  "ImportsTable",
  "LimitsTable",
  "ListsTable",
];

/**
 * Lambda's CPU scales with memory, and 1,769 MB is one full vCPU (more does not help one Node
 * thread). Nearly all of a request's time in this function is CPU: `npm run bench` on one core
 * here measures the import at about 45 ms, the first signed-in /tasks after it at about 180 ms
 * and a warm /tasks at about 10 ms of CPU, against 2-3 ms of DynamoDB. At 1,024 MB (0.58 of a
 * vCPU) each takes about 1.7 times as long: a cold start near 0.4 s instead of 0.23 s, a warm
 * page about 7 ms slower. Duration falls almost as memory rises: a warm page is about 21.6 GB-ms
 * here against 19.8 (about 10% more, the DynamoDB wait billed at the higher rate; the charge per
 * request is the same), and the free tier's 400,000 GB-s a month is still about 230,000 s of
 * this function. Peak RSS stays under 200 MB.
 */
export const LAMBDA = { MemorySize: 1769, Timeout: 20 };
// API Gateway gives up at 30 s whatever the Lambda does; at 20 s our own timeout (a logged
// Lambda error, an alarm) is what users and operators see. app.arc says the same for sandbox.

/** The viewer's Host, copied where the app looks for its public origin (API Gateway needs Host). */
export const FORWARD_HOST_CODE = `function handler(event) {
  var request = event.request;
  request.headers['x-forwarded-host'] = { value: request.headers.host.value };
  return request;
}
`;

/**
 * Architect uploads build/client to the bucket's root (assets/x.js, favicon.svg) while pages
 * ask for /_static/assets/x.js; this drops the prefix before CloudFront asks S3 for the key.
 */
export const STRIP_STATIC_PREFIX_CODE = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/_static\\//, '/');
  return request;
}
`;

/**
 * With a custom domain, the default behaviour's viewer-request function: any other Host (the
 * bare d….cloudfront.net name) gets a 301 to the same path on the domain; the domain's own
 * requests get x-forwarded-host as FORWARD_HOST_CODE does. `domain` is checked to be a plain
 * host name (readSettings) before it is written into the code.
 * @param {string} domain
 */
export function canonicalHostCode(domain) {
  return `var DOMAIN = '${domain}';
function handler(event) {
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value.toLowerCase() : '';
  if (host !== DOMAIN) {
    var query = [];
    var params = request.querystring || {};
    for (var name in params) {
      var values = params[name].multiValue || [params[name]];
      for (var i = 0; i < values.length; i++) query.push(values[i].value === '' ? name : name + '=' + values[i].value);
    }
    var location = 'https://' + DOMAIN + request.uri + (query.length ? '?' + query.join('&') : '');
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } };
  }
  request.headers['x-forwarded-host'] = { value: host };
  return request;
}
`;
}

/** An hour: the longest a changed unhashed static file (favicon.svg) may be served stale. */
const HOUR = 3600;

/** AWS WAF's rate-based rule: requests per client IP in a 5-minute window, when WAF_ENABLED. */
export const DEFAULT_WAF_RATE_LIMIT = 1000;

/** Refusals of requests without the CloudFront secret in 5 minutes that count as a spike. */
export const ORIGIN_REFUSED_ALARM_THRESHOLD = 50;

// The log line src/http/any-catchall/lambda.ts writes when the origin check refuses.
export { ORIGIN_REFUSED_EVENT };

/** `arc env` names only this plugin reads: they shape the stack, the Lambda never needs them. */
export const TEMPLATE_SETTINGS = [
  "CUSTOM_DOMAIN",
  "CUSTOM_DOMAIN_CERTIFICATE_ARN",
  "ALARM_EMAIL",
  "RESERVED_CONCURRENCY",
  "WAF_ENABLED",
  "WAF_RATE_LIMIT",
  "SES_FROM_EMAIL",
];

/** @param {string} name @param {any} [rest] */
const sub = (name, rest) => (rest ? { "Fn::Sub": [name, rest] } : { "Fn::Sub": name });
/** @param {string} id */
const ref = (id) => ({ Ref: id });
/** @param {string} id @param {string} attribute */
const getAtt = (id, attribute) => ({ "Fn::GetAtt": [id, attribute] });

/**
 * Deployer settings from `arc env` for the stage (undefined when absent).
 * @param {any} inventory @param {string} stage
 */
export function readSettings(inventory, stage) {
  /** @type {Record<string, string>} */
  const env = inventory.inv._project.env?.aws?.[stage] ?? {};
  const domain = env.CUSTOM_DOMAIN;
  const certificateArn = env.CUSTOM_DOMAIN_CERTIFICATE_ARN;
  if (Boolean(domain) !== Boolean(certificateArn)) {
    throw new Error(
      `A custom domain needs both CUSTOM_DOMAIN and CUSTOM_DOMAIN_CERTIFICATE_ARN (arc env --env ${stage}).`,
    );
  }
  if (certificateArn && !/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(
      "CUSTOM_DOMAIN_CERTIFICATE_ARN must be an ACM certificate in us-east-1 (CloudFront only reads certificates there).",
    );
  }
  if (domain && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) {
    throw new Error(`CUSTOM_DOMAIN must be a lower-case host name such as tasks.example.com, not "${domain}".`);
  }
  const email = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;
  const alarmEmail = env.ALARM_EMAIL || undefined;
  if (alarmEmail && !email.test(alarmEmail)) throw new Error(`ALARM_EMAIL is not an email address: "${alarmEmail}".`);
  const sesFromEmail = env.SES_FROM_EMAIL || undefined;
  if (sesFromEmail && !email.test(sesFromEmail)) {
    throw new Error(`SES_FROM_EMAIL is not an email address: "${sesFromEmail}".`);
  }
  /** @param {string} name @param {string | undefined} value @param {number} min @param {number} max */
  const integer = (name, value, min, max) => {
    if (value === undefined || value === "") return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value}".`);
    }
    return number;
  };
  const wafEnabled = ["true", "1", "on", "yes"].includes((env.WAF_ENABLED ?? "").toLowerCase());
  if (env.WAF_ENABLED && !wafEnabled && !["false", "0", "off", "no"].includes(env.WAF_ENABLED.toLowerCase())) {
    throw new Error(`WAF_ENABLED is true or false, not "${env.WAF_ENABLED}".`);
  }
  return {
    domain,
    certificateArn,
    originVerifySecret: env.ORIGIN_VERIFY_SECRET,
    alarmEmail,
    // AWS's own ceiling is the account's concurrency limit; 1 would leave nothing for a second user.
    reservedConcurrency: integer("RESERVED_CONCURRENCY", env.RESERVED_CONCURRENCY, 2, 10_000),
    wafEnabled,
    // AWS WAF accepts 10 to 2,000,000,000 requests per 5 minutes.
    wafRateLimit: integer("WAF_RATE_LIMIT", env.WAF_RATE_LIMIT, 10, 2_000_000_000) ?? DEFAULT_WAF_RATE_LIMIT,
    sesFromEmail,
  };
}

/**
 * @param {any} cloudformation Architect's template (mutated and returned)
 * @param {{ stage: string, inventory: any }} options
 */
export function applyDeployTemplate(cloudformation, { stage, inventory }) {
  const production = stage === "production";
  const resources = cloudformation.Resources;
  const settings = readSettings(inventory, stage);
  const { domain, certificateArn, originVerifySecret } = settings;
  // What app.arc's @aws region says (arc deploy's region); CloudFront's metrics and WAF live in us-east-1.
  const region = inventory.inv.aws?.region;
  if (settings.wafEnabled && region !== "us-east-1") {
    throw new Error(
      `WAF_ENABLED needs the stack in us-east-1 (a CloudFront web ACL can only be created there); this stack deploys to ${region}.`,
    );
  }

  const functionIds = Object.keys(resources).filter((id) => resources[id].Type === "AWS::Serverless::Function");
  if (
    functionIds.length !== 1 ||
    !resources.TasksTable ||
    !resources.SessionsTable ||
    !resources.AccountsTable ||
    !resources.IdempotencyTable ||
    !resources.UndoTable ||
    !resources.ImportsTable ||
    !resources.LimitsTable ||
    !resources.ListsTable ||
    !resources.StaticBucket ||
    !resources.HTTP
  ) {
    throw new Error(
      "deploy-template expects one @http function, the tasks, sessions, accounts, idempotency, undo, imports, limits and lists tables, @static and the HTTP API.",
    );
  }
  const functionId = /** @type {string} */ (functionIds[0]);

  // Nothing reads Architect's SSM service discovery: table names reach the Lambda as env vars.
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === "AWS::SSM::Parameter") delete resources[id];
  }
  delete resources.ParameterStorePolicy;

  // The unique part of the stack id: different for every stack, never in the repo or in git.
  const originSecret = originVerifySecret ?? { "Fn::Select": [2, { "Fn::Split": ["/", ref("AWS::StackId")] }] };

  // ---- DynamoDB --------------------------------------------------------------------------
  for (const id of TABLES) {
    Object.assign(resources[id].Properties, {
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: production,
    });
  }
  for (const id of ["SessionsTable", "IdempotencyTable", "UndoTable", "ImportsTable", "LimitsTable", "ListsTable"])
    resources[id].Properties.TimeToLiveSpecification = { AttributeName: "expiresAt", Enabled: true };

  // ---- Cognito ---------------------------------------------------------------------------
  resources.UserPool = {
    Type: "AWS::Cognito::UserPool",
    Properties: {
      UserPoolName: sub("${AWS::StackName}-users"),
      UserPoolTier: "LITE",
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ["email"],
      // Two-step sign-in is each user's choice, with an authenticator app (no SMS costs or phone numbers).
      MfaConfiguration: "OPTIONAL",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      // Cognito cannot say "a letter"; the app enforces that part of the rule itself.
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireNumbers: true,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
      // Cognito's own sender allows a few dozen emails a day; a verified SES address has no such cap.
      EmailConfiguration: settings.sesFromEmail
        ? {
            EmailSendingAccount: "DEVELOPER",
            SourceArn: sub(
              `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${settings.sesFromEmail}`,
            ),
            From: `Task Tracker <${settings.sesFromEmail}>`,
          }
        : { EmailSendingAccount: "COGNITO_DEFAULT" },
      DeletionProtection: production ? "ACTIVE" : "INACTIVE",
    },
  };
  resources.UserPoolClient = {
    Type: "AWS::Cognito::UserPoolClient",
    Properties: {
      ClientName: sub("${AWS::StackName}-web"),
      UserPoolId: ref("UserPool"),
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      SupportedIdentityProviders: ["COGNITO"],
      ReadAttributes: ["email", "email_verified"],
      WriteAttributes: ["email"],
    },
  };

  // ---- S3: private, encrypted, readable only by this distribution ------------------------
  resources.StaticBucket.Properties = {
    OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
    },
  };
  const bucketObjects = sub("${StaticBucket.Arn}/*");
  resources.StaticBucketPolicy = {
    Type: "AWS::S3::BucketPolicy",
    Properties: {
      Bucket: ref("StaticBucket"),
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "CloudFrontReadsThroughOriginAccessControl",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: bucketObjects,
            Condition: {
              StringEquals: {
                "AWS:SourceArn": sub(
                  "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
                ),
              },
            },
          },
          {
            Sid: "TlsOnly",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [getAtt("StaticBucket", "Arn"), bucketObjects],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      },
    },
  };

  // ---- API Gateway -----------------------------------------------------------------------
  const api = resources.HTTP.Properties;
  // Static files come from S3 through CloudFront, not through Architect's API proxy.
  delete api.DefinitionBody.paths["/_static/{proxy+}"];
  api.DefaultRouteSettings = { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 };

  // ---- Lambda ----------------------------------------------------------------------------
  resources.AppLogGroup = {
    Type: "AWS::Logs::LogGroup",
    Properties: {
      LogGroupName: sub("/aws/lambda/${AWS::StackName}-app"),
      RetentionInDays: production ? 90 : 14,
    },
  };
  const fn = resources[functionId].Properties;
  Object.assign(fn, {
    Runtime: "nodejs22.x",
    Architectures: ["arm64"],
    MemorySize: LAMBDA.MemorySize,
    Timeout: LAMBDA.Timeout,
    // One JSON object per line (request id, level, message), which metric filters and Logs Insights read.
    LoggingConfig: { LogFormat: "JSON", LogGroup: ref("AppLogGroup") },
  });
  if (settings.reservedConcurrency !== undefined) fn.ReservedConcurrentExecutions = settings.reservedConcurrency;
  // `/{proxy+}` does not match the bare `/` in an HTTP API, so the landing page needs its own route.
  fn.Events.RootEvent = { Type: "HttpApi", Properties: { Path: "/", Method: "ANY", ApiId: ref("HTTP") } };
  const variables = fn.Environment.Variables;
  for (const name of ["ARC_ROLE", "ARC_STATIC_BUCKET", "ARC_STATIC_SPA", "ARC_SESSION_TABLE_NAME"])
    delete variables[name];
  Object.assign(variables, {
    NODE_ENV: "production",
    TASKS_TABLE: ref("TasksTable"),
    SESSIONS_TABLE: ref("SessionsTable"),
    ACCOUNTS_TABLE: ref("AccountsTable"),
    IDEMPOTENCY_TABLE: ref("IdempotencyTable"),
    UNDO_TABLE: ref("UndoTable"),
    IMPORTS_TABLE: ref("ImportsTable"),
    LIMITS_TABLE: ref("LimitsTable"),
    LISTS_TABLE: ref("ListsTable"),
    COGNITO_USER_POOL_ID: ref("UserPool"),
    COGNITO_CLIENT_ID: ref("UserPoolClient"),
    ORIGIN_VERIFY_SECRET: originSecret,
  });
  if (domain) variables.APP_ORIGIN = `https://${domain}`;
  // Only ever set by `arc env` for the stack itself; the app has no use for them.
  for (const name of TEMPLATE_SETTINGS) delete variables[name];

  // ---- IAM: exactly what the code calls ---------------------------------------------------
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
  statements.push({
    Sid: "OwnLogGroupOnly",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: getAtt("AppLogGroup", "Arn"),
  });
  resources.Role.Properties.Policies = [
    { PolicyName: "AppLeastPrivilege", PolicyDocument: { Version: "2012-10-17", Statement: statements } },
  ];

  // ---- CloudFront ------------------------------------------------------------------------
  /** @param {string} name @param {string} comment @param {string} code */
  const viewerFunction = (name, comment, code) => ({
    Type: "AWS::CloudFront::Function",
    Properties: {
      Name: sub(`\${AWS::StackName}-${name}`),
      AutoPublish: true,
      FunctionConfig: { Comment: comment, Runtime: "cloudfront-js-2.0" },
      FunctionCode: code,
    },
  });
  resources.ForwardHostFunction = domain
    ? viewerFunction(
        "forward-host",
        `Redirects other host names to ${domain}; copies Host into x-forwarded-host`,
        canonicalHostCode(domain),
      )
    : viewerFunction("forward-host", "Copies the viewer's Host into x-forwarded-host for the app", FORWARD_HOST_CODE);
  resources.StripStaticPrefixFunction = viewerFunction(
    "strip-static",
    "Maps /_static/<key> to the bucket key <key>",
    STRIP_STATIC_PREFIX_CODE,
  );
  resources.StaticOriginAccessControl = {
    Type: "AWS::CloudFront::OriginAccessControl",
    Properties: {
      OriginAccessControlConfig: {
        Name: sub("${AWS::StackName}-static"),
        Description: "CloudFront signs its requests to the private static bucket",
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    },
  };
  resources.StaticCachePolicy = {
    Type: "AWS::CloudFront::CachePolicy",
    Properties: {
      CachePolicyConfig: {
        Name: sub("${AWS::StackName}-static"),
        Comment: "Hashed file names never change: cache for a year, key on the path only",
        DefaultTTL: YEAR,
        MaxTTL: YEAR,
        MinTTL: YEAR,
        ParametersInCacheKeyAndForwardedToOrigin: {
          CookiesConfig: { CookieBehavior: "none" },
          HeadersConfig: { HeaderBehavior: "none" },
          QueryStringsConfig: { QueryStringBehavior: "none" },
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
        },
      },
    },
  };
  // Unhashed files (favicon.svg) keep their name across deploys, and Architect uploads every
  // file with `max-age=315360000`: the edge must not believe that for more than an hour.
  resources.StaticShortCachePolicy = {
    Type: "AWS::CloudFront::CachePolicy",
    Properties: {
      CachePolicyConfig: {
        Name: sub("${AWS::StackName}-static-short"),
        Comment: "Unhashed static files: at most an hour at the edge, key on the path only",
        DefaultTTL: HOUR,
        MaxTTL: HOUR,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: {
          CookiesConfig: { CookieBehavior: "none" },
          HeadersConfig: { HeaderBehavior: "none" },
          QueryStringsConfig: { QueryStringBehavior: "none" },
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
        },
      },
    },
  };
  const securityHeaders = {
    StrictTransportSecurity: {
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Preload: false,
      Override: true,
    },
    ContentTypeOptions: { Override: true },
    FrameOptions: { FrameOption: "DENY", Override: true },
    ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
  };
  /** @param {string} name @param {string} comment @param {string} [cacheControl] */
  const headersPolicy = (name, comment, cacheControl) => ({
    Type: "AWS::CloudFront::ResponseHeadersPolicy",
    Properties: {
      ResponseHeadersPolicyConfig: {
        Name: sub(`\${AWS::StackName}-${name}`),
        Comment: comment,
        SecurityHeadersConfig: securityHeaders,
        ...(cacheControl
          ? { CustomHeadersConfig: { Items: [{ Header: "Cache-Control", Value: cacheControl, Override: true }] } }
          : {}),
      },
    },
  });
  resources.SecurityHeadersPolicy = headersPolicy("security", "HSTS, nosniff, no framing, referrer policy");
  resources.StaticHeadersPolicy = headersPolicy(
    "static",
    "Security headers plus immutable caching for hashed assets",
    `public, max-age=${YEAR}, immutable`,
  );
  // Unhashed files (favicon.svg) may change with a deploy: an hour, not a year.
  resources.StaticShortCacheHeadersPolicy = headersPolicy(
    "static-short",
    "Security headers plus an hour of caching for unhashed static files",
    `public, max-age=${HOUR}`,
  );
  /** Both static behaviours: private bucket, GET/HEAD, prefix stripped; they differ in caching. */
  const staticBehaviour = (
    /** @type {string} */ PathPattern,
    /** @type {any} */ CachePolicyId,
    /** @type {string} */ headers,
  ) => ({
    PathPattern,
    TargetOriginId: "static",
    ViewerProtocolPolicy: "redirect-to-https",
    AllowedMethods: ["GET", "HEAD"],
    CachedMethods: ["GET", "HEAD"],
    Compress: true,
    CachePolicyId,
    ResponseHeadersPolicyId: ref(headers),
    FunctionAssociations: [
      { EventType: "viewer-request", FunctionARN: getAtt("StripStaticPrefixFunction", "FunctionARN") },
    ],
  });
  resources.Distribution = {
    Type: "AWS::CloudFront::Distribution",
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Comment: sub("${AWS::StackName}"),
        HttpVersion: "http2and3",
        IPV6Enabled: true,
        PriceClass: "PriceClass_100",
        ...(settings.wafEnabled ? { WebACLId: getAtt("WebAcl", "Arn") } : {}),
        ...(domain
          ? {
              Aliases: [domain],
              ViewerCertificate: {
                AcmCertificateArn: certificateArn,
                SslSupportMethod: "sni-only",
                MinimumProtocolVersion: "TLSv1.2_2021",
              },
            }
          : { ViewerCertificate: { CloudFrontDefaultCertificate: true } }),
        Origins: [
          {
            Id: "api",
            DomainName: sub("${HTTP}.execute-api.${AWS::Region}.amazonaws.com"),
            CustomOriginConfig: {
              OriginProtocolPolicy: "https-only",
              OriginSSLProtocols: ["TLSv1.2"],
              HTTPSPort: 443,
              // API Gateway gives up at 30 s, so waiting longer buys nothing.
              OriginReadTimeout: 30,
            },
            OriginCustomHeaders: [{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: originSecret }],
          },
          {
            Id: "static",
            DomainName: getAtt("StaticBucket", "RegionalDomainName"),
            S3OriginConfig: { OriginAccessIdentity: "" },
            OriginAccessControlId: getAtt("StaticOriginAccessControl", "Id"),
          },
        ],
        DefaultCacheBehavior: {
          TargetOriginId: "api",
          ViewerProtocolPolicy: "redirect-to-https",
          AllowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
          CachedMethods: ["GET", "HEAD"],
          Compress: true,
          CachePolicyId: MANAGED.CachingDisabled,
          OriginRequestPolicyId: MANAGED.AllViewerExceptHostHeader,
          ResponseHeadersPolicyId: ref("SecurityHeadersPolicy"),
          FunctionAssociations: [
            { EventType: "viewer-request", FunctionARN: getAtt("ForwardHostFunction", "FunctionARN") },
          ],
        },
        CacheBehaviors: [
          // Vite's hashed build output: a new deploy means new names, so cache for good.
          staticBehaviour("/_static/assets/*", ref("StaticCachePolicy"), "StaticHeadersPolicy"),
          staticBehaviour("/_static/*", ref("StaticShortCachePolicy"), "StaticShortCacheHeadersPolicy"),
        ],
      },
    },
  };

  // ---- AWS WAF (WAF_ENABLED): per-IP rate limit and AWS's common rule set -------------------
  // A CLOUDFRONT-scope web ACL exists only in us-east-1, which is why WAF_ENABLED insists on it.
  if (settings.wafEnabled) {
    /** @param {string} name */
    const visibility = (name) => ({
      SampledRequestsEnabled: true,
      CloudWatchMetricsEnabled: true,
      MetricName: name,
    });
    resources.WebAcl = {
      Type: "AWS::WAFv2::WebACL",
      Properties: {
        Name: sub("${AWS::StackName}-web"),
        Scope: "CLOUDFRONT",
        Description: "Rate limit per client IP, then the AWS common rule set",
        DefaultAction: { Allow: {} },
        VisibilityConfig: visibility("web-acl"),
        Rules: [
          {
            Name: "rate-per-ip",
            Priority: 0,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: { Limit: settings.wafRateLimit, EvaluationWindowSec: 300, AggregateKeyType: "IP" },
            },
            VisibilityConfig: visibility("rate-per-ip"),
          },
          {
            Name: "aws-common",
            Priority: 1,
            OverrideAction: { None: {} },
            Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } },
            VisibilityConfig: visibility("aws-common"),
          },
        ],
      },
    };
  }

  // ---- Alarms: CloudWatch -> SNS topic -> ALARM_EMAIL (subscribe by confirming its email) -----
  resources.AlarmTopic = {
    Type: "AWS::SNS::Topic",
    Properties: { TopicName: sub("${AWS::StackName}-alarms"), DisplayName: "Task Tracker alarms" },
  };
  if (settings.alarmEmail) {
    resources.AlarmEmailSubscription = {
      Type: "AWS::SNS::Subscription",
      Properties: { TopicArn: ref("AlarmTopic"), Protocol: "email", Endpoint: settings.alarmEmail },
    };
  }
  /**
   * Sum (or average) of one metric over 5-minute periods; no data (no traffic) is fine.
   * @param {string} description @param {Record<string, any>} metric @param {number} threshold
   * @param {number} [periods]
   */
  const alarm = (description, metric, threshold, periods = 1) => ({
    Type: "AWS::CloudWatch::Alarm",
    Properties: {
      AlarmDescription: description,
      ...metric,
      // A metric-math alarm gives each metric its own period.
      ...(metric.Metrics ? {} : { Period: 300 }),
      EvaluationPeriods: periods,
      DatapointsToAlarm: periods,
      Threshold: threshold,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
      AlarmActions: [ref("AlarmTopic")],
      OKActions: [ref("AlarmTopic")],
    },
  });
  /** @param {string} Namespace @param {string} MetricName @param {Record<string, any>} dimensions */
  const metric = (Namespace, MetricName, dimensions, Statistic = "Sum") => ({
    Namespace,
    MetricName,
    Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    Statistic,
  });
  resources.LambdaErrorsAlarm = alarm(
    "The app's Lambda failed (an uncaught error or a timeout)",
    metric("AWS/Lambda", "Errors", { FunctionName: ref(functionId) }),
    1,
  );
  resources.LambdaThrottlesAlarm = alarm(
    "The app's Lambda was throttled (concurrency limit reached)",
    metric("AWS/Lambda", "Throttles", { FunctionName: ref(functionId) }),
    1,
  );
  resources.ApiGateway5xxAlarm = alarm(
    "The HTTP API answered 5xx (Lambda errors, timeouts or throttling)",
    metric("AWS/ApiGateway", "5xx", { ApiId: ref("HTTP") }),
    5,
  );
  // CloudFront publishes its metrics only in us-east-1 (dimension Region=Global): an alarm in
  // another region would never see data, so it exists only when the stack is in us-east-1.
  if (region === "us-east-1") {
    resources.CloudFront5xxRateAlarm = alarm(
      "Over 5% of CloudFront's responses were 5xx for 10 minutes",
      metric("AWS/CloudFront", "5xxErrorRate", { DistributionId: ref("Distribution"), Region: "Global" }, "Average"),
      5,
      2,
    );
  }
  for (const table of TABLES) {
    // Read and write throttle events of the table (its indexes' back-pressure shows up here too).
    const throttles = alarm(
      `DynamoDB throttled requests to ${table}`,
      {
        Metrics: [
          ...["ReadThrottleEvents", "WriteThrottleEvents"].map((name, i) => ({
            Id: `m${i}`,
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: "AWS/DynamoDB",
                MetricName: name,
                Dimensions: [{ Name: "TableName", Value: ref(table) }],
              },
              Period: 300,
              Stat: "Sum",
            },
          })),
          { Id: "throttles", Label: "Throttle events", Expression: "FILL(m0, 0) + FILL(m1, 0)", ReturnData: true },
        ],
      },
      1,
    );
    resources[`${table}ThrottlesAlarm`] = throttles;
  }
  // The Lambda logs {"event":"origin-refused"} when a request lacks the CloudFront secret:
  // someone is calling the raw API Gateway URL. A term pattern matches it inside Lambda's JSON.
  resources.OriginRefusedMetricFilter = {
    Type: "AWS::Logs::MetricFilter",
    Properties: {
      LogGroupName: ref("AppLogGroup"),
      FilterPattern: `"${ORIGIN_REFUSED_EVENT}"`,
      MetricTransformations: [
        { MetricNamespace: sub("TaskTracker/${AWS::StackName}"), MetricName: "OriginRefused", MetricValue: "1" },
      ],
    },
  };
  resources.OriginRefusedAlarm = alarm(
    `At least ${ORIGIN_REFUSED_ALARM_THRESHOLD} requests in 5 minutes bypassed CloudFront (403 from the origin check)`,
    { Namespace: sub("TaskTracker/${AWS::StackName}"), MetricName: "OriginRefused", Statistic: "Sum" },
    ORIGIN_REFUSED_ALARM_THRESHOLD,
  );

  // A rotated origin secret reaches the Lambda (which then accepts old and new) before CloudFront
  // starts sending the new one, so no request is refused during the switch (docs/operations.md: rotating secrets).
  resources.Distribution.DependsOn = [functionId];

  // Data outlives the stack in production (a deleted stack or a replaced resource keeps it);
  // staging is disposable. The bucket holds only build output and logs age out anyway: both go.
  for (const id of [...TABLES, "UserPool"]) {
    resources[id].DeletionPolicy = production ? "Retain" : "Delete";
    resources[id].UpdateReplacePolicy = production ? "Retain" : "Delete";
  }
  for (const id of ["StaticBucket", "AppLogGroup"]) {
    resources[id].DeletionPolicy = "Delete";
    resources[id].UpdateReplacePolicy = "Delete";
  }

  // ---- Outputs: Architect prints `CDN` as the app's URL after a deploy ---------------------
  // `arc destroy --force` finds the bucket to empty through this output (the name before the
  // first dot); without it the stack's deletion fails on a non-empty bucket.
  cloudformation.Outputs.BucketURL = {
    Description: "The private static bucket (not public; CloudFront reads it)",
    Value: sub("https://${StaticBucket}.s3.${AWS::Region}.amazonaws.com"),
  };
  cloudformation.Outputs.CDN = {
    Description: "The app, through CloudFront",
    Value: sub("https://${Distribution.DomainName}"),
  };
  if (domain)
    cloudformation.Outputs.AppURL = { Description: "The app on its custom domain", Value: `https://${domain}` };
  cloudformation.Outputs.UserPoolId = { Description: "Cognito user pool", Value: ref("UserPool") };
  // What `aws cognito-idp initiate-auth --client-id` needs to get a token for the JSON API.
  cloudformation.Outputs.UserPoolClientId = { Description: "Cognito app client", Value: ref("UserPoolClient") };

  return cloudformation;
}

export default {
  deploy: {
    /** @param {{ cloudformation: any, stage: string, inventory: any }} params */
    start({ cloudformation, stage, inventory }) {
      return applyDeployTemplate(cloudformation, { stage, inventory });
    },
  },
};
