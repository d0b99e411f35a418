/** Keys of the `partners` table. */

/** Partition key of a partner account. */
export function partnerKey(partnerId: string): { pk: string } {
  return { pk: `PARTNER#${partnerId}` };
}

/** Partition key of the marker that binds a login e-mail to exactly one partner. */
export function partnerEmailKey(email: string): { pk: string } {
  return { pk: `EMAIL#${email.trim().toLowerCase()}` };
}

/** Attribute of a partner item holding a member's last sign-in (apart from the member list, so that recording one never races a team change). */
export function memberSignInAttribute(memberId: string): string {
  return `signedIn:${memberId}`;
}

/** Partition key of a manager's preferences (by the manager's user id, the token's `sub`). */
export function managerPreferencesKey(userId: string): { pk: string } {
  return { pk: `MANAGER#${userId}` };
}
