import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { money } from '../../domain/Money';
import type { AccountBalance, LedgerQueries } from '../../ports/BalanceLedger';
import { batchGetAll } from './batchCalls';
import { balanceKey } from './ledgerKeys';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';
import { storedText } from './storedFields';

/** The stored balance item of an account. */
const balanceItem = z.object({ accountId: storedText, balance: z.number().check(z.int()), currency: storedText, updatedAt: isoDate });

function toAccountBalance(stored: Record<string, unknown>): AccountBalance {
  const item = balanceItem.parse(stored);
  return { accountId: item.accountId, balance: money(item.balance, item.currency), asOf: item.updatedAt };
}

/**
 * The current balances of the ledger, read without its writer: the clients list needs only these,
 * so its bundle carries neither the rollup reads nor the posting code. `DynamoLedgerQueries` extends it
 * with the rollup reads, `DynamoLedger` those with the posting.
 */
export class DynamoLedgerBalances implements Pick<LedgerQueries, 'balance' | 'balances'> {
  public constructor(protected readonly client: DynamoDBDocumentClient, protected readonly table = physicalTableName('ledger')) {}

  public async balance(accountId: string): Promise<AccountBalance | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: balanceKey(accountId), ConsistentRead: true }));
    return result.Item ? toAccountBalance(result.Item) : undefined;
  }

  public async balances(accountIds: readonly string[]): Promise<ReadonlyMap<string, AccountBalance>> {
    const found = (await batchGetAll(this.client, this.table, [...new Set(accountIds)].map(balanceKey))).map(toAccountBalance);
    return new Map(found.map((balance) => [balance.accountId, balance]));
  }
}
