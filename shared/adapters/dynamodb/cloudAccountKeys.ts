/** Keys of the `cloudAccounts` table. */

/** Key of a registered cloud account. */
export function cloudAccountKey(accountId: string): { pk: string } {
  return { pk: `ACCOUNT#${accountId}` };
}
