import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAllTables } from '../../shared/adapters/dynamodb/createTables';
import { createDocumentClient } from '../../shared/adapters/dynamodb/documentClient';
import { physicalTableName, tableEnvVar, type TableName, tables } from '../../shared/adapters/dynamodb/tables';

/**
 * Gives the calling test file its own set of real tables on DynamoDB Local (unique name prefix),
 * created before all tests and deleted after. Sets the `TABLE_*` env vars so adapters find them.
 */
export function useLocalTables(): { documentClient: () => DynamoDBDocumentClient } {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  let documentClient: DynamoDBDocumentClient | undefined;
  let client: DynamoDBClient | undefined;
  const names = Object.keys(tables) as TableName[];

  beforeAll(async () => {
    for (const table of names) process.env[tableEnvVar(table)] = `${prefix}-${table}`;
    client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
    await createAllTables(client);
    documentClient = createDocumentClient();
  });

  afterAll(async () => {
    await Promise.all(names.map((table) => client?.send(new DeleteTableCommand({ TableName: physicalTableName(table) }))));
    documentClient?.destroy();
    client?.destroy();
  });

  return {
    documentClient: () => {
      if (!documentClient) throw new Error('useLocalTables(): tables are created in beforeAll; call documentClient() inside a test');
      return documentClient;
    },
  };
}
