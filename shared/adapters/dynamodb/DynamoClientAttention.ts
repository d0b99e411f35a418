import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { isAttached } from '../../domain/clients/Client';
import type { AttentionCandidates, ClientWithBalance } from '../../domain/clients/clientAttention';
import { money } from '../../domain/Money';
import { batchGetAll } from './batchCalls';
import { toClient } from './clientItems';
import { attentionBound, CLIENT_INDEXES, clientKey } from './clientKeys';
import { LEDGER_INDEXES } from './ledgerKeys';
import { storedNumber, storedText } from './storedFields';
import { physicalTableName } from './tables';

/** What the ledger's `byPartnerBalance` index holds of a balance. */
const negativeBalance = z.object({ servedClient: storedText, accountId: storedText, balance: storedNumber, currency: storedText });

/**
 * The candidates of a partner's "needs attention" view on DynamoDB, in three requests whatever the
 * partner's size: one Query of the clients' sparse `byAttention` index (pending invitations: a failed
 * mail first, then by expiry, below the bound), one of the ledger's `byPartnerBalance` index below
 * zero, and one batched read of the clients those balances belong to.
 */
export class DynamoClientAttention implements AttentionCandidates {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables = { clients: physicalTableName('clients'), ledger: physicalTableName('ledger') },
  ) {}

  public async candidates(partnerId: string, expiringBefore: Date, limit: number): Promise<{ clients: ClientWithBalance[]; truncated: boolean }> {
    const [invitations, balances] = await Promise.all([
      this.client.send(new QueryCommand({
        TableName: this.tables.clients,
        IndexName: CLIENT_INDEXES.byAttention,
        KeyConditionExpression: 'attentionOf = :partner AND attentionKey < :bound',
        ExpressionAttributeValues: { ':partner': partnerId, ':bound': attentionBound(expiringBefore) },
        Limit: limit + 1,
      })),
      this.client.send(new QueryCommand({
        TableName: this.tables.ledger,
        IndexName: LEDGER_INDEXES.byPartnerBalance,
        KeyConditionExpression: 'servedBy = :partner AND balance < :zero',
        ExpressionAttributeValues: { ':partner': partnerId, ':zero': 0 },
        Limit: limit + 1,
      })),
    ]);
    // The index holds projected copies: the clients are read again (strongly) by the batched read below or decided by the use case.
    const invited = (invitations.Items ?? []).slice(0, limit).map((item) => ({ client: toClient(item), balance: null }));
    const negative = (balances.Items ?? []).slice(0, limit).map((item) => negativeBalance.parse(item));
    const served = await batchGetAll(this.client, this.tables.clients, negative.map((entry) => clientKey(partnerId, entry.servedClient)));
    const byId = new Map(served.map(toClient).map((each) => [each.id, each]));
    const owed = negative.flatMap((entry) => {
      const owner = byId.get(entry.servedClient);
      // A balance index entry outlives its client's service (deleted, or the account now served elsewhere): keep only current ones.
      return owner && isAttached(owner.status) && owner.accountId === entry.accountId
        ? [{ client: owner, balance: money(entry.balance, entry.currency) }]
        : [];
    });
    const truncated = (invitations.Items?.length ?? 0) > limit || (balances.Items?.length ?? 0) > limit;
    return { clients: [...invited, ...owed], truncated };
  }
}
