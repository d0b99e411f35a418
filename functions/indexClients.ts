import type { DynamoDBStreamEvent } from 'aws-lambda';
import { clientIndex } from '../shared/adapters/compositionRoot';
import { clientChangesOf } from '../shared/adapters/dynamodb/clientStreamRecords';
import { indexClientChanges } from '../shared/domain/clients/indexClients';

/**
 * The clients table's change stream consumer: keeps the search index and each partner's counts per
 * status in step with the clients. A failure throws: the event source mapping bisects the batch and
 * retries it (replays change nothing), then sends what still fails to the failure destination.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<{ reindexed: number; recounted: number }> {
  return indexClientChanges(clientIndex(), clientChangesOf(event.Records));
}
