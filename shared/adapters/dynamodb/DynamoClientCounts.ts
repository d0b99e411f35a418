import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ClientStatus } from '../../domain/clients/Client';
import type { ClientCounts, ClientCountsReader } from '../../ports/ClientIndex';
import { batchGetAll } from './batchCalls';
import { clientCountsKey } from './clientKeys';
import { physicalTableName } from './tables';

/** The stored counts record: the partner, and one number per status it ever counted. */
const count = z.optional(z.number());
const countsItem = z.object({
  partnerId: z.string(),
  invited: count, active: count, blocked: count, declined: count, cancelled: count, expired: count, detached: count,
} satisfies Record<ClientStatus | 'partnerId', unknown>);

/** Counts as stored (absent and negative as zero). */
function countsFrom(stored: Partial<Record<ClientStatus, number>>): ClientCounts {
  const of = (status: ClientStatus): number => Math.max(0, stored[status] ?? 0);
  return {
    invited: of('invited'), active: of('active'), blocked: of('blocked'), declined: of('declined'),
    cancelled: of('cancelled'), expired: of('expired'), detached: of('detached'),
  };
}

/**
 * Each partner's client counts per status on DynamoDB (table `clients`, `PARTNER#p`/`CLIENT_COUNTS`):
 * kept by the change stream's consumer (`DynamoClientIndex`), read by one batched read.
 */
export class DynamoClientCounts implements ClientCountsReader {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('clients')) {}

  public async countsOf(partnerIds: readonly string[]): Promise<Map<string, ClientCounts>> {
    const counts = new Map<string, ClientCounts>(partnerIds.map((partnerId) => [partnerId, countsFrom({})]));
    for (const item of await batchGetAll(this.client, this.table, [...new Set(partnerIds)].map(clientCountsKey))) {
      const { partnerId, ...stored } = countsItem.parse(item);
      counts.set(partnerId, countsFrom(stored));
    }
    return counts;
  }
}
