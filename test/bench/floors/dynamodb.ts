/** The DynamoDB DocumentClient, created on first use, sending one GetCommand, as every function that stores something does. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FloorUse } from './FloorUse';

let client: DynamoDBDocumentClient | undefined;

/** The floor's one DocumentClient (idempotency stores its records through it too). */
export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return client;
}

export const floorUse: FloorUse = {
  run: () => documentClient().send(new GetCommand({ TableName: 'floor', Key: { pk: 'floor' } })),
};
