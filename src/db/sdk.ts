// The parts of the DynamoDB SDK the repositories use, imported by name so the bundle leaves out
// the other commands, paginators and waiters: a smaller chunk for the first request to load.
// A repository that needs another command adds it here.
export { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
export {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
