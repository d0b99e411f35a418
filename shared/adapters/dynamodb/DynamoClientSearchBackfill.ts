import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Client } from '../../domain/clients/Client';
import type { ClientSearchBackfill } from '../../ports/ClientRepository';
import { toClient } from './clientItems';
import { CLIENT_SORT_PREFIX } from './clientKeys';
import { decodeCursor, encodeCursor } from './cursor';
import { DynamoClientIndex } from './DynamoClientIndex';

/** The backfill of the search index and the counts on DynamoDB: only the one-off `backfillClientSearch` job bundles it. */
export class DynamoClientSearchBackfill extends DynamoClientIndex implements ClientSearchBackfill {
  public async storedClients(cursor: string | undefined, limit: number): Promise<{ clients: Client[]; cursor?: string }> {
    // The one Scan of the code base: a one-off backfill over every partner's clients, never a request path.
    const result = await this.client.send(new ScanCommand({
      TableName: this.tables.clients,
      FilterExpression: 'begins_with(sk, :client)',
      ExpressionAttributeValues: { ':client': CLIENT_SORT_PREFIX },
      Limit: limit,
      ExclusiveStartKey: await decodeCursor(cursor, ['pk', 'sk'], 'clients-backfill'),
    }));
    const next = await encodeCursor(result.LastEvaluatedKey, 'clients-backfill');
    return { clients: (result.Items ?? []).map(toClient), ...(next && { cursor: next }) };
  }
}
