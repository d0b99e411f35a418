/**
 * Library floor: the DynamoDB DocumentClient alone, created lazily and sending one GetCommand,
 * as every function that stores something must. No partnerdesk code.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

let client: DynamoDBDocumentClient | undefined;

export const handler = async (): Promise<unknown> => {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return client.send(new GetCommand({ TableName: 'floor', Key: { pk: 'floor' } }));
};
