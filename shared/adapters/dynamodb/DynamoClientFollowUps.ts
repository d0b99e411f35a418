import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ClientFollowUp } from '../../domain/clients/decideClientOperation';
import type { ClientBatchStore, StoredFollowUp } from '../../ports/ClientBatchStore';
import { chunks, pause, UNPROCESSED_ROUNDS } from './batchCalls';
import { FOLLOW_UP_INDEXES, FOLLOW_UP_QUEUE, followUpGroupKey, followUpGroupRef, parseFollowUpGroupRef } from './clientFollowUpKeys';
import { clientTables, type ClientTables } from './clientTables';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';

/** DynamoDB's limit of requests per BatchWriteItem. */
const BATCH_WRITE_REQUESTS = 25;

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
export function toFollowUpEntry(followUp: ClientFollowUp): Record<string, unknown> {
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

/**
 * The follow-up outbox of block / unblock / delete on DynamoDB (table `clientFollowUps`): the
 * follow-ups still owed, and their removal once delivered. `DynamoClientBatchStore` writes them,
 * with the changes, and extends it; the follow-up job uses it alone, without the write code.
 */
export class DynamoClientFollowUps implements Pick<ClientBatchStore, 'dueFollowUps' | 'completeFollowUps'> {
  /** The follow-ups table, and the client tables the changes that write follow-ups go to. */
  protected readonly tables: ClientTables & { readonly followUps: string };

  public constructor(protected readonly client: DynamoDBDocumentClient, tableNames: Partial<ClientTables> & { followUps?: string } = {}) {
    this.tables = { ...clientTables(tableNames), followUps: tableNames.followUps ?? physicalTableName('clientFollowUps') };
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
}
