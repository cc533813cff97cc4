// Alarms (src/plugins/deploy/alarms.js): what they watch, where they go, and the origin-refused metric.
import { expect, test } from "vitest";
import { DYNAMODB_ACCESS } from "#src/plugins/deploy/iam.js";
import { ORIGIN_REFUSED_EVENT } from "#src/shared-constants.js";
import { ORIGIN_REFUSED_EVENT as GUARD_ORIGIN_REFUSED_EVENT } from "#src/http/request-guard.ts";
import { buildWith, type Json, resource, STAGES, TABLE_IDS, template } from "./templates.ts";

const ALARMS = [
  "LambdaErrorsAlarm",
  "LambdaThrottlesAlarm",
  "ApiGateway5xxAlarm",
  "CloudFront5xxRateAlarm",
  // One per app.arc table: TasksTableThrottlesAlarm, …
  ...TABLE_IDS.map((id) => `${id}ThrottlesAlarm`),
  "OriginRefusedAlarm",
  // Live updates' WebSocket API and its handlers (websocket.test.ts).
  "WebSocketErrorsAlarm",
  "WebSocketLambdaErrorsAlarm",
];

test.each(STAGES)(
  "%s: alarms on Lambda errors and throttles, API 5xx, CloudFront 5xx rate, each table's throttles and origin refusals go to one SNS topic, with no subscription unless ALARM_EMAIL is set",
  (stage) => {
    const alarms = Object.entries(template(stage).Resources)
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
    const types = Object.values(template(stage).Resources).map((r: Json) => r.Type);
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
