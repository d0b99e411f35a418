/**
 * The cloud's register of accounts. In production this is the cloud's account service; partnerdesk
 * keeps the registered accounts in its `cloudAccounts` table (fed by that service, seeded locally),
 * so the adapter is a DynamoDB read.
 */
export interface CloudAccountRegistry {
  /** True when a cloud account with this id is registered. */
  exists(accountId: string): Promise<boolean>;
}
