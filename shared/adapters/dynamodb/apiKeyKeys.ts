/** Keys of the `apiKeys` table. */

/** Partition key of an API key. */
export function apiKeyKey(keyId: string): { pk: string } {
  return { pk: `KEY#${keyId}` };
}

/** The `byPartner` index's partition value: the keys of one partner. */
export function keysOfPartner(partnerId: string): string {
  return partnerId;
}
