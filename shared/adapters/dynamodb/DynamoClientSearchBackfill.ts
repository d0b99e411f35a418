import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientSearchBackfill } from '../../ports/ClientRepository';
import { batchPutAll } from './batchCalls';
import { searchEntriesOf } from './clientChangeTransaction';
import { toClient } from './clientItems';
import { clientKey } from './clientKeys';
import { decodeCursor, encodeCursor } from './cursor';
import { DynamoClientQueries } from './DynamoClientQueries';

/** The backfill of the client search index on DynamoDB: only the one-off `backfillClientSearch` job bundles it. */
export class DynamoClientSearchBackfill extends DynamoClientQueries implements ClientSearchBackfill {
  public async indexForSearch(cursor: string | undefined, limit: number): Promise<{ indexed: number; cursor?: string }> {
    // The one Scan of the code base: a one-off backfill over every partner's clients, never a request path.
    const result = await this.client.send(new ScanCommand({
      TableName: this.tables.clients,
      FilterExpression: 'begins_with(sk, :client)',
      ExpressionAttributeValues: { ':client': clientKey('', '').sk },
      Limit: limit,
      ExclusiveStartKey: await decodeCursor(cursor, ['pk', 'sk'], 'clients-backfill'),
    }));
    const clients = (result.Items ?? []).map(toClient);
    await batchPutAll(this.client, this.tables.clients, clients.flatMap(searchEntriesOf));
    const next = await encodeCursor(result.LastEvaluatedKey, 'clients-backfill');
    return { indexed: clients.length, ...(next && { cursor: next }) };
  }
}
