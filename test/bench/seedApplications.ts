import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { APPLICATION_INDEXES, APPLICATION_KIND, applicationKey, AWAITING_CONTACT } from '../../shared/adapters/dynamodb/applicationKeys';
import { DynamoApplicationRepository } from '../../shared/adapters/dynamodb/DynamoApplicationRepository';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { CONTACT_DEADLINE_MS } from '../../shared/domain/applications/PartnerApplication';

const BATCH = 25;
const PARALLEL_BATCHES = 8;

/** How many applications the table holds (a count query on the `byCreatedAt` index). */
export async function countApplications(client: DynamoDBDocumentClient): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({
      TableName: physicalTableName('applications'),
      IndexName: APPLICATION_INDEXES.byCreatedAt,
      KeyConditionExpression: 'kind = :kind',
      ExpressionAttributeValues: { ':kind': APPLICATION_KIND },
      Select: 'COUNT',
      ExclusiveStartKey: startKey,
    }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/**
 * Writes `count` applications that are waiting for a manager but not overdue, with their receipt
 * mail already sent: the steady state of a busy table. Written with BatchWrite straight into the
 * table (the API would take minutes); one is read back through the repository so that a drift of
 * the item layout fails here instead of skewing the figures.
 */
export async function seedWaitingApplications(client: DynamoDBDocumentClient, count: number, now: Date): Promise<void> {
  const items = Array.from({ length: count }, (_, i) => {
    const id = `app_seed${randomBytes(8).toString('hex')}`;
    const createdAt = new Date(now.getTime() - ((i % 600) + 1) * 60_000);
    return {
      ...applicationKey(id),
      kind: APPLICATION_KIND,
      id,
      status: 'new',
      name: 'Seed Applicant',
      email: `seed-${id}@example.com`,
      phone: '+74950000000',
      company: 'Seed LLC',
      message: 'Seeded for the benchmark',
      createdAt: createdAt.toISOString(),
      updatedAt: createdAt.toISOString(),
      contactDueAt: new Date(createdAt.getTime() + CONTACT_DEADLINE_MS).toISOString(),
      awaiting: AWAITING_CONTACT,
      lastNoticeAt: createdAt.toISOString(),
    };
  });
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const table = physicalTableName('applications');
  const writeBatch = async (batch: typeof items): Promise<void> => {
    let requests: unknown[] = batch.map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests as never } }));
      requests = result.UnprocessedItems?.[table] ?? [];
    }
  };
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    await Promise.all(batches.slice(i, i + PARALLEL_BATCHES).map(writeBatch));
  }
  const sample = items[0];
  if (sample && !(await new DynamoApplicationRepository(client).get(sample.id))) {
    throw new Error('A seeded application does not read back through the repository: the item layout has drifted');
  }
}
