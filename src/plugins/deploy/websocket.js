// @ts-check
// Live updates (src/live/, app.arc @ws): API Gateway's WebSocket API and its three small
// Lambdas ($connect, $default, $disconnect), which Architect generates. This gives them the
// page Lambda's runtime settings and environment (the same table names, Cognito ids and
// secrets: they verify tickets and check list access with the same code), a log group of their
// own, the right to post to this API's connections and nothing else of API Gateway (Architect
// grants Invoke and ManageConnections on every stage and route), and alarms on the socket
// API's errors and the handlers' failures. The connection records' table (live) and its TTL
// come from app.arc like every table's; its grant is in iam.js.
import { ref, sub } from "./cfn.js";

/** Architect's logical ids for app.arc's @ws routes. */
export const WS_FUNCTIONS = ["ConnectWSLambda", "DefaultWSLambda", "DisconnectWSLambda"];

/**
 * Small and short: each handler does a GetItem, a Query or a few writes and at most one
 * PostToConnection. API Gateway waits 29 s for a WebSocket integration; our own 10 s timeout is
 * what an operator sees first.
 */
export const WS_LAMBDA = { MemorySize: 512, Timeout: 10 };

/** Failed socket events (integration and execution errors) in 5 minutes that count as trouble. */
export const WS_ERRORS_ALARM_THRESHOLD = 5;

/** @param {import("./cfn.js").DeployContext} context */
export function configureWebSocket({ resources, production, functionId, stage }) {
  if (!resources.WS) return;
  resources.LiveLogGroup = {
    Type: "AWS::Logs::LogGroup",
    Properties: { LogGroupName: sub("/aws/lambda/${AWS::StackName}-live"), RetentionInDays: production ? 90 : 14 },
    DeletionPolicy: "Delete",
    UpdateReplacePolicy: "Delete",
  };
  // After configureLambda: the page Lambda's variables are the app's whole environment (src/env.ts).
  const pageVariables = resources[functionId].Properties.Environment.Variables;
  for (const id of WS_FUNCTIONS) {
    const fn = resources[id]?.Properties;
    if (!fn) throw new Error(`deploy-template expects Architect's ${id} for app.arc's @ws.`);
    Object.assign(fn, {
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: WS_LAMBDA.MemorySize,
      Timeout: WS_LAMBDA.Timeout,
      LoggingConfig: { LogFormat: "JSON", LogGroup: ref("LiveLogGroup") },
    });
    fn.Environment.Variables = { ...pageVariables, ARC_WSS_URL: fn.Environment.Variables.ARC_WSS_URL };
  }
  // Architect's DependsOn repeats what their Ref already orders (cfn-lint W3005).
  delete resources.WebSocketPolicy.DependsOn;
  for (const id of WS_FUNCTIONS) {
    const permission = resources[id.replace(/Lambda$/, "Permission")];
    if (permission)
      permission.DependsOn = [permission.DependsOn ?? []].flat().filter((/** @type {string} */ d) => d !== id);
    if (permission?.DependsOn.length === 0) delete permission.DependsOn;
  }
  // Only what the code calls (socket-repository.ts: PostToConnection), on this API's stage only.
  resources.WebSocketPolicy.Properties.PolicyDocument.Statement = [
    {
      Sid: "PostToOwnSockets",
      Effect: "Allow",
      Action: ["execute-api:ManageConnections"],
      Resource: sub(
        `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WS}/${stage}/POST/@connections/*`,
      ),
    },
  ];
}

/** @param {import("./cfn.js").DeployContext} context */
export function addWebSocketAlarms({ resources, stage }) {
  if (!resources.WS) return;
  // Metric-math alarms: each metric carries its own period.
  const common = {
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
    TreatMissingData: "notBreaching",
    AlarmActions: [ref("AlarmTopic")],
    OKActions: [ref("AlarmTopic")],
  };
  resources.WebSocketErrorsAlarm = {
    Type: "AWS::CloudWatch::Alarm",
    Properties: {
      AlarmDescription: "The live-updates WebSocket API failed to run its handlers (integration or execution errors)",
      Metrics: [
        ...["IntegrationError", "ExecutionError"].map((name, i) => ({
          Id: `m${i}`,
          ReturnData: false,
          MetricStat: {
            Metric: {
              Namespace: "AWS/ApiGateway",
              MetricName: name,
              Dimensions: [
                { Name: "ApiId", Value: ref("WS") },
                { Name: "Stage", Value: stage },
              ],
            },
            Period: 300,
            Stat: "Sum",
          },
        })),
        { Id: "errors", Label: "Socket errors", Expression: "FILL(m0, 0) + FILL(m1, 0)", ReturnData: true },
      ],
      ...common,
      Threshold: WS_ERRORS_ALARM_THRESHOLD,
    },
  };
  resources.WebSocketLambdaErrorsAlarm = {
    Type: "AWS::CloudWatch::Alarm",
    Properties: {
      AlarmDescription: "A live-updates socket handler ($connect, $default, $disconnect) failed or timed out",
      Metrics: [
        ...WS_FUNCTIONS.map((id, i) => ({
          Id: `m${i}`,
          ReturnData: false,
          MetricStat: {
            Metric: {
              Namespace: "AWS/Lambda",
              MetricName: "Errors",
              Dimensions: [{ Name: "FunctionName", Value: ref(id) }],
            },
            Period: 300,
            Stat: "Sum",
          },
        })),
        {
          Id: "errors",
          Label: "Handler errors",
          Expression: "FILL(m0, 0) + FILL(m1, 0) + FILL(m2, 0)",
          ReturnData: true,
        },
      ],
      ...common,
      Threshold: 1,
    },
  };
}
