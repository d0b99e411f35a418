import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientAuditEntry } from '../../domain/audit/AuditEntry';
import type { Client } from '../../domain/clients/Client';
import type { ClientFollowUp } from '../../domain/clients/decideClientOperation';
import type { Invitation } from '../../domain/clients/Invitation';
import type { ClientBatchStore, OperationChange, SaveOutcome, StoredFollowUp } from '../../ports/ClientBatchStore';
import { batchGetAll } from './batchCalls';
import { clientChangeItems } from './clientChangeTransaction';
import { FOLLOW_UP_QUEUE, followUpGroupKey, followUpGroupRef } from './clientFollowUpKeys';
import { toInvitation } from './clientItems';
import { DynamoClientFollowUps, toFollowUpEntry } from './DynamoClientFollowUps';
import { readClientsByIds } from './DynamoClientsByIds';
import { invitationKey } from './invitationKeys';
import { auditKey } from './auditKeys';
import { toClientAuditEntry } from './DynamoAuditTrail';
import { CONDITION_FAILED, cancellationCodes, lostRace } from './lostRace';
import { confirmationKey } from './confirmationKeys';
import { physicalTableName } from './tables';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from './TransactItem';

/** Most follow-ups in one stored group: an entry takes well under 1 KB, so a group stays far below DynamoDB's 400 KB per item. */
const FOLLOW_UPS_PER_GROUP = 100;

/**
 * Transactions in flight at once: a bulk of 500 clients is ≈ 10–16 transactions of up to 100 items;
 * four at a time keep it well inside the bulk function's time (docs/benchmark.md) without a burst.
 */
export const PARALLEL_TRANSACTIONS = 4;

/** One client's share of a transaction: its change's items, and its follow-up (stored in the transaction's group). */
interface Unit {
  readonly clientId: string;
  readonly items: readonly TransactItem[];
  readonly followUp: ClientFollowUp;
}

/**
 * Block / unblock / delete on DynamoDB, many clients at a time: `BatchGetItem` reads (100 keys per
 * call, strongly consistent), and changes packed into `TransactWriteItems` of up to 100 items
 * (`PARALLEL_TRANSACTIONS` at a time), each
 * client's items built as the clients repository builds them (`clientChangeItems`, with its version and lock
 * conditions), plus one item per transaction holding the follow-ups of all its clients (an outbox
 * record per transaction, not per client; the outbox is `DynamoClientFollowUps`, which it extends).
 * A cancelled transaction is retried client by client, so one client that changed meanwhile never
 * fails the others.
 */
export class DynamoClientBatchStore extends DynamoClientFollowUps implements ClientBatchStore {
  public async clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]> {
    return readClientsByIds(this.client, this.tables.clients, partnerId, clientIds);
  }

  public async invitationsByIds(invitationIds: readonly string[]): Promise<Invitation[]> {
    return (await batchGetAll(this.client, this.tables.invitations, invitationIds.map(invitationKey))).map(toInvitation);
  }

  public async recordedChanges(partnerId: string, at: Date, auditIds: readonly string[]): Promise<ClientAuditEntry[]> {
    return (await batchGetAll(this.client, this.tables.audit, auditIds.map((auditId) => auditKey(partnerId, at, auditId)))).map(toClientAuditEntry);
  }

  public async saveAll(changes: readonly OperationChange[]): Promise<Map<string, SaveOutcome>> {
    const units: Unit[] = changes.map(({ change, followUp }) => ({
      clientId: change.after.id,
      items: clientChangeItems(change, this.tables).map(({ item }) => item),
      followUp,
    }));
    const outcomes = new Map<string, SaveOutcome>();
    const groups = this.transactions(units);
    // Transactions of distinct clients are independent (DynamoDB's limits are per item), so a few run at once.
    const worker = async (): Promise<void> => {
      for (let group = groups.shift(); group; group = groups.shift()) {
        for (const [clientId, outcome] of await this.write(group)) outcomes.set(clientId, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_TRANSACTIONS, groups.length) }, worker));
    return outcomes;
  }

  public async recordCompletion(tokenHash: string, followUp: ClientFollowUp): Promise<StoredFollowUp | undefined> {
    const group = this.followUpGroupItem([followUp]);
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.confirmationsTable ?? physicalTableName('operationConfirmations'),
              Key: confirmationKey(tokenHash),
              UpdateExpression: 'SET completedAt = :at',
              // Invariant: a confirmed operation's completion is announced once (the marker and its follow-up are written together).
              ConditionExpression: 'attribute_exists(usedAt) AND attribute_not_exists(completedAt)',
              ExpressionAttributeValues: { ':at': followUp.event.at.toISOString() },
            },
          },
          group.item,
        ],
      }));
      return { ...followUp, storedIn: group.storedIn };
    } catch (error) {
      if (cancellationCodes(error)[0] === CONDITION_FAILED) return undefined;
      throw error;
    }
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
            entries: Object.fromEntries(followUps.map((followUp) => [followUp.id, toFollowUpEntry(followUp)])),
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
        return [[clientId, lostRace(error) ? { kind: 'conflict' } : { kind: 'failed', reason: 'temporarily_unavailable', error }]];
      }
      const outcomes: Array<[string, SaveOutcome]> = [];
      for (const unit of group) outcomes.push(...(await this.write([unit])));
      return outcomes;
    }
  }
}
