import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Client } from '../../domain/clients/Client';
import type { ClientBatchStore } from '../../ports/ClientBatchStore';
import { batchGetAll } from './batchCalls';
import { toClient } from './clientItems';
import { clientKey } from './clientKeys';
import { physicalTableName } from './tables';

/** A partner's clients by id, batched: the read of `ClientBatchStore` for functions that only read the `clients` table. */
export class DynamoClientsByIds implements Pick<ClientBatchStore, 'clientsByIds'> {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('clients')) {}

  public async clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]> {
    return readClientsByIds(this.client, this.table, partnerId, clientIds);
  }
}

/** The partner's client records among `clientIds` (100 keys a request); another partner's client id finds nothing (its key carries the partner). */
export async function readClientsByIds(client: DynamoDBDocumentClient, table: string, partnerId: string, clientIds: readonly string[]): Promise<Client[]> {
  const items = await batchGetAll(client, table, clientIds.map((clientId) => clientKey(partnerId, clientId)));
  return items.map(toClient);
}
