// @ts-check
// CloudFront: one distribution in front of everything. The default behaviour sends every
// request, uncached, to the HTTP API with the per-stack origin secret; /_static/* comes from the
// private bucket (static-bucket.js), hashed assets cached for a year and the rest for an hour.
// Every response carries the security headers.
import { getAtt, ref, sub } from "./cfn.js";
import { addViewerFunctions } from "./viewer-functions.js";

/** CloudFront managed policies (fixed ids, the same in every account). */
export const MANAGED = {
  CachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  AllViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
};

export const ORIGIN_VERIFY_HEADER = "x-origin-verify";
const YEAR = 31_536_000;
/** An hour: the longest a changed unhashed static file (favicon.svg) may be served stale. */
const HOUR = 3600;

/** @param {string} name @param {string} comment @param {number} min @param {number} max */
const staticCachePolicy = (name, comment, min, max) => ({
  Type: "AWS::CloudFront::CachePolicy",
  Properties: {
    CachePolicyConfig: {
      Name: sub(`\${AWS::StackName}-${name}`),
      Comment: comment,
      DefaultTTL: max,
      MaxTTL: max,
      MinTTL: min,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: "none" },
        HeadersConfig: { HeaderBehavior: "none" },
        QueryStringsConfig: { QueryStringBehavior: "none" },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    },
  },
});

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

/** @param {import("./cfn.js").DeployContext} context */
export function addDistribution(context) {
  const { resources, settings, functionId, originSecret } = context;
  const { domain, certificateArn } = settings;
  addViewerFunctions(context);
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
  resources.StaticCachePolicy = staticCachePolicy(
    "static",
    "Hashed file names never change: cache for a year, key on the path only",
    YEAR,
    YEAR,
  );
  // Unhashed files (favicon.svg) keep their name across deploys, and Architect uploads every
  // file with `max-age=315360000`: the edge must not believe that for more than an hour.
  resources.StaticShortCachePolicy = staticCachePolicy(
    "static-short",
    "Unhashed static files: at most an hour at the edge, key on the path only",
    0,
    HOUR,
  );
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
  resources.Distribution = {
    Type: "AWS::CloudFront::Distribution",
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Comment: sub("${AWS::StackName}"),
        HttpVersion: "http2and3",
        IPV6Enabled: true,
        PriceClass: "PriceClass_100",
        // The web ACL itself is waf.js's.
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
    // A rotated origin secret reaches the Lambda (which then accepts old and new) before CloudFront
    // starts sending the new one, so no request is refused during the switch (docs/operations.md: rotating secrets).
    DependsOn: [functionId],
  };
}

/** Architect prints `CDN` as the app's URL after a deploy. */
export function cloudFrontOutputs(/** @type {import("./cfn.js").DeployContext} */ { settings: { domain } }) {
  return {
    CDN: { Description: "The app, through CloudFront", Value: sub("https://${Distribution.DomainName}") },
    ...(domain ? { AppURL: { Description: "The app on its custom domain", Value: `https://${domain}` } } : {}),
  };
}
