// @ts-check
// AWS WAF (WAF_ENABLED): a per-IP rate limit and AWS's common rule set in front of CloudFront
// (cloudfront.js attaches the web ACL). A CLOUDFRONT-scope web ACL exists only in us-east-1,
// which is why deploy-template.js stops a WAF_ENABLED deploy anywhere else.
import { sub } from "./cfn.js";

/** @param {string} name */
const visibility = (name) => ({
  SampledRequestsEnabled: true,
  CloudWatchMetricsEnabled: true,
  MetricName: name,
});

/** @param {import("./cfn.js").DeployContext} context */
export function addWebAcl({ resources, settings }) {
  if (!settings.wafEnabled) return;
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
