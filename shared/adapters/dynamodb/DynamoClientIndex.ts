import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { CLIENT_STATUSES, type ClientStatus } from '../../domain/clients/Client';
import type { ClientIndex, CountMove, IndexedClient, SearchEntryChange } from '../../ports/ClientIndex';
import { batchGetAll, batchWriteAll, chunks, type WriteRequest } from './batchCalls';
import { toClient } from './clientItems';
import { CLIENT_SORT_PREFIX, clientCountsKey, clientKey, clientListKey, clientSearchKey, countedClientKey } from './clientKeys';
import { DynamoClientQueries } from './DynamoClientQueries';
import { lostRace } from './lostRace';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from './TransactItem';

/** The stored record of the status a client is counted under. */
const countedItem = z.object({ clientId: z.string(), status: z.enum(CLIENT_STATUSES) });

/** The search index entry of one prefix of a client: it points at the client and holds its terms (for searches longer than the prefix). */
export function searchEntryItem(partnerId: string, clientId: string, createdAt: Date, prefix: string, terms: readonly string[]): Record<string, unknown> {
  return { ...clientSearchKey(partnerId, prefix, clientListKey(createdAt, clientId)), clientId, terms: ` ${terms.join(' ')} ` };
}

/**
 * What follows the clients table on DynamoDB (table `clients`): the search index entries
 * (`SEARCH#partner#prefix` partitions) and each partner's counts per status (`CLIENT_COUNTS`, with
 * one `COUNTED#client` record per client naming the status it is counted under). Only the change
 * stream's consumer and the backfill bundle it.
 */
export class DynamoClientIndex extends DynamoClientQueries implements ClientIndex {
  public async current(partnerId: string, clientIds: readonly string[]): Promise<IndexedClient[]> {
    const keys = clientIds.flatMap((clientId) => [clientKey(partnerId, clientId), countedClientKey(partnerId, clientId)]);
    const clients = new Map<string, IndexedClient['client']>();
    const counted = new Map<string, ClientStatus>();
    for (const item of await batchGetAll(this.client, this.tables.clients, keys)) {
      if (String(item.sk).startsWith(CLIENT_SORT_PREFIX)) {
        const client = toClient(item);
        clients.set(client.id, client);
      } else {
        const record = countedItem.parse(item);
        counted.set(record.clientId, record.status);
      }
    }
    return clientIds.map((clientId) => ({
      clientId,
      ...(clients.has(clientId) && { client: clients.get(clientId) }),
      ...(counted.has(clientId) && { counted: counted.get(clientId) }),
    }));
  }

  public async writeSearchEntries(changes: readonly SearchEntryChange[]): Promise<void> {
    const requests = changes.flatMap(({ partnerId, clientId, createdAt, put, terms, remove }): WriteRequest[] => [
      ...remove.map((prefix) => ({ DeleteRequest: { Key: clientSearchKey(partnerId, prefix, clientListKey(createdAt, clientId)) } })),
      ...put.map((prefix) => ({ PutRequest: { Item: searchEntryItem(partnerId, clientId, createdAt, prefix, terms) } })),
    ]);
    await batchWriteAll(this.client, this.tables.clients, requests);
  }

  public async recount(partnerId: string, moves: readonly CountMove[]): Promise<string[]> {
    const lost: string[] = [];
    // One item of each transaction is the counts record itself.
    for (const chunk of chunks(moves, MAX_TRANSACTION_ITEMS - 1)) lost.push(...(await this.move(partnerId, chunk)));
    return lost;
  }

  /** Moves some clients in one transaction (their records and the counts together); if it is cancelled, each client again on its own. */
  private async move(partnerId: string, moves: readonly CountMove[]): Promise<string[]> {
    const counts = this.countsUpdate(partnerId, moves);
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [...moves.map((move) => this.countedWrite(partnerId, move)), ...(counts ? [counts] : [])],
      }));
      return [];
    } catch (error) {
      if (!lostRace(error)) throw error;
      if (moves.length === 1) return moves.map((move) => move.clientId);
      const lost: string[] = [];
      for (const move of moves) lost.push(...(await this.move(partnerId, [move])));
      return lost;
    }
  }

  /** The write of a client's counted status: from the one read, to its current one (or removed with the client). */
  private countedWrite(partnerId: string, move: CountMove): TransactItem {
    const Key = countedClientKey(partnerId, move.clientId);
    // Invariant: a client is counted under exactly one status; it moves only from the status it was read under
    // (a replayed or concurrent move finds the record moved and counts nothing twice).
    const condition = move.from
      ? { ConditionExpression: '#status = :from', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':from': move.from } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    if (!move.to) return { Delete: { TableName: this.tables.clients, Key, ...condition } };
    return { Put: { TableName: this.tables.clients, Item: { ...Key, clientId: move.clientId, status: move.to }, ...condition } };
  }

  /** The counts record's update for these moves (net per status); none when they cancel out. */
  private countsUpdate(partnerId: string, moves: readonly CountMove[]): TransactItem | undefined {
    const delta = new Map<ClientStatus, number>();
    for (const { from, to } of moves) {
      if (from) delta.set(from, (delta.get(from) ?? 0) - 1);
      if (to) delta.set(to, (delta.get(to) ?? 0) + 1);
    }
    const changed = [...delta].filter(([, by]) => by !== 0);
    if (changed.length === 0) return undefined;
    return {
      Update: {
        TableName: this.tables.clients,
        Key: clientCountsKey(partnerId),
        UpdateExpression: `SET partnerId = :partner ADD ${changed.map((_, index) => `#s${index} :d${index}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(changed.map(([status], index) => [`#s${index}`, status])),
        ExpressionAttributeValues: { ':partner': partnerId, ...Object.fromEntries(changed.map(([, by], index) => [`:d${index}`, by])) },
      },
    };
  }
}
