/** Keys of the `webhooks` table. */

/** Partition key of everything webhook of one partner. */
export function webhookPartitionKey(partnerId: string): string {
  return `PARTNER#${partnerId}`;
}

/** Key of an endpoint. */
export function webhookEndpointKey(partnerId: string, endpointId: string): { pk: string; sk: string } {
  return { pk: webhookPartitionKey(partnerId), sk: `ENDPOINT#${endpointId}` };
}

/** Sort-key prefix of every endpoint of a partner. */
export const ENDPOINT_SORT_PREFIX = 'ENDPOINT#';

/** Sort-key prefix of one endpoint's delivery log (attempts sort by time after it). */
export function attemptSortPrefix(endpointId: string): string {
  return `ATTEMPT#${endpointId}#`;
}

/** Key of one logged attempt. */
export function attemptKey(partnerId: string, endpointId: string, at: Date, messageId: string, attempt: number): { pk: string; sk: string } {
  return { pk: webhookPartitionKey(partnerId), sk: `${attemptSortPrefix(endpointId)}${at.toISOString()}#${messageId}#${attempt}` };
}
