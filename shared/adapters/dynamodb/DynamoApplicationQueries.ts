import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerApplication } from '../../domain/applications/PartnerApplication';
import * as z from 'zod/mini';
import { keyWordOf, matchesSearch, MAX_INDEXED_PREFIX, normalizeSearch, searchPartitionPrefix, searchWords } from '../../domain/clients/clientSearch';
import { partnerSearchTerms } from '../../domain/partners/partnerSearch';
import type { ApplicationListFilter, ApplicationQueries } from '../../ports/ApplicationQueries';
import { batchGetAll } from './batchCalls';
import { applicationSearchPartition, heldApplicationsPartition } from './departmentIndexKeys';
import { storedText } from './storedFields';
import type { Page } from '../../ports/Page';
import { APPLICATION_INDEXES, APPLICATION_KIND, applicationKey } from './applicationKeys';
import { toApplication } from './applicationItem';
import { decodeCursor, encodeCursor, pageOfOneMore } from './cursor';

const applicationPointer = z.object({ applicationId: storedText });
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

  public async list(filter: ApplicationListFilter): Promise<Page<PartnerApplication>> {
    if (filter.heldBy !== undefined || filter.search !== undefined) return this.listFromIndex(filter);
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

  /**
   * "Mine" (the applications a manager holds) or a search by the start of the company name or
   * e-mail: one query page of the department's index (`departmentIndex`), newest first, then one
   * batched read of the applications found; the status filter and the search's other words apply
   * to those, so a page may hold fewer than `limit`, `nextCursor` going on. Never a scan.
   */
  private async listFromIndex(filter: ApplicationListFilter): Promise<Page<PartnerApplication>> {
    const search = filter.search === undefined ? undefined : normalizeSearch(filter.search);
    const words = search ? searchWords(search) : [];
    const keyWord = keyWordOf(words);
    const partition = search ? applicationSearchPartition(searchPartitionPrefix(keyWord)) : heldApplicationsPartition(filter.heldBy ?? '');
    // A cursor must come from the same listing, search and filters: nothing else may be read.
    const listing = `applications-index|${partition}|${search ?? ''}|${filter.heldBy ?? ''}|${filter.status ?? ''}`;
    const longer = [...keyWord].length > MAX_INDEXED_PREFIX;
    const result = await this.client.send(new QueryCommand({
      TableName: physicalTableName('departmentIndex'),
      KeyConditionExpression: 'pk = :partition',
      ...(longer && { FilterExpression: 'contains(terms, :term)' }),
      ExpressionAttributeValues: { ':partition': partition, ...(longer && { ':term': ` ${keyWord}` }) },
      ScanIndexForward: false,
      Limit: filter.limit + 1,
      ExclusiveStartKey: await decodeCursor(filter.cursor, ['pk', 'sk'], listing),
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], filter.limit, ['pk', 'sk'], listing);
    const ids = shown.map((entry) => applicationPointer.parse(entry).applicationId);
    const found = new Map((await batchGetAll(this.client, this.table, ids.map(applicationKey))).map(toApplication).map((a) => [a.id, a]));
    const items = ids.flatMap((id) => {
      const application = found.get(id);
      if (!application || (filter.status && application.status !== filter.status)) return [];
      if (filter.heldBy !== undefined && application.assignedTo !== filter.heldBy) return [];
      const terms = partnerSearchTerms({ name: application.company, email: application.email });
      return words.every((word) => matchesSearch(terms, word)) ? [application] : [];
    });
    return { items, ...(nextCursor && { nextCursor }) };
  }
}
