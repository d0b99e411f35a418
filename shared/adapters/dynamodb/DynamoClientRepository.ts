import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { CLIENT_STATUSES, type Client, holdsAccount, isAttached, type MailDelivery } from '../../domain/clients/Client';
import { INVITATION_STATUSES, type Invitation } from '../../domain/clients/Invitation';
import { ConcurrentChangeError } from '../../domain/ConcurrentChange';
import { ConflictError } from '../../domain/errors';
import type { ClientRef } from '../../ports/ClientLookup';
import type { ClientListQuery, ClientRepository, ExpiryNotice } from '../../ports/ClientRepository';
import type { ClientChange } from '../../domain/clients/ClientChange';
import type { Page } from '../../ports/Page';
import {
  clientSearchTerms,
  keyWordOf,
  matchesSearch,
  MAX_INDEXED_PREFIX,
  normalizeSearch,
  searchPartitionPrefix,
  searchPrefixes,
  searchWords,
} from '../../domain/clients/clientSearch';
import {
  accountLockKey,
  CLIENT_INDEXES,
  clientKey,
  clientListKey,
  clientSearchKey,
  clientSearchPartition,
  partnerAccountKey,
  partnerStatusKey,
} from './clientKeys';
import { batchGetAll, batchPutAll } from './batchCalls';
import { decodeCursor, encodeCursor } from './cursor';
import { auditTransactItem } from './auditTransactItem';
import type { TransactItem } from './DynamoAuditTrail';
import { INVITATION_INDEXES, INVITATION_QUEUES, invitationKey, invitationTokenKey } from './invitationKeys';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';

/** The stored shape of a client item. */
const clientItem = z.object({
  clientId: z.string(),
  partnerId: z.string(),
  accountId: z.optional(z.string()),
  email: z.string(),
  name: z.optional(z.string()),
  phone: z.optional(z.string()),
  status: z.enum(CLIENT_STATUSES),
  createdAt: isoDate,
  updatedAt: isoDate,
  version: z.number(),
  servedSince: z.optional(isoDate),
  invitationId: z.string(),
  invitationStatus: z.enum(INVITATION_STATUSES),
  invitationExpiresAt: isoDate,
  invitationMail: z.enum(['pending', 'sent', 'failed']),
});

/** The stored shape of an invitation item. */
const invitationItem = z.object({
  invitationId: z.string(),
  clientId: z.string(),
  partnerId: z.string(),
  accountId: z.optional(z.string()),
  partnerName: z.string(),
  status: z.enum(INVITATION_STATUSES),
  createdAt: isoDate,
  expiresAt: isoDate,
  closedAt: z.optional(isoDate),
  tokenHash: z.string(),
  version: z.number(),
});

const tokenItem = z.object({ invitationId: z.string() });
const storedMarker = z.object({ clientId: z.string() });
const noticeItem = z.object({ invitationId: z.string(), dueAt: isoDate });

/** Parses a stored client item. */
export function toClient(item: Record<string, unknown>): Client {
  const parsed = clientItem.parse(item);
  return {
    id: parsed.clientId,
    partnerId: parsed.partnerId,
    accountId: parsed.accountId,
    email: parsed.email,
    name: parsed.name,
    phone: parsed.phone,
    status: parsed.status,
    createdAt: parsed.createdAt,
    updatedAt: parsed.updatedAt,
    version: parsed.version,
    ...(parsed.servedSince && { servedSince: parsed.servedSince }),
    invitation: {
      id: parsed.invitationId,
      status: parsed.invitationStatus,
      expiresAt: parsed.invitationExpiresAt,
      mail: parsed.invitationMail,
    },
  };
}

/** Parses a stored invitation item. */
export function toInvitation(item: Record<string, unknown>): Invitation {
  const { invitationId, ...rest } = invitationItem.parse(item);
  return { id: invitationId, ...rest };
}

/** The stored item of a client, with its index attributes (a detached client leaves both listing indexes). */
function clientToItem(client: Client): Record<string, unknown> {
  return {
    ...clientKey(client.partnerId, client.id),
    ...(isAttached(client.status) && {
      clientsOf: client.partnerId,
      clientsOfStatus: partnerStatusKey(client.partnerId, client.status),
    }),
    listKey: clientListKey(client.createdAt, client.id),
    clientId: client.id,
    partnerId: client.partnerId,
    accountId: client.accountId,
    email: client.email,
    name: client.name,
    phone: client.phone,
    status: client.status,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
    version: client.version,
    servedSince: client.servedSince?.toISOString(),
    invitationId: client.invitation.id,
    invitationStatus: client.invitation.status,
    invitationExpiresAt: client.invitation.expiresAt.toISOString(),
    invitationMail: client.invitation.mail,
  };
}

/**
 * The stored item of an invitation. Its place in the sparse `due` index follows from its status:
 * pending ones wait for their expiry, expired ones wait until the partner is told.
 */
function invitationToItem(invitation: Invitation): Record<string, unknown> {
  const due =
    invitation.status === 'pending'
      ? { dueQueue: INVITATION_QUEUES.expire, dueAt: invitation.expiresAt.toISOString() }
      : invitation.status === 'expired'
        ? { dueQueue: INVITATION_QUEUES.notifyExpired, dueAt: (invitation.closedAt ?? invitation.expiresAt).toISOString() }
        : {};
  return {
    ...invitationKey(invitation.id),
    ...due,
    invitationId: invitation.id,
    clientId: invitation.clientId,
    partnerId: invitation.partnerId,
    accountId: invitation.accountId,
    partnerName: invitation.partnerName,
    status: invitation.status,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    closedAt: invitation.closedAt?.toISOString(),
    tokenHash: invitation.tokenHash,
    version: invitation.version,
  };
}

/** What each item of a change transaction is, to explain a cancellation. */
export type Part = 'client' | 'marker' | 'lock' | 'invitation' | 'token' | 'audit' | 'search';

/** The search terms of a client the partner can find: none once detached. */
function indexedTerms(client: Client | undefined): string[] {
  return client && isAttached(client.status) ? clientSearchTerms(client) : [];
}

/**
 * The search index entries a change writes and removes: one entry per indexed prefix of the client's
 * terms (`clientSearch.ts`), holding the terms themselves for searches longer than the prefix.
 * Nothing when the terms are unchanged (a status change such as a block); everything removed on detach.
 */
function searchItems(previous: Client | undefined, client: Client, table: string): TransactItem[] {
  const before = indexedTerms(previous);
  const after = indexedTerms(client);
  if (before.join(' ') === after.join(' ')) return [];
  const { partnerId, id, createdAt } = client;
  const listKey = clientListKey(createdAt, id);
  const kept = new Set(searchPrefixes(after));
  return [
    ...searchPrefixes(before).filter((prefix) => !kept.has(prefix))
      .map((prefix): TransactItem => ({ Delete: { TableName: table, Key: clientSearchKey(partnerId, prefix, listKey) } })),
    // Derived from the client written in the same transaction, whose version condition guards them too.
    ...[...kept].map((prefix): TransactItem => ({
      Put: { TableName: table, Item: { ...clientSearchKey(partnerId, prefix, listKey), clientId: id, terms: ` ${after.join(' ')} ` } },
    })),
  ];
}

/** The search index entries of a stored client, for the backfill of clients stored before the index. */
export function searchEntriesOf(client: Client): Array<Record<string, unknown>> {
  return searchItems(undefined, client, '').flatMap((item) => (item.Put?.Item ? [item.Put.Item] : []));
}

/** The marker item of a client's account, when the change creates the client with an account or binds one. */
function markerItem(change: ClientChange, table: string): TransactItem | undefined {
  const { before, after } = change;
  if (!after.accountId) return undefined;
  const Item = { ...partnerAccountKey(after.partnerId, after.accountId), clientId: after.id };
  if (!before) {
    // Invariant: a partner has one client record per cloud account.
    return { Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  if (!change.boundAccount) return undefined;
  const replaces = change.boundAccount.replaces;
  return {
    Put: {
      TableName: table,
      Item,
      // Invariant: a partner has one client record per cloud account; binding takes the place of the
      // earlier record read when deciding (closed or deleted), never of one created meanwhile.
      ...(replaces
        ? { ConditionExpression: 'clientId = :replaces', ExpressionAttributeValues: { ':replaces': replaces } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/**
 * The items of the one transaction that writes a client change (see `ClientChange`), each with
 * what it is, in order; `save` sends them alone, bulk writers put several changes in one transaction.
 */
export function clientChangeItems(
  change: ClientChange,
  tables: { clients: string; invitations: string; audit: string },
): Array<{ part: Part; item: TransactItem }> {
  const parts: Array<{ part: Part; item: TransactItem }> = [];
  const { before, after } = change;
  parts.push({
    part: 'client',
    item: {
      Put: {
        TableName: tables.clients,
        Item: clientToItem(after),
        // Invariant: ids are never reused; a change applies only to the version it was decided on (no lost updates).
        ...(before
          ? { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': before.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
  });
  const marker = markerItem(change, tables.clients);
  if (marker) parts.push({ part: 'marker', item: marker });
  const heldBefore = before ? holdsAccount(before.status) : false;
  const heldAfter = holdsAccount(after.status);
  if (!heldBefore && heldAfter && after.accountId) {
    parts.push({
      part: 'lock',
      item: {
        Put: {
          TableName: tables.clients,
          Item: { ...accountLockKey(after.accountId), partnerId: after.partnerId, clientId: after.id, since: after.updatedAt.toISOString() },
          // Invariant: a cloud account is served (active, blocked) by at most one client, of one partner, at a time.
          // A lock this client already holds (a stack from before invitations stopped locking) is taken over.
          ConditionExpression: 'attribute_not_exists(pk) OR clientId = :clientId',
          ExpressionAttributeValues: { ':clientId': after.id },
        },
      },
    });
  } else if (heldBefore && !heldAfter && after.accountId) {
    parts.push({
      part: 'lock',
      item: {
        Delete: {
          TableName: tables.clients,
          Key: accountLockKey(after.accountId),
          // Only the client that holds the account releases it.
          ConditionExpression: 'clientId = :clientId',
          ExpressionAttributeValues: { ':clientId': after.id },
        },
      },
    });
  }
  if (change.invitation) {
    const { before: previous, after: invitation } = change.invitation;
    parts.push({
      part: 'invitation',
      item: {
        Put: {
          TableName: tables.invitations,
          Item: invitationToItem(invitation),
          // Invariant: the invitation state machine; one answer per invitation (of N concurrent accepts, one wins).
          ...(previous
            ? { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': previous.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    });
    if (previous?.tokenHash !== invitation.tokenHash) {
      parts.push({
        part: 'token',
        item: {
          Put: {
            TableName: tables.invitations,
            Item: { ...invitationTokenKey(invitation.tokenHash), invitationId: invitation.id, issuedAt: after.updatedAt.toISOString() },
            // Invariant: a token hash points at exactly one invitation, forever.
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      });
    }
  }
  parts.push({ part: 'audit', item: auditTransactItem(change.audit, tables.audit) });
  for (const item of searchItems(change.before, change.after, tables.clients)) parts.push({ part: 'search', item });
  return parts;
}

/** Attributes of a client item that make up a listing cursor, besides the index partition. */
const CURSOR_ATTRIBUTES = ['pk', 'sk', 'listKey'] as const;

/** Attributes of a search index entry that make up a search cursor. */
const SEARCH_CURSOR_ATTRIBUTES = ['pk', 'sk'] as const;

const searchEntry = z.object({ clientId: z.string() });

/**
 * Partners' clients and their invitations on DynamoDB (tables `clients`, `invitations`, `audit`).
 * Every change is one conditional transaction; reads for decisions are strongly consistent.
 */
export class DynamoClientRepository implements ClientRepository {
  private readonly clientsTable: string;
  private readonly invitationsTable: string;
  private readonly auditTable: string;

  public constructor(
    private readonly client: DynamoDBDocumentClient,
    tableNames: { clients?: string; invitations?: string; audit?: string } = {},
  ) {
    this.clientsTable = tableNames.clients ?? physicalTableName('clients');
    this.invitationsTable = tableNames.invitations ?? physicalTableName('invitations');
    this.auditTable = tableNames.audit ?? physicalTableName('audit');
  }

  public async get(partnerId: string, clientId: string): Promise<Client | undefined> {
    const client = await this.read(partnerId, clientId);
    return client && isAttached(client.status) ? client : undefined;
  }

  /** The client record in any status, detached included. */
  private async read(partnerId: string, clientId: string): Promise<Client | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.clientsTable, Key: clientKey(partnerId, clientId), ConsistentRead: true }));
    return result.Item ? toClient(result.Item) : undefined;
  }

  public async findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined> {
    const client = await this.get(partnerId, clientId);
    if (!client) return undefined;
    return {
      clientId: client.id, partnerId: client.partnerId, accountId: client.accountId, status: client.status,
      ...(client.servedSince && { servedSince: client.servedSince }),
    };
  }

  public async findByAccount(partnerId: string, accountId: string): Promise<Client | undefined> {
    const marker = await this.client.send(new GetCommand({
      TableName: this.clientsTable, Key: partnerAccountKey(partnerId, accountId), ConsistentRead: true,
    }));
    return marker.Item ? this.read(partnerId, storedMarker.parse(marker.Item).clientId) : undefined;
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
      TableName: this.clientsTable,
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
    const first = keyWordOf(words);
    const partition = clientSearchPartition(partnerId, searchPartitionPrefix(first));
    // A cursor must come from this partner's search with the same words and status filter: nothing else may be read.
    const listing = `clients-search|${partition}|${search}|${query.status ?? ''}`;
    const startKey = decodeCursor(query.cursor, SEARCH_CURSOR_ATTRIBUTES, listing);
    const longer = [...first].length > MAX_INDEXED_PREFIX;
    const result = await this.client.send(new QueryCommand({
      TableName: this.clientsTable,
      KeyConditionExpression: 'pk = :partition',
      ...(longer && { FilterExpression: 'contains(terms, :term)' }),
      ExpressionAttributeValues: { ':partition': partition, ...(longer && { ':term': ` ${first}` }) },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: startKey,
    }));
    const ids = (result.Items ?? []).map((item) => searchEntry.parse(item).clientId);
    const found = new Map((await batchGetAll(this.client, this.clientsTable, ids.map((id) => clientKey(partnerId, id)))).map(toClient)
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

  public async save(change: ClientChange): Promise<void> {
    const parts = clientChangeItems(change, { clients: this.clientsTable, invitations: this.invitationsTable, audit: this.auditTable });
    const { after } = change;
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: parts.map(({ item }) => item) }));
    } catch (error) {
      throw this.saveError(error, parts.map(({ part }) => part), after);
    }
  }

  public async indexForSearch(cursor: string | undefined, limit: number): Promise<{ indexed: number; cursor?: string }> {
    // The one Scan of the code base: a one-off backfill over every partner's clients, never a request path.
    const result = await this.client.send(new ScanCommand({
      TableName: this.clientsTable,
      FilterExpression: 'begins_with(sk, :client)',
      ExpressionAttributeValues: { ':client': clientKey('', '').sk },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, ['pk', 'sk'], 'clients-backfill'),
    }));
    const clients = (result.Items ?? []).map(toClient);
    await batchPutAll(this.client, this.clientsTable, clients.flatMap(searchEntriesOf));
    const next = encodeCursor(result.LastEvaluatedKey, 'clients-backfill');
    return { indexed: clients.length, ...(next && { cursor: next }) };
  }

  public async invitationForToken(tokenHash: string): Promise<Invitation | undefined> {
    const token = await this.client.send(new GetCommand({ TableName: this.invitationsTable, Key: invitationTokenKey(tokenHash), ConsistentRead: true }));
    return token.Item ? this.getInvitation(tokenItem.parse(token.Item).invitationId) : undefined;
  }

  public async getInvitation(invitationId: string): Promise<Invitation | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.invitationsTable, Key: invitationKey(invitationId), ConsistentRead: true }));
    return result.Item ? toInvitation(result.Item) : undefined;
  }

  public async recordMailDelivery(client: Client, mail: MailDelivery): Promise<Client> {
    try {
      const result = await this.client.send(new UpdateCommand({
        TableName: this.clientsTable,
        Key: clientKey(client.partnerId, client.id),
        // Only onto the client as saved: a later change (e.g. a resend) owns its own mail status.
        ConditionExpression: 'version = :version',
        UpdateExpression: 'SET invitationMail = :mail, version = :next',
        ExpressionAttributeValues: { ':version': client.version, ':next': client.version + 1, ':mail': mail },
        ReturnValues: 'ALL_NEW',
      }));
      return toClient(result.Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(client.partnerId, client.id)) ?? client;
    }
  }

  public async overdueInvitations(now: Date, limit: number): Promise<Invitation[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.invitationsTable,
      IndexName: INVITATION_INDEXES.due,
      KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
      ExpressionAttributeValues: { ':queue': INVITATION_QUEUES.expire, ':now': now.toISOString() },
      Limit: limit,
    }));
    return (result.Items ?? []).map(toInvitation);
  }

  public async dueExpiryNotices(now: Date, limit: number): Promise<ExpiryNotice[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.invitationsTable,
      IndexName: INVITATION_INDEXES.due,
      KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
      ExpressionAttributeValues: { ':queue': INVITATION_QUEUES.notifyExpired, ':now': now.toISOString() },
      Limit: limit,
    }));
    return (result.Items ?? []).map((item) => noticeItem.parse(item));
  }

  public async claimExpiryNotice(notice: ExpiryNotice, leaseUntil: Date): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({
        TableName: this.invitationsTable,
        Key: invitationKey(notice.invitationId),
        // Invariant: one sender at a time per notice (the lease); a reader of a stale index entry loses.
        ConditionExpression: 'dueQueue = :queue AND dueAt = :seen',
        UpdateExpression: 'SET dueAt = :lease',
        ExpressionAttributeValues: {
          ':queue': INVITATION_QUEUES.notifyExpired, ':seen': notice.dueAt.toISOString(), ':lease': leaseUntil.toISOString(),
        },
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  public async completeExpiryNotice(invitationId: string, leaseUntil: Date): Promise<void> {
    try {
      await this.client.send(new UpdateCommand({
        TableName: this.invitationsTable,
        Key: invitationKey(invitationId),
        // Only the lease holder empties the outbox.
        ConditionExpression: 'dueQueue = :queue AND dueAt = :lease',
        UpdateExpression: 'REMOVE dueQueue, dueAt',
        ExpressionAttributeValues: { ':queue': INVITATION_QUEUES.notifyExpired, ':lease': leaseUntil.toISOString() },
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Explains a failed change transaction in domain terms. */
  private saveError(error: unknown, parts: readonly Part[], client: Client): unknown {
    if (error instanceof Error && error.name === 'TransactionConflictException') return new ConcurrentChangeError('client');
    if (!(error instanceof TransactionCanceledException)) return error;
    const failed = new Set(
      (error.CancellationReasons ?? []).flatMap((reason, index) =>
        reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict' ? [parts[index]] : []),
    );
    const conflicted = (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
    if (failed.has('lock') && !conflicted && !failed.has('client') && !failed.has('marker')) {
      // Only the account's owner accepts, so only the owner reads this: no partner learns of another.
      return new ConflictError('account_served', 'Your cloud account is served by another partner; ask it to detach your account (or detach it yourself) before accepting', {});
    }
    if (failed.size > 0) return new ConcurrentChangeError('client');
    return error;
  }
}
