// @ts-check
// Architect deploy.start plugin: turns Architect's template into the system of ARCHITECTURE.md.
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
 * DescribeTable is the health check. Keep in step with the code: a
 * unit test compares this with the commands src/ imports.
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
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    indexes: {},
  },
  UndoTable: {
    table: ["dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:UpdateItem"],
    indexes: {},
  },
  ImportsTable: {
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"],
    indexes: {},
  },
};

/** Application data: on demand, encrypted, recoverable, and kept when a production stack goes. */
const TABLES = ["TasksTable", "SessionsTable", "AccountsTable", "IdempotencyTable", "UndoTable", "ImportsTable"];

/**
 * Memory, measured on the built bundle in Node 22 (2,000 SSR requests, one x86 core): peak RSS
 * 165-170 MB, module load 155-165 ms CPU, first renders ~45 ms, then ~1.2 ms CPU a request.
 * Lambda's CPU scales with memory (1,769 MB = one vCPU), so a cold start costs about 0.35 s at
 * 1,024 MB, 0.7 s at 512 and 1.4 s at 256 (which also leaves little room over 170 MB). A
 * low-traffic app is often cold, so 1,024 MB (the free 400,000 GB-s a month = 400,000 s at 1 GB).
 */
export const LAMBDA = { MemorySize: 1024, Timeout: 30 };

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

/** CloudFront's managed CachingOptimized policy: honours the origin's TTLs, gzip and brotli keys. */
const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

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
  return { domain, certificateArn, originVerifySecret: env.ORIGIN_VERIFY_SECRET };
}

/**
 * @param {any} cloudformation Architect's template (mutated and returned)
 * @param {{ stage: string, inventory: any }} options
 */
export function applyDeployTemplate(cloudformation, { stage, inventory }) {
  const production = stage === "production";
  const resources = cloudformation.Resources;
  const { domain, certificateArn, originVerifySecret } = readSettings(inventory, stage);

  const functionIds = Object.keys(resources).filter((id) => resources[id].Type === "AWS::Serverless::Function");
  if (
    functionIds.length !== 1 ||
    !resources.TasksTable ||
    !resources.SessionsTable ||
    !resources.AccountsTable ||
    !resources.IdempotencyTable ||
    !resources.UndoTable ||
    !resources.ImportsTable ||
    !resources.StaticBucket ||
    !resources.HTTP
  ) {
    throw new Error(
      "deploy-template expects one @http function, the tasks, sessions, accounts, idempotency, undo and imports tables, @static and the HTTP API.",
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
  for (const id of ["SessionsTable", "IdempotencyTable", "UndoTable", "ImportsTable"])
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
      EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
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
    LoggingConfig: { LogFormat: "Text", LogGroup: ref("AppLogGroup") },
  });
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
    COGNITO_USER_POOL_ID: ref("UserPool"),
    COGNITO_CLIENT_ID: ref("UserPoolClient"),
    ORIGIN_VERIFY_SECRET: originSecret,
  });
  if (domain) variables.APP_ORIGIN = `https://${domain}`;
  // Only ever set by `arc env` for CloudFront; the app has no use for them.
  delete variables.CUSTOM_DOMAIN;
  delete variables.CUSTOM_DOMAIN_CERTIFICATE_ARN;

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
  resources.ForwardHostFunction = viewerFunction(
    "forward-host",
    "Copies the viewer's Host into x-forwarded-host for the app",
    FORWARD_HOST_CODE,
  );
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
    "public, max-age=3600",
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
          staticBehaviour("/_static/*", CACHING_OPTIMIZED, "StaticShortCacheHeadersPolicy"),
        ],
      },
    },
  };

  // A rotated origin secret reaches the Lambda (which then accepts old and new) before CloudFront
  // starts sending the new one, so no request is refused during the switch (README: rotating secrets).
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
