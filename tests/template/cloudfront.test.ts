// CloudFront (src/plugins/deploy/cloudfront.js, viewer-functions.js): HTTPS, the API and static behaviours,
// security headers, the origin secret, the viewer-request functions and the custom domain.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { MANAGED } from "#src/plugins/deploy/cloudfront.js";
import {
  canonicalHostCode,
  FORWARD_HOST_CODE,
  STRIP_STATIC_PREFIX_CODE,
} from "#src/plugins/deploy/viewer-functions.js";
import { applyDeployTemplate } from "#src/plugins/deploy-template.js";
import {
  buildWith,
  CERTIFICATE,
  distribution,
  fakeInventory,
  type Json,
  lambda,
  resource,
  root,
  STAGES,
  template,
  templatesBeforePlugins,
} from "./templates.ts";

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
  const variables = template("custom-domain").Resources.AnyCatchallHTTPLambda.Properties.Environment.Variables;
  expect(variables.APP_ORIGIN).toBe("https://tasks.example.com");
  expect(variables.CUSTOM_DOMAIN).toBeUndefined();
  expect(template("custom-domain").Outputs.AppURL.Value).toBe("https://tasks.example.com");
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
  expect(template(stage).Outputs.CDN.Value).toEqual({ "Fn::Sub": "https://${Distribution.DomainName}" });
  // docs/api.md's `aws cognito-idp initiate-auth` for an API token reads these two.
  expect(template(stage).Outputs.UserPoolId.Value).toEqual({ Ref: "UserPool" });
  expect(template(stage).Outputs.UserPoolClientId.Value).toEqual({ Ref: "UserPoolClient" });
});

test.each(STAGES)(
  "%s: CloudFront is updated after the Lambda, so a rotated origin secret is accepted before CloudFront sends it",
  (stage) => {
    expect(resource(stage, "Distribution").DependsOn).toEqual(["AnyCatchallHTTPLambda"]);
  },
);
