// Live updates' WebSocket API (src/plugins/deploy/websocket.js): its handlers' settings and
// environment, the management-API grant on this API only, the connection table's TTL and the
// alarms on socket errors.
import { expect, test } from "vitest";
import { WS_ERRORS_ALARM_THRESHOLD, WS_FUNCTIONS } from "#src/plugins/deploy/websocket.js";
import { type Json, lambda, policyStatements, resource, STAGES, template } from "./templates.ts";

test.each(STAGES)("%s: the WebSocket API routes $connect, $default and $disconnect to our three handlers", (stage) => {
  expect(resource(stage, "WS").Properties.ProtocolType).toBe("WEBSOCKET");
  const routes = Object.values(template(stage).Resources)
    .filter((r: Json) => r.Type === "AWS::ApiGatewayV2::Route")
    .map((r: Json) => r.Properties.RouteKey);
  expect(routes.sort()).toEqual(["$connect", "$default", "$disconnect"]);
  for (const id of WS_FUNCTIONS) {
    const fn = resource(stage, id).Properties;
    expect(fn.CodeUri, id).toMatch(/src\/ws\/(connect|default|disconnect)$/);
    expect(fn).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], MemorySize: 512, Timeout: 10 });
    expect(fn.LoggingConfig).toEqual({ LogFormat: "JSON", LogGroup: { Ref: "LiveLogGroup" } });
  }
});

test.each(STAGES)(
  "%s: the socket handlers see the page Lambda's environment (tables, Cognito, secret) and the socket URL",
  (stage) => {
    const page = lambda(stage).Environment.Variables;
    for (const id of WS_FUNCTIONS) {
      const variables = resource(stage, id).Properties.Environment.Variables;
      expect(variables, id).toEqual({ ...page, ARC_WSS_URL: variables.ARC_WSS_URL });
      expect(variables.LIVE_TABLE, id).toEqual({ Ref: "LiveTable" });
      expect(JSON.stringify(variables.ARC_WSS_URL), id).toContain(`wss://\${WS}.execute-api`);
    }
    // The page Lambda posts the notices and puts the socket's host in connect-src.
    expect(JSON.stringify(page.ARC_WSS_URL)).toContain(`/${stage}`);
  },
);

test.each(STAGES)(
  "%s: the functions may post to this API's connections and call nothing else of API Gateway",
  (stage) => {
    const statements = resource(stage, "WebSocketPolicy").Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      {
        Sid: "PostToOwnSockets",
        Effect: "Allow",
        Action: ["execute-api:ManageConnections"],
        Resource: {
          "Fn::Sub": `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WS}/${stage}/POST/@connections/*`,
        },
      },
    ]);
    const everywhere = [...policyStatements(stage), ...statements].filter((s: Json) =>
      [s.Action].flat().some((action: string) => action.startsWith("execute-api:")),
    );
    expect(everywhere).toHaveLength(1);
  },
);

test.each(STAGES)("%s: connection records expire with their TTL", (stage) => {
  expect(resource(stage, "LiveTable").Properties.TimeToLiveSpecification).toEqual({
    AttributeName: "expiresAt",
    Enabled: true,
  });
});

test.each(STAGES)("%s: socket API errors and handler failures raise alarms on the one topic", (stage) => {
  const api = resource(stage, "WebSocketErrorsAlarm").Properties;
  expect(api.Threshold).toBe(WS_ERRORS_ALARM_THRESHOLD);
  expect(api.AlarmActions).toEqual([{ Ref: "AlarmTopic" }]);
  const watched = api.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric);
  expect(watched.map((m: Json) => m.MetricName)).toEqual(["IntegrationError", "ExecutionError"]);
  for (const m of watched)
    expect(m.Dimensions).toEqual([
      { Name: "ApiId", Value: { Ref: "WS" } },
      { Name: "Stage", Value: stage },
    ]);
  const handlers = resource(stage, "WebSocketLambdaErrorsAlarm").Properties;
  expect(
    handlers.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric.Dimensions[0].Value),
  ).toEqual(WS_FUNCTIONS.map((id) => ({ Ref: id })));
});
