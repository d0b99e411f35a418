import { createHash } from 'node:crypto';
import type { ClientStatus } from '../../domain/clients/Client';

/**
 * Per-partner client counts by status, kept in the `clients` table in `CLIENT_COUNT_SHARDS` items
 * per partner (`PARTNER#p` / `COUNTS#n`): each change adds −1 to the status a client leaves and +1
 * to the one it enters, in the same transaction as the change, on the shard of that client. Shards
 * keep concurrent changes of one partner's clients from contending for a single item (two
 * transactions on one item cancel each other); a reader sums the shards (one batched read).
 */
export const CLIENT_COUNT_SHARDS = 8;

/** Key of one counts shard of a partner. */
export function clientCountKey(partnerId: string, shard: number): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: `COUNTS#${shard}` };
}

/** The shard a client's changes count on: fixed per client. */
export function clientCountShard(clientId: string): number {
  return (createHash('sha256').update(clientId).digest()[0] ?? 0) % CLIENT_COUNT_SHARDS;
}

/** Every shard key of a partner's counts. */
export function clientCountKeys(partnerId: string): Array<{ pk: string; sk: string }> {
  return Array.from({ length: CLIENT_COUNT_SHARDS }, (_, shard) => clientCountKey(partnerId, shard));
}

/** A change of counts on one shard: status → delta. */
export interface CountDelta {
  readonly partnerId: string;
  readonly shard: number;
  readonly deltas: Readonly<Partial<Record<ClientStatus, number>>>;
}
