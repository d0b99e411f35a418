import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { physicalTableName, type TableName, type TableSpec, tables } from './tables';

/** The CreateTable input for a spec (on-demand billing, as in AWS). */
export function createTableInput(table: TableName, spec: TableSpec = tables[table]): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    if (key) attributes.set(key.name, key.type);
  }
  return {
    TableName: physicalTableName(table),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
      ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(spec.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } }),
    ...(spec.indexes.length > 0 && {
      GlobalSecondaryIndexes: spec.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
          ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  };
}

/** Creates every table (idempotently) on a local endpoint: used by `npm start` and the tests. */
export async function createAllTables(client: DynamoDBClient): Promise<void> {
  for (const table of Object.keys(tables) as TableName[]) {
    try {
      await client.send(new CreateTableCommand(createTableInput(table)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    const ttl = (tables[table] as TableSpec).timeToLiveAttribute;
    if (ttl) {
      await client
        .send(new UpdateTimeToLiveCommand({ TableName: physicalTableName(table), TimeToLiveSpecification: { AttributeName: ttl, Enabled: true } }))
        .catch(() => undefined); // already enabled on a re-run
    }
  }
}
