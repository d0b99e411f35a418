import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ClientFollowUpOutbox, StoredFollowUp } from '../../ports/ClientBatchStore';
import { FOLLOW_UP_INDEXES, FOLLOW_UP_QUEUE, followUpGroupKey, followUpGroupRef } from './clientFollowUpKeys';
import { DynamoClientFollowUps } from './DynamoClientFollowUps';
import { isoDate } from './storedDate';
import { optionalStoredText, storedText } from './storedFields';

/** The stored shape of one follow-up inside its group (written by `toFollowUpEntry`). */
const followUpEntry = z.object({
  partnerId: storedText,
  clientId: optionalStoredText,
  accountId: optionalStoredText,
  eventType: storedText,
  eventAt: isoDate,
  eventDetail: storedText,
  dueAt: isoDate,
});

/** The stored shape of a group of follow-ups (the follow-ups of one transaction), keyed by follow-up id. */
const followUpGroupItem = z.object({
  groupId: storedText,
  entries: z.record(storedText, followUpEntry),
});

const eventDetail = z.record(storedText, z.unknown());

/** The follow-ups a stored group holds now, oldest first. */
function toFollowUps(group: z.infer<typeof followUpGroupItem>): StoredFollowUp[] {
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

/**
 * The follow-up outbox as the follow-up job uses it: the follow-ups still owed, read through the
 * `due` index, and their removal once delivered. Only the job bundles this reading.
 */
export class DynamoClientFollowUpOutbox extends DynamoClientFollowUps implements ClientFollowUpOutbox {
  public async dueFollowUps(now: Date, limit: number): Promise<StoredFollowUp[]> {
    const found: StoredFollowUp[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.tables.followUps,
        IndexName: FOLLOW_UP_INDEXES.due,
        KeyConditionExpression: 'dueQueue = :queue AND dueAt <= :now',
        ExpressionAttributeValues: { ':queue': FOLLOW_UP_QUEUE, ':now': now.toISOString() },
        // Each group not left empty holds at least one follow-up: never more groups than follow-ups still wanted.
        Limit: limit - found.length,
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) {
        const group = followUpGroupItem.parse(item);
        const followUps = toFollowUps(group);
        // A group left empty by partial completions, or by a crash between emptying and deleting it, is deleted on the way.
        if (followUps.length === 0) await this.deleteIfEmpty(group.groupId).catch(() => undefined);
        found.push(...followUps);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found.slice(0, limit);
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
