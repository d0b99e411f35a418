import { clientRefOf } from '../../domain/clients/ClientRef';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { type Client, isAttached } from '../../domain/clients/Client';
import {
  clientSearchTerms,
  keyWordOf,
  matchesSearch,
  MAX_INDEXED_PREFIX,
  normalizeSearch,
  searchPartitionPrefix,
  searchWords,
} from '../../domain/clients/clientSearch';
import type { Invitation } from '../../domain/clients/Invitation';
import type { ClientRef } from '../../domain/clients/ClientRef';
import type { ClientListQuery, ClientRepository, ExpiryNotice } from '../../ports/ClientRepository';
import type { Page } from '../../ports/Page';
import { batchGetAll } from './batchCalls';
import { toClient, toInvitation } from './clientItems';
import { CLIENT_INDEXES, clientKey, clientSearchPartition, partnerAccountKey, partnerStatusKey } from './clientKeys';
import { clientTables, type ClientTables } from './clientTables';
import { decodeCursor, encodeCursor } from './cursor';
import { INVITATION_INDEXES, INVITATION_QUEUES, invitationKey, invitationTokenKey } from './invitationKeys';
import { isoDate } from './storedDate';
import { storedText } from './storedFields';

const tokenItem = z.object({ invitationId: storedText });
/** An item that points at a client: an account marker, a search index entry. */
const clientPointer = z.object({ clientId: storedText });
const noticeItem = z.object({ invitationId: storedText, dueAt: isoDate });

/** Attributes of a client item that make up a listing cursor, besides the index partition. */
const CURSOR_ATTRIBUTES = ['pk', 'sk', 'listKey'] as const;

/** Attributes of a search index entry that make up a search cursor. */
const SEARCH_CURSOR_ATTRIBUTES = ['pk', 'sk'] as const;


/** The reads of `ClientRepository`. */
type ClientQueries = Pick<
  ClientRepository,
  'findForPartner' | 'get' | 'findByAccount' | 'list' | 'invitationForToken' | 'getInvitation' | 'overdueInvitations' | 'dueExpiryNotices'
>;

/**
 * Partners' clients and their invitations on DynamoDB, read only (tables `clients`, `invitations`):
 * read routes and the `ClientLookup` of other features use it alone, so their bundles carry no
 * write code. `DynamoClientRepository` extends it with the writes. Reads for decisions are
 * strongly consistent.
 */
export class DynamoClientQueries implements ClientQueries {
  protected readonly tables: ClientTables;

  public constructor(protected readonly client: DynamoDBDocumentClient, tableNames: Partial<ClientTables> = {}) {
    this.tables = clientTables(tableNames);
  }

  public async get(partnerId: string, clientId: string): Promise<Client | undefined> {
    const client = await this.read(partnerId, clientId);
    return client && isAttached(client.status) ? client : undefined;
  }

  /** The client record in any status, detached included. */
  private async read(partnerId: string, clientId: string): Promise<Client | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.clients, Key: clientKey(partnerId, clientId), ConsistentRead: true }));
    return result.Item ? toClient(result.Item) : undefined;
  }

  public async findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined> {
    const client = await this.get(partnerId, clientId);
    return client && clientRefOf(client);
  }

  public async findByAccount(partnerId: string, accountId: string): Promise<Client | undefined> {
    const marker = await this.client.send(new GetCommand({
      TableName: this.tables.clients, Key: partnerAccountKey(partnerId, accountId), ConsistentRead: true,
    }));
    return marker.Item ? this.read(partnerId, clientPointer.parse(marker.Item).clientId) : undefined;
  }

  /**
   * Newest first. A status filter picks the `byPartnerStatus` index; a search reads the search
   * index instead (`search`). One query page per request, never a Scan.
   */
  public async list(partnerId: string, query: ClientListQuery): Promise<Page<Client>> {
    if (query.search !== undefined) return this.search(partnerId, query, normalizeSearch(query.search));
    const partition = query.status
      ? { index: CLIENT_INDEXES.byPartnerStatus, name: 'clientsOfStatus', value: partnerStatusKey(partnerId, query.status) }
      : { index: CLIENT_INDEXES.byPartner, name: 'clientsOf', value: partnerId };
    // A cursor must come from this partner's listing with the same filter: nothing else may be read.
    const listing = `clients|${partition.name}=${partition.value}`;
    const startKey = decodeCursor(query.cursor, [...CURSOR_ATTRIBUTES, partition.name], listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.clients,
      IndexName: partition.index,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': partition.name },
      ExpressionAttributeValues: { ':partition': partition.value },
      ScanIndexForward: false,
      // One more than needed: if it comes back there is a next page, whose cursor is the last item shown.
      Limit: query.limit + 1,
      ExclusiveStartKey: startKey,
    }));
    const found = result.Items ?? [];
    const shown = found.slice(0, query.limit);
    const last = shown.at(-1);
    const cursorKey = found.length > query.limit && last
      ? Object.fromEntries([...CURSOR_ATTRIBUTES, partition.name].map((name) => [name, last[name]]))
      : undefined;
    const nextCursor = encodeCursor(cursorKey, listing);
    return { items: shown.map(toClient), ...(nextCursor && { nextCursor }) };
  }

  /**
   * A search by the start of the e-mail, of a word of the name or of the account id: one query of
   * the search index partition of the search's longest word (its first `MAX_INDEXED_PREFIX`
   * characters; a longer word is matched on the stored terms), newest first, then one batched read
   * of the clients found, whose status and current terms decide (a status filter, the other words
   * of the search). Two reads whatever the partner's size; a page may hold fewer than `limit`
   * clients when the status filter drops some, and `nextCursor` goes on from where the index stopped.
   */
  private async search(partnerId: string, query: ClientListQuery, search: string): Promise<Page<Client>> {
    const words = searchWords(search);
    const keyWord = keyWordOf(words);
    const partition = clientSearchPartition(partnerId, searchPartitionPrefix(keyWord));
    // A cursor must come from this partner's search with the same words and status filter: nothing else may be read.
    const listing = `clients-search|${partition}|${search}|${query.status ?? ''}`;
    const startKey = decodeCursor(query.cursor, SEARCH_CURSOR_ATTRIBUTES, listing);
    const longer = [...keyWord].length > MAX_INDEXED_PREFIX;
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.clients,
      KeyConditionExpression: 'pk = :partition',
      ...(longer && { FilterExpression: 'contains(terms, :term)' }),
      ExpressionAttributeValues: { ':partition': partition, ...(longer && { ':term': ` ${keyWord}` }) },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: startKey,
    }));
    const ids = (result.Items ?? []).map((item) => clientPointer.parse(item).clientId);
    const found = new Map((await batchGetAll(this.client, this.tables.clients, ids.map((id) => clientKey(partnerId, id)))).map(toClient)
      .map((client) => [client.id, client]));
    const items = ids.flatMap((id) => {
      const client = found.get(id);
      if (!client || !isAttached(client.status) || (query.status && client.status !== query.status)) return [];
      const terms = clientSearchTerms(client);
      return words.every((word) => matchesSearch(terms, word)) ? [client] : [];
    });
    const nextCursor = encodeCursor(result.LastEvaluatedKey, listing);
    return { items, ...(nextCursor && { nextCursor }) };
  }

  public async invitationForToken(tokenHash: string): Promise<Invitation | undefined> {
    const token = await this.client.send(new GetCommand({ TableName: this.tables.invitations, Key: invitationTokenKey(tokenHash), ConsistentRead: true }));
    return token.Item ? this.getInvitation(tokenItem.parse(token.Item).invitationId) : undefined;
  }

  public async getInvitation(invitationId: string): Promise<Invitation | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.invitations, Key: invitationKey(invitationId), ConsistentRead: true }));
    return result.Item ? toInvitation(result.Item) : undefined;
  }

  public async overdueInvitations(now: Date, limit: number): Promise<Invitation[]> {
    return (await this.dueIn(INVITATION_QUEUES.expire, now, limit)).map(toInvitation);
  }

  public async dueExpiryNotices(now: Date, limit: number): Promise<ExpiryNotice[]> {
    return (await this.dueIn(INVITATION_QUEUES.notifyExpired, now, limit)).map((item) => noticeItem.parse(item));
  }

  /** Invitations waiting in a queue of the sparse `due` index whose time has come. */
  private async dueIn(queue: string, now: Date, limit: number): Promise<Array<Record<string, unknown>>> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.invitations,
      IndexName: INVITATION_INDEXES.due,
      KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
      ExpressionAttributeValues: { ':queue': queue, ':now': now.toISOString() },
      Limit: limit,
    }));
    return result.Items ?? [];
  }
}
