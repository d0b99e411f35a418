import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Client } from '../../domain/clients/Client';
import type { ClientFollowUp } from '../../domain/clients/decideClientOperation';
import type { Invitation } from '../../domain/clients/Invitation';
import type { ClientBatchStore, OperationChange, SaveOutcome, StoredFollowUp } from '../../ports/ClientBatchStore';
import { batchGetAll, chunks, pause, UNPROCESSED_ROUNDS } from './batchCalls';
import { clientChangeItems } from './clientChangeTransaction';
import { FOLLOW_UP_INDEXES, FOLLOW_UP_QUEUE, followUpGroupKey, followUpGroupRef, parseFollowUpGroupRef } from './clientFollowUpKeys';
import { toClient, toInvitation } from './clientItems';
import { clientKey } from './clientKeys';
import { clientTables, type ClientTables } from './clientTables';
import { invitationKey } from './invitationKeys';
import { lostRace } from './lostRace';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from './TransactItem';

/** DynamoDB's limit of requests per BatchWriteItem. */
const BATCH_WRITE_REQUESTS = 25;

/** Most follow-ups in one stored group: an entry takes well under 1 KB, so a group stays far below DynamoDB's 400 KB per item. */
const FOLLOW_UPS_PER_GROUP = 100;

/** The stored shape of one follow-up inside its group. */
const followUpEntry = z.object({
  partnerId: z.string(),
  clientId: z.string(),
  accountId: z.optional(z.string()),
  eventType: z.string(),
  eventAt: isoDate,
  eventDetail: z.string(),
  dueAt: isoDate,
});

/** The stored shape of a group of follow-ups (the follow-ups of one transaction), keyed by follow-up id. */
const followUpGroupItem = z.object({
  groupId: z.string(),
  entries: z.record(z.string(), followUpEntry),
});

const eventDetail = z.record(z.string(), z.unknown());

/** The follow-ups a stored group holds now, oldest first. */
function toFollowUps(item: Record<string, unknown>): StoredFollowUp[] {
  const group = followUpGroupItem.parse(item);
  const storedIn = followUpGroupRef({ groupId: group.groupId, size: Object.keys(group.entries).length });
  return Object.entries(group.entries)
    .map(([id, entry]): StoredFollowUp => ({
      id,
      partnerId: entry.partnerId,
      clientId: entry.clientId,
      accountId: entry.accountId,
      event: { id, type: entry.eventType, at: entry.eventAt, detail: eventDetail.parse(JSON.parse(entry.eventDetail)) },
      dueAt: entry.dueAt,
      storedIn,
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
}

/** How a follow-up is stored inside its group. */
function toEntry(followUp: ClientFollowUp): Record<string, unknown> {
  return {
    partnerId: followUp.partnerId,
    clientId: followUp.clientId,
    accountId: followUp.accountId,
    eventType: followUp.event.type,
    eventAt: followUp.event.at.toISOString(),
    eventDetail: JSON.stringify(followUp.event.detail),
    dueAt: followUp.dueAt.toISOString(),
  };
}

/** One client's share of a transaction: its change's items, and its follow-up (stored in the transaction's group). */
interface Unit {
  readonly clientId: string;
  readonly items: readonly TransactItem[];
  readonly followUp: ClientFollowUp;
}

/**
 * Block / unblock / delete on DynamoDB, many clients at a time: `BatchGetItem` reads (100 keys per
 * call, strongly consistent), and changes packed into `TransactWriteItems` of up to 100 items, each
 * client's items built as the clients repository builds them (`clientChangeItems`, with its version and lock
 * conditions), plus one item per transaction holding the follow-ups of all its clients (an outbox
 * record per transaction, not per client). A cancelled transaction is retried client by client,
 * so one client that changed meanwhile never fails the others.
 */
export class DynamoClientBatchStore implements ClientBatchStore {
  private readonly tables: ClientTables & { readonly followUps: string };

  public constructor(
    private readonly client: DynamoDBDocumentClient,
    tableNames: Partial<ClientTables> & { followUps?: string } = {},
  ) {
    this.tables = { ...clientTables(tableNames), followUps: tableNames.followUps ?? physicalTableName('clientFollowUps') };
  }

  public async clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]> {
    // The key carries the partner: another partner's client id simply finds nothing.
    const items = await batchGetAll(this.client, this.tables.clients, clientIds.map((clientId) => clientKey(partnerId, clientId)));
    return items.map(toClient);
  }

  public async invitationsByIds(invitationIds: readonly string[]): Promise<Invitation[]> {
    return (await batchGetAll(this.client, this.tables.invitations, invitationIds.map(invitationKey))).map(toInvitation);
  }

  public async saveAll(changes: readonly OperationChange[]): Promise<Map<string, SaveOutcome>> {
    const units: Unit[] = changes.map(({ change, followUp }) => ({
      clientId: change.after.id,
      items: clientChangeItems(change, this.tables).map(({ item }) => item),
      followUp,
    }));
    const outcomes = new Map<string, SaveOutcome>();
    for (const group of this.transactions(units)) {
      for (const [clientId, outcome] of await this.write(group)) outcomes.set(clientId, outcome);
    }
    return outcomes;
  }

  public async dueFollowUps(now: Date, limit: number): Promise<StoredFollowUp[]> {
    const found: StoredFollowUp[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.tables.followUps,
        IndexName: FOLLOW_UP_INDEXES.due,
        KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
        ExpressionAttributeValues: { ':queue': FOLLOW_UP_QUEUE, ':now': now.toISOString() },
        // Groups, each holding at least one follow-up: never more groups than follow-ups still wanted.
        Limit: limit - found.length,
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) {
        const followUps = toFollowUps(item);
        // A group left empty (a crash between emptying and deleting it) is deleted on the way.
        if (followUps.length === 0) await this.deleteIfEmpty(followUpGroupItem.parse(item).groupId).catch(() => undefined);
        found.push(...followUps);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found.slice(0, limit);
  }

  public async completeFollowUps(followUps: readonly StoredFollowUp[]): Promise<void> {
    const deliveredIn = new Map<string, Set<string>>();
    for (const followUp of followUps) deliveredIn.set(followUp.storedIn, (deliveredIn.get(followUp.storedIn) ?? new Set()).add(followUp.id));
    const whole: string[] = [];
    const partial: Array<{ groupId: string; ids: readonly string[] }> = [];
    for (const [storedIn, ids] of deliveredIn) {
      const { groupId, size } = parseFollowUpGroupRef(storedIn);
      if (ids.size >= size) whole.push(groupId);
      else partial.push({ groupId, ids: [...ids] });
    }
    await Promise.all([this.deleteGroups(whole), ...partial.map(({ groupId, ids }) => this.removeFromGroup(groupId, ids))]);
  }

  /** Deletes groups whose every follow-up is delivered (a group never gains follow-ups, so none can be lost): 25 per call. */
  private async deleteGroups(groupIds: readonly string[]): Promise<void> {
    for (const ids of chunks(groupIds, BATCH_WRITE_REQUESTS)) {
      let requests: Array<Record<string, unknown>> = ids.map((id) => ({ DeleteRequest: { Key: followUpGroupKey(id) } }));
      for (let round = 0; requests.length > 0; round += 1) {
        if (round >= UNPROCESSED_ROUNDS) throw new Error(`${requests.length} follow-up groups stayed unprocessed`);
        if (round > 0) await pause(round);
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tables.followUps]: requests } }));
        requests = result.UnprocessedItems?.[this.tables.followUps] ?? [];
      }
    }
  }

  /**
   * Removes some delivered follow-ups from their group, which keeps the others for the job.
   * Removing map keys is idempotent and commutes, so concurrent completions of one group cannot
   * bring a delivered follow-up back; the group is deleted once nothing is left in it.
   */
  private async removeFromGroup(groupId: string, followUpIds: readonly string[]): Promise<void> {
    const names = Object.fromEntries(followUpIds.map((id, index) => [`#f${index}`, id]));
    try {
      const result = await this.client.send(new UpdateCommand({
        TableName: this.tables.followUps,
        Key: followUpGroupKey(groupId),
        UpdateExpression: `REMOVE ${Object.keys(names).map((name) => `entries.${name}`).join(', ')}`,
        // A group already deleted (all delivered) is not brought back as an empty item.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ReturnValues: 'ALL_NEW',
      }));
      // Only counts what is left: no need to parse the remaining events.
      if (result.Attributes && Object.keys(followUpGroupItem.parse(result.Attributes).entries).length === 0) await this.deleteIfEmpty(groupId);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Deletes a group left without follow-ups. */
  private async deleteIfEmpty(groupId: string): Promise<void> {
    await this.client.send(new DeleteCommand({
      TableName: this.tables.followUps,
      Key: followUpGroupKey(groupId),
      // Only an empty group: a follow-up still owed is never deleted.
      ConditionExpression: 'size(entries) = :none',
      ExpressionAttributeValues: { ':none': 0 },
    }));
  }

  /** The transaction item that stores the follow-ups of one transaction, as one group. */
  private followUpGroupItem(followUps: readonly ClientFollowUp[]): { item: TransactItem; storedIn: string } {
    const [first] = followUps;
    if (!first) throw new Error('a follow-up group needs at least one follow-up');
    const dueAt = new Date(Math.min(...followUps.map((followUp) => followUp.dueAt.getTime())));
    return {
      item: {
        Put: {
          TableName: this.tables.followUps,
          Item: {
            ...followUpGroupKey(first.id),
            groupId: first.id,
            dueQueue: FOLLOW_UP_QUEUE,
            dueAt: dueAt.toISOString(),
            entries: Object.fromEntries(followUps.map((followUp) => [followUp.id, toEntry(followUp)])),
          },
          // Invariant: each change's follow-up is written once (a group is named after a follow-up id, never reused).
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      storedIn: followUpGroupRef({ groupId: first.id, size: followUps.length }),
    };
  }

  /**
   * Packs units into transactions, in order: at most `MAX_TRANSACTION_ITEMS` items counting the
   * follow-up group, and at most `FOLLOW_UPS_PER_GROUP` clients.
   */
  private transactions(units: readonly Unit[]): Unit[][] {
    const groups: Unit[][] = [];
    let current: Unit[] = [];
    let size = 1;
    for (const unit of units) {
      if ((size + unit.items.length > MAX_TRANSACTION_ITEMS || current.length >= FOLLOW_UPS_PER_GROUP) && current.length > 0) {
        groups.push(current);
        current = [];
        size = 1;
      }
      current.push(unit);
      size += unit.items.length;
    }
    if (current.length > 0) groups.push(current);
    return groups;
  }

  /** Writes a group in one transaction with its follow-ups; if it is cancelled, each client again in its own. */
  private async write(group: readonly Unit[]): Promise<Array<[string, SaveOutcome]>> {
    const followUps = this.followUpGroupItem(group.map((unit) => unit.followUp));
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: [...group.flatMap((unit) => unit.items), followUps.item] }));
      return group.map((unit) => [unit.clientId, { kind: 'saved', followUp: { ...unit.followUp, storedIn: followUps.storedIn } }]);
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
}
