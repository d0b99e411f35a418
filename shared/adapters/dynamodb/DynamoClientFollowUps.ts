import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientFollowUp } from '../../domain/clients/decideClientOperation';
import type { ClientBatchStore, StoredFollowUp } from '../../ports/ClientBatchStore';
import { chunks } from './batchCalls';
import { followUpGroupKey, parseFollowUpGroupRef } from './clientFollowUpKeys';
import { clientTables, type ClientTables } from './clientTables';
import { conditionalUpdate } from './conditionalUpdate';
import { physicalTableName } from './tables';
import { MAX_TRANSACTION_ITEMS } from './TransactItem';

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
 * The follow-up outbox of block / unblock / delete on DynamoDB (table `clientFollowUps`): removing
 * follow-ups once delivered, which the request that stored them does at once. `DynamoClientBatchStore`
 * writes them, with the changes, and extends it; `DynamoClientFollowUpOutbox` adds the follow-up
 * job's reading of the ones still owed.
 */
export class DynamoClientFollowUps implements Pick<ClientBatchStore, 'completeFollowUps'> {
  /** The follow-ups table, and the client tables the changes that write follow-ups go to. */
  protected readonly tables: ClientTables & { readonly followUps: string };
  /** The confirmations table a bulk operation's completion marks, if given (else named when first used: not every user of the store is wired to it). */
  protected readonly confirmationsTable: string | undefined;

  public constructor(
    protected readonly client: DynamoDBDocumentClient,
    tableNames: Partial<ClientTables> & { followUps?: string; confirmations?: string } = {},
  ) {
    this.tables = { ...clientTables(tableNames), followUps: tableNames.followUps ?? physicalTableName('clientFollowUps') };
    this.confirmationsTable = tableNames.confirmations;
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

  /**
   * Deletes groups whose every follow-up is delivered (a group never gains follow-ups, so none can
   * be lost), up to 100 in one transaction: all or none, so there is no unprocessed remainder to
   * retry; a failure leaves the follow-ups owed, and the job delivers them again (same event ids).
   */
  private async deleteGroups(groupIds: readonly string[]): Promise<void> {
    for (const ids of chunks(groupIds, MAX_TRANSACTION_ITEMS)) {
      await this.client.send(new TransactWriteCommand({
        TransactItems: ids.map((id) => ({ Delete: { TableName: this.tables.followUps, Key: followUpGroupKey(id) } })),
      }));
    }
  }

  /**
   * Removes some delivered follow-ups from their group, which keeps the others for the job.
   * Removing map keys is idempotent and commutes, so concurrent completions of one group cannot
   * bring a delivered follow-up back. A group this leaves empty is deleted by the follow-up job
   * when it next reads it (its due time has passed by then), so the request does not read it back.
   */
  private async removeFromGroup(groupId: string, followUpIds: readonly string[]): Promise<void> {
    const names = Object.fromEntries(followUpIds.map((id, index) => [`#f${index}`, id]));
    await conditionalUpdate(this.client, {
      TableName: this.tables.followUps,
      Key: followUpGroupKey(groupId),
      UpdateExpression: `REMOVE ${Object.keys(names).map((name) => `entries.${name}`).join(', ')}`,
      // A group already deleted (all delivered) is not brought back as an empty item.
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
    });
  }
}
