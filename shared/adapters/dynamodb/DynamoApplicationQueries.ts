import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ApplicationStatus, PartnerApplication } from '../../domain/applications/PartnerApplication';
import type { ApplicationQueries } from '../../ports/ApplicationQueries';
import type { Page } from '../../ports/Page';
import { APPLICATION_INDEXES, APPLICATION_KIND, applicationKey } from './applicationKeys';
import { toApplication } from './applicationItem';
import { decodeCursor, encodeCursor } from './cursor';
import { physicalTableName } from './tables';

/**
 * Reading partner applications on DynamoDB. The read routes use this alone, so their bundles carry
 * no submission, decision, escalation or outbox code (`DynamoApplicationRepository` adds those).
 */
export class DynamoApplicationQueries implements ApplicationQueries {
  public constructor(protected readonly client: DynamoDBDocumentClient, protected readonly table = physicalTableName('applications')) {}

  public async get(id: string): Promise<PartnerApplication | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: applicationKey(id), ConsistentRead: true }));
    return result.Item ? toApplication(result.Item) : undefined;
  }

  public async list(filter: { status?: ApplicationStatus; limit: number; cursor?: string }): Promise<Page<PartnerApplication>> {
    const byStatus = filter.status !== undefined;
    const listing = `applications|${filter.status ?? ''}`;
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      IndexName: byStatus ? APPLICATION_INDEXES.byStatus : APPLICATION_INDEXES.byCreatedAt,
      KeyConditionExpression: byStatus ? '#status = :value' : 'kind = :value',
      ...(byStatus && { ExpressionAttributeNames: { '#status': 'status' } }),
      ExpressionAttributeValues: { ':value': byStatus ? filter.status : APPLICATION_KIND },
      ScanIndexForward: false,
      Limit: filter.limit,
      ExclusiveStartKey: await decodeCursor(filter.cursor, ['pk', byStatus ? 'status' : 'kind', 'createdAt'], listing),
    }));
    const nextCursor = await encodeCursor(result.LastEvaluatedKey, listing);
    return { items: (result.Items ?? []).map(toApplication), ...(nextCursor && { nextCursor }) };
  }
}
