/** Keys of the `cloudAccounts` table. */

/** Key of a registered cloud account. */
export function cloudAccountKey(accountId: string): { pk: string } {
  return { pk: `ACCOUNT#${accountId}` };
}

/** Key of the item naming the cloud account a console user owns. */
export function accountOwnerKey(userId: string): { pk: string } {
  return { pk: `OWNER#${userId}` };
}
