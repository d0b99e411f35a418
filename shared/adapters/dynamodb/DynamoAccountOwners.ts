import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { AccountOwners, ServedAccount } from '../../ports/SpendStore';
import { batchGetAll } from './batchCalls';
import { accountLockKey } from './clientKeys';
import { optionalIsoDate } from './storedDate';
import { storedText } from './storedFields';
import { physicalTableName } from './tables';

const lockItem = z.object({ pk: storedText, partnerId: storedText, clientId: storedText, since: optionalIsoDate });

/** Who serves which account: the account locks of the `clients` table, 100 a batched read. */
export class DynamoAccountOwners implements AccountOwners {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('clients')) {}

  public async servedAccounts(accountIds: readonly string[]): Promise<ReadonlyMap<string, ServedAccount>> {
    if (accountIds.length === 0) return new Map();
    const byPartition = new Map(accountIds.map((accountId) => [accountLockKey(accountId).pk, accountId]));
    const items = await batchGetAll(this.client, this.table, accountIds.map(accountLockKey));
    const served = new Map<string, ServedAccount>();
    for (const item of items) {
      const lock = lockItem.parse(item);
      const accountId = byPartition.get(lock.pk);
      // A lock from before locks carried `since`: the account counts as served from the start.
      if (accountId) served.set(accountId, { accountId, partnerId: lock.partnerId, clientId: lock.clientId, since: lock.since ?? new Date(0) });
    }
    return served;
  }
}
