import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Client } from '../../domain/clients/Client';
import { type ClientFollowUp, loginEnabled } from '../../domain/clients/clientOperations';
import type { Invitation } from '../../domain/clients/Invitation';
import type { ClientOperationStore, OperationChange, SaveOutcome } from '../../ports/ClientOperationStore';
import { FOLLOW_UP_INDEXES, FOLLOW_UP_QUEUE, followUpKey } from './clientFollowUpKeys';
import { accountLockKey, clientKey } from './clientKeys';
import type { TransactItem } from './DynamoAuditTrail';
import { clientChangeItems, toClient, toInvitation } from './DynamoClientRepository';
import { invitationKey } from './invitationKeys';
import { physicalTableName } from './tables';

/** DynamoDB limits: keys per BatchGetItem, items per TransactWriteItems, requests per BatchWriteItem. */
const BATCH_GET_KEYS = 100;
const TRANSACTION_ITEMS = 100;
const BATCH_WRITE_REQUESTS = 25;

/** Rounds of retrying what a batch call left unprocessed (throttling) before giving up. */
const UNPROCESSED_ROUNDS = 8;

const isoDate = z.pipe(z.iso.datetime(), z.transform((value: string) => new Date(value)));

/** The stored shape of a follow-up. */
const followUpItem = z.object({
  followUpId: z.string(),
  partnerId: z.string(),
  clientId: z.string(),
  accountId: z.string(),
  syncLogin: z.boolean(),
  eventType: z.string(),
  eventAt: isoDate,
  eventDetail: z.string(),
  dueAt: isoDate,
});

/** The stored shape of an account lock (who holds the account). */
const lockItem = z.object({ pk: z.string(), partnerId: z.string(), clientId: z.string() });

const eventDetail = z.record(z.string(), z.unknown());

function toFollowUp(item: Record<string, unknown>): ClientFollowUp {
  const parsed = followUpItem.parse(item);
  return {
    id: parsed.followUpId,
    partnerId: parsed.partnerId,
    clientId: parsed.clientId,
    accountId: parsed.accountId,
    syncLogin: parsed.syncLogin,
    event: { id: parsed.followUpId, type: parsed.eventType, at: parsed.eventAt, detail: eventDetail.parse(JSON.parse(parsed.eventDetail)) },
    dueAt: parsed.dueAt,
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

function pause(round: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
}

/** One client's share of a transaction: its change's items and its follow-up. */
interface Unit {
  readonly clientId: string;
  readonly items: readonly TransactItem[];
}

/** True when a cancelled transaction lost to a concurrent change (a version check failed, or a conflicting transaction). */
function lostRace(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TransactionConflictException') return true;
  return error instanceof TransactionCanceledException
    && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
}

/**
 * Block / unblock / delete on DynamoDB, many clients at a time: `BatchGetItem` reads (100 keys per
 * call, strongly consistent), and changes packed into `TransactWriteItems` of up to 100 items, each
 * client's items built by the clients repository (`clientChangeItems`, with its version and lock
 * conditions) plus its follow-up. A cancelled transaction is retried client by client, so one
 * client that changed meanwhile never fails the others.
 */
export class DynamoClientOperationStore implements ClientOperationStore {
  private readonly tables: { clients: string; invitations: string; audit: string; followUps: string };

  public constructor(
    private readonly client: DynamoDBDocumentClient,
    tableNames: { clients?: string; invitations?: string; audit?: string; followUps?: string } = {},
  ) {
    this.tables = {
      clients: tableNames.clients ?? physicalTableName('clients'),
      invitations: tableNames.invitations ?? physicalTableName('invitations'),
      audit: tableNames.audit ?? physicalTableName('audit'),
      followUps: tableNames.followUps ?? physicalTableName('clientFollowUps'),
    };
  }

  public async clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]> {
    // The key carries the partner: another partner's client id simply finds nothing.
    const items = await this.batchGet(this.tables.clients, clientIds.map((clientId) => clientKey(partnerId, clientId)));
    return items.map(toClient);
  }

  public async invitationsByIds(invitationIds: readonly string[]): Promise<Invitation[]> {
    return (await this.batchGet(this.tables.invitations, invitationIds.map(invitationKey))).map(toInvitation);
  }

  public async saveAll(changes: readonly OperationChange[]): Promise<Map<string, SaveOutcome>> {
    const units: Unit[] = changes.map(({ change, followUp }) => ({
      clientId: change.after.id,
      items: [...clientChangeItems(change, this.tables).map(({ item }) => item), this.followUpItem(followUp)],
    }));
    const outcomes = new Map<string, SaveOutcome>();
    for (const group of this.transactions(units)) {
      for (const [clientId, outcome] of await this.write(group)) outcomes.set(clientId, outcome);
    }
    return outcomes;
  }

  public async loginStates(accountIds: readonly string[]): Promise<Map<string, boolean>> {
    const accountOfLock = new Map(accountIds.map((accountId) => [accountLockKey(accountId).pk, accountId]));
    const locks = (await this.batchGet(this.tables.clients, accountIds.map(accountLockKey))).map((item) => lockItem.parse(item));
    const holders = await this.batchGet(this.tables.clients, locks.map((lock) => clientKey(lock.partnerId, lock.clientId)));
    const statusOf = new Map(holders.map(toClient).map((client) => [`${client.partnerId}/${client.id}`, client.status]));
    const states = new Map(accountIds.map((accountId) => [accountId, true]));
    for (const lock of locks) {
      const status = statusOf.get(`${lock.partnerId}/${lock.clientId}`);
      const accountId = accountOfLock.get(lock.pk);
      if (status && accountId) states.set(accountId, loginEnabled(status));
    }
    return states;
  }

  public async dueFollowUps(now: Date, limit: number): Promise<ClientFollowUp[]> {
    const found: ClientFollowUp[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.tables.followUps,
        IndexName: FOLLOW_UP_INDEXES.due,
        KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
        ExpressionAttributeValues: { ':queue': FOLLOW_UP_QUEUE, ':now': now.toISOString() },
        Limit: limit - found.length,
        ExclusiveStartKey: startKey,
      }));
      found.push(...(page.Items ?? []).map(toFollowUp));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found;
  }

  public async completeFollowUps(followUpIds: readonly string[]): Promise<void> {
    for (const ids of chunks(followUpIds, BATCH_WRITE_REQUESTS)) {
      let requests: Array<Record<string, unknown>> = ids.map((id) => ({ DeleteRequest: { Key: followUpKey(id) } }));
      for (let round = 0; requests.length > 0; round += 1) {
        if (round >= UNPROCESSED_ROUNDS) throw new Error(`${requests.length} follow-ups stayed unprocessed`);
        if (round > 0) await pause(round);
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tables.followUps]: requests } }));
        requests = result.UnprocessedItems?.[this.tables.followUps] ?? [];
      }
    }
  }

  /** The transaction item that stores a follow-up. */
  private followUpItem(followUp: ClientFollowUp): TransactItem {
    return {
      Put: {
        TableName: this.tables.followUps,
        Item: {
          ...followUpKey(followUp.id),
          dueQueue: FOLLOW_UP_QUEUE,
          dueAt: followUp.dueAt.toISOString(),
          followUpId: followUp.id,
          partnerId: followUp.partnerId,
          clientId: followUp.clientId,
          accountId: followUp.accountId,
          syncLogin: followUp.syncLogin,
          eventType: followUp.event.type,
          eventAt: followUp.event.at.toISOString(),
          eventDetail: JSON.stringify(followUp.event.detail),
        },
        // Invariant: one follow-up per change, written once.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Packs units into transactions of at most `TRANSACTION_ITEMS` items, in order. */
  private transactions(units: readonly Unit[]): Unit[][] {
    const groups: Unit[][] = [];
    let current: Unit[] = [];
    let size = 0;
    for (const unit of units) {
      if (size + unit.items.length > TRANSACTION_ITEMS && current.length > 0) {
        groups.push(current);
        current = [];
        size = 0;
      }
      current.push(unit);
      size += unit.items.length;
    }
    if (current.length > 0) groups.push(current);
    return groups;
  }

  /** Writes a group in one transaction; if it is cancelled, each client again in its own. */
  private async write(group: readonly Unit[]): Promise<Array<[string, SaveOutcome]>> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: group.flatMap((unit) => unit.items) }));
      return group.map((unit) => [unit.clientId, { kind: 'saved' }]);
    } catch (error) {
      if (group.length === 1) {
        const clientId = group[0]?.clientId ?? '';
        return [[clientId, lostRace(error) ? { kind: 'conflict' } : { kind: 'failed', reason: 'temporarily_unavailable' }]];
      }
      const outcomes: Array<[string, SaveOutcome]> = [];
      for (const unit of group) outcomes.push(...(await this.write([unit])));
      return outcomes;
    }
  }

  /** Strongly consistent `BatchGetItem` of any number of keys (100 per call), retrying what DynamoDB left unprocessed. */
  private async batchGet(table: string, keys: ReadonlyArray<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    for (const chunk of chunks(keys, BATCH_GET_KEYS)) {
      let pending: Array<Record<string, unknown>> = chunk;
      for (let round = 0; pending.length > 0; round += 1) {
        if (round >= UNPROCESSED_ROUNDS) throw new Error(`${pending.length} keys of ${table} stayed unprocessed`);
        if (round > 0) await pause(round);
        const result = await this.client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
        items.push(...(result.Responses?.[table] ?? []));
        pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
      }
    }
    return items;
  }
}
