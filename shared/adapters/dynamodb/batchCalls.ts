import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's limit of keys per `BatchGetItem`. */
export const BATCH_GET_KEYS = 100;

/** Rounds of retrying what a batch call left unprocessed (throttling) before giving up. */
export const UNPROCESSED_ROUNDS = 8;

/** `items` in slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** Back-off before retry round `round` of unprocessed batch entries: 50 ms doubling, at most 1 s. */
export function pause(round: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
}

/** Only these attributes of each item (`ProjectionExpression`, with names for reserved words such as `name`). */
export interface Projection {
  readonly ProjectionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
}

/**
 * Strongly consistent `BatchGetItem` of any number of keys of one table (100 per call), retrying
 * what DynamoDB left unprocessed; the items found (whole, or the projection's attributes), in no particular order.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  table: string,
  keys: ReadonlyArray<Record<string, unknown>>,
  projection?: Projection,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for (const chunk of chunks(keys, BATCH_GET_KEYS)) {
    let pending: Array<Record<string, unknown>> = chunk;
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= UNPROCESSED_ROUNDS) throw new Error(`${pending.length} keys of ${table} stayed unprocessed`);
      if (round > 0) await pause(round);
      const result = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...projection } } }));
      items.push(...(result.Responses?.[table] ?? []));
      pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return items;
}

/** Most put or delete requests in one BatchWriteItem. */
export const BATCH_WRITE_ITEMS = 25;

/** One request of a `BatchWriteItem`: put an item, or delete one by its key. */
export type WriteRequest = { readonly PutRequest: { Item: Record<string, unknown> } } | { readonly DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Sends every put and delete (idempotent ones only: no conditions), 25 a request, retrying what
 * DynamoDB leaves unprocessed. No two requests may name the same key.
 */
export async function batchWriteAll(client: DynamoDBDocumentClient, table: string, requests: readonly WriteRequest[]): Promise<void> {
  for (const chunk of chunks(requests, BATCH_WRITE_ITEMS)) {
    let pending: WriteRequest[] = chunk;
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= UNPROCESSED_ROUNDS) throw new Error(`${pending.length} writes to ${table} stayed unprocessed`);
      if (round > 0) await pause(round);
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []).flatMap((request): WriteRequest[] => {
        if (request.PutRequest?.Item) return [{ PutRequest: { Item: request.PutRequest.Item } }];
        return request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [];
      });
    }
  }
}

/** Puts every item (idempotent puts only), 25 a request, retrying what DynamoDB leaves unprocessed. */
export async function batchPutAll(client: DynamoDBDocumentClient, table: string, items: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  await batchWriteAll(client, table, items.map((Item) => ({ PutRequest: { Item } })));
}
