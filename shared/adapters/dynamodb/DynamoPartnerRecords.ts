import { type DynamoDBDocumentClient, DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { keyWordOf, matchesSearch, MAX_INDEXED_PREFIX, normalizeSearch, searchPartitionPrefix, searchWords } from '../../domain/clients/clientSearch';
import { ConcurrentChangeError } from '../../domain/ConcurrentChange';
import type { PartnerRecord } from '../../domain/partners/Partner';
import type { PartnerAuditEntry } from '../../domain/partners/PartnerAuditEntry';
import { partnerSearchTerms } from '../../domain/partners/partnerSearch';
import { PARTNER_ACTIONS, PARTNER_STATES } from '../../domain/partners/PartnerStanding';
import type { Page } from '../../ports/Page';
import type { ClientCounts, PartnerEndings, PartnerListQuery, PartnerRecords, PartnerStateChange } from '../../ports/PartnerRecords';
import { partnerAuditKey, partnerAuditPartition } from './auditKeys';
import { batchGetAll } from './batchCalls';
import { DynamoClientCounts } from './DynamoClientCounts';
import { CLIENT_INDEXES } from './clientKeys';
import { decodeCursor, encodeCursor, pageOfOneMore } from './cursor';
import { DynamoPartnerRepository, partnerItem, toPartnerRecord } from './DynamoPartnerRepository';
import { lostRace } from './lostRace';
import { ALL_PARTNERS, ENDING_PARTNERS, endingKey, partnerSearchPartition, partnersInState } from './departmentIndexKeys';
import { stateEntryKey } from './departmentIndexItems';
import { partnerKey } from './partnerKeys';
import { isoDate } from './storedDate';
import { storedText } from './storedFields';
import { physicalTableName } from './tables';

/** Attributes of an index entry that make up a listing cursor. */
const CURSOR_ATTRIBUTES = ['pk', 'sk'] as const;

const indexEntry = z.object({ partnerId: storedText });

const clientIdOnly = z.object({ clientId: storedText });

const endingEntry = z.object({ partnerId: storedText, endedBy: storedText });

const partnerAuditItem = z.object({
  auditId: storedText,
  partnerId: storedText,
  at: isoDate,
  managerId: storedText,
  action: z.enum(PARTNER_ACTIONS),
  before: z.enum(PARTNER_STATES),
  after: z.enum(PARTNER_STATES),
  reason: storedText,
});

/** An audit item as the domain's entry. */
function toPartnerAuditEntry(item: Record<string, unknown>): PartnerAuditEntry {
  const { auditId, ...entry } = partnerAuditItem.parse(item);
  return { id: auditId, ...entry };
}

/** The tables partner records live in. */
interface PartnerTables {
  readonly partners: string;
  readonly departmentIndex: string;
  readonly clients: string;
  readonly audit: string;
}

/**
 * The partner department's records on DynamoDB: partner items (`partners`), the listing and
 * search entries and the ending queue (`departmentIndex`), the client counts (`clients`, kept by the
 * consumer of the clients' change stream, `functions/indexClients.ts`) and what managers did (`audit`, partition `MANAGED#p`).
 * Every read is a key read or one query page, never a scan.
 */
export class DynamoPartnerRecords extends DynamoPartnerRepository implements PartnerRecords, PartnerEndings {
  public constructor(client: DynamoDBDocumentClient, private readonly names: Partial<PartnerTables> = {}) {
    super(client, names.partners ?? physicalTableName('partners'));
  }

  /** A table's name, resolved when used: each route is wired only to the tables its `uses` name. */
  private tableOf(name: keyof PartnerTables): string {
    return name === 'partners' ? this.table : this.names[name] ?? physicalTableName(name);
  }

  /**
   * Newest first: one query page of the listing of every partner or of one state, then one batched
   * read of the partners found. A search reads the partition of its longest word's prefix instead
   * (like the clients' search); a state filter and the search's other words are applied to the
   * partners read, so a search page may hold fewer than `limit` partners, `nextCursor` going on.
   */
  public async list(query: PartnerListQuery): Promise<Page<PartnerRecord>> {
    const search = query.search === undefined ? undefined : normalizeSearch(query.search);
    const words = search ? searchWords(search) : [];
    const keyWord = keyWordOf(words);
    const partition = search
      ? partnerSearchPartition(searchPartitionPrefix(keyWord))
      : query.state ? partnersInState(query.state) : ALL_PARTNERS;
    // A cursor must come from the same listing, search and filter: nothing else may be read.
    const listing = `partners|${partition}|${search ?? ''}|${query.state ?? ''}`;
    const longer = [...keyWord].length > MAX_INDEXED_PREFIX;
    const result = await this.client.send(new QueryCommand({
      TableName: this.tableOf('departmentIndex'),
      KeyConditionExpression: 'pk = :partition',
      ...(longer && { FilterExpression: 'contains(terms, :term)' }),
      ExpressionAttributeValues: { ':partition': partition, ...(longer && { ':term': ` ${keyWord}` }) },
      ScanIndexForward: false,
      Limit: search ? query.limit : query.limit + 1,
      ExclusiveStartKey: await decodeCursor(query.cursor, CURSOR_ATTRIBUTES, listing),
    }));
    let entries = result.Items ?? [];
    let nextCursor: string | undefined;
    if (search) {
      nextCursor = await encodeCursor(result.LastEvaluatedKey, listing);
    } else {
      const page = await pageOfOneMore(entries, query.limit, CURSOR_ATTRIBUTES, listing);
      entries = page.shown;
      nextCursor = page.nextCursor;
    }
    const ids = entries.map((entry) => indexEntry.parse(entry).partnerId);
    const found = new Map((await batchGetAll(this.client, this.tableOf('partners'), ids.map(partnerKey))).map(toPartnerRecord)
      .map((partner) => [partner.partnerId, partner]));
    const items = ids.flatMap((id) => {
      const partner = found.get(id);
      if (!partner || (search && query.state && partner.state !== query.state)) return [];
      const terms = partnerSearchTerms(partner);
      return words.every((word) => matchesSearch(terms, word)) ? [partner] : [];
    });
    return { items, ...(nextCursor && { nextCursor }) };
  }

  /** Each partner's client counts per status, as the clients' change stream keeps them (one batched read). */
  public async clientCounts(partnerIds: readonly string[]): Promise<Map<string, ClientCounts>> {
    return new DynamoClientCounts(this.client, this.tableOf('clients')).countsOf(partnerIds);
  }

  public async recordedChange(partnerId: string, at: Date, auditId: string): Promise<PartnerAuditEntry | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableOf('audit'), Key: partnerAuditKey(partnerId, at, auditId) }));
    return result.Item && toPartnerAuditEntry(result.Item);
  }

  public async history(partnerId: string, query: { limit: number; cursor?: string }): Promise<Page<PartnerAuditEntry>> {
    const partition = partnerAuditPartition(partnerId);
    const listing = `partner-audit|${partition}`;
    const result = await this.client.send(new QueryCommand({
      TableName: this.tableOf('audit'),
      KeyConditionExpression: 'pk = :partition',
      ExpressionAttributeValues: { ':partition': partition },
      ScanIndexForward: false,
      Limit: query.limit + 1,
      ExclusiveStartKey: await decodeCursor(query.cursor, CURSOR_ATTRIBUTES, listing),
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], query.limit, CURSOR_ATTRIBUTES, listing);
    return {
      items: shown.map(toPartnerAuditEntry),
      ...(nextCursor && { nextCursor }),
    };
  }

  public async changeState(change: PartnerStateChange): Promise<void> {
    const { before, after, audit } = change;
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableOf('partners'),
              Item: partnerItem(after),
              // Invariant: the partner state machine; a change applies only to the version it was decided on (no lost updates).
              ConditionExpression: before.version === 0 ? 'attribute_not_exists(version)' : 'version = :version',
              ...(before.version !== 0 && { ExpressionAttributeValues: { ':version': before.version } }),
            },
          },
          { Delete: { TableName: this.tableOf('departmentIndex'), Key: stateEntryKey(before, before.state) } },
          { Put: { TableName: this.tableOf('departmentIndex'), Item: { ...stateEntryKey(after, after.state), partnerId: after.partnerId } } },
          {
            Put: {
              TableName: this.tableOf('audit'),
              Item: {
                ...partnerAuditKey(audit.partnerId, audit.at, audit.id),
                auditId: audit.id, partnerId: audit.partnerId, at: audit.at.toISOString(), managerId: audit.managerId,
                action: audit.action, before: audit.before, after: audit.after, reason: audit.reason,
              },
              // Invariant: an audit entry is written once and never overwritten.
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(change.ending
            ? [{ Put: { TableName: this.tableOf('departmentIndex'), Item: { ...endingKey(after.partnerId), partnerId: after.partnerId, endedBy: audit.managerId } } }]
            : []),
        ],
      }));
    } catch (error) {
      if (lostRace(error)) throw new ConcurrentChangeError('partner');
      throw error;
    }
  }

  public async unfinished(limit: number): Promise<Array<{ partnerId: string; endedBy: string }>> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.tableOf('departmentIndex'),
      KeyConditionExpression: 'pk = :ending',
      ExpressionAttributeValues: { ':ending': ENDING_PARTNERS },
      Limit: limit,
    }));
    return (result.Items ?? []).map((item) => endingEntry.parse(item));
  }

  public async attachedClientIds(partnerId: string, limit: number): Promise<string[]> {
    // The partner's listing index holds only attached clients: a detached one leaves it.
    const result = await this.client.send(new QueryCommand({
      TableName: this.tableOf('clients'),
      IndexName: CLIENT_INDEXES.byPartner,
      KeyConditionExpression: 'clientsOf = :partnerId',
      ExpressionAttributeValues: { ':partnerId': partnerId },
      ProjectionExpression: 'clientId',
      Limit: limit,
    }));
    return (result.Items ?? []).map((item) => clientIdOnly.parse(item).clientId);
  }

  public async finish(partnerId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableOf('departmentIndex'), Key: endingKey(partnerId) }));
  }
}
