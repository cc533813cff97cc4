// AWS WAF (src/plugins/deploy/waf.js), off unless WAF_ENABLED.
import { expect, test } from "vitest";
import { DEFAULT_WAF_RATE_LIMIT } from "#src/plugins/deploy/settings.js";
import { buildWith, distribution, resource, STAGES, template } from "./templates.ts";

test("WAF is off by default; WAF_ENABLED puts a CLOUDFRONT web ACL with a per-IP rate rule and AWS's common rule set on the distribution", () => {
  for (const stage of STAGES) {
    expect(template(stage).Resources.WebAcl).toBeUndefined();
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
