// @ts-check
// Alarms: CloudWatch -> one SNS topic -> ALARM_EMAIL (subscribed by confirming its email). The
// Lambda's errors and throttles, the API's 5xx, CloudFront's 5xx rate, each table's throttles
// and requests that bypassed CloudFront.
import { ORIGIN_REFUSED_EVENT } from "../../shared-constants.js";
import { ref, sub } from "./cfn.js";

/** Refusals of requests without the CloudFront secret in 5 minutes that count as a spike. */
export const ORIGIN_REFUSED_ALARM_THRESHOLD = 50;

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

/** Read and write throttle events of the table (its indexes' back-pressure shows up here too). */
const tableThrottles = (/** @type {string} */ table) =>
  alarm(
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

/** @param {import("./cfn.js").DeployContext} context */
export function addAlarms({ resources, settings, functionId, region, tables }) {
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
  for (const { id } of tables) resources[`${id}ThrottlesAlarm`] = tableThrottles(id);
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
}
