/** Keys and index attribute values of the `clients` table. */

/** Key of a client item: the partner's partition, so a partner can only ever address its own clients. */
export function clientKey(partnerId: string, clientId: string): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: `CLIENT#${clientId}` };
}

/** Key of the marker naming the partner's one client record for a cloud account. */
export function partnerAccountKey(partnerId: string, accountId: string): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: `ACCOUNT#${accountId}` };
}

/** Key of the marker naming the invitation the partner last sent to an e-mail address (`normalizedEmail`). */
export function partnerInviteeKey(partnerId: string, email: string): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: `INVITEE#${email}` };
}

/** Key of the lock that exists while a cloud account is held (invited, active, blocked) for one partner. */
export function accountLockKey(accountId: string): { pk: string; sk: string } {
  return { pk: `ACCOUNT#${accountId}`, sk: 'PARTNER' };
}

/** `clientsOfStatus`: partition of the `byPartnerStatus` index. */
export function partnerStatusKey(partnerId: string, status: string): string {
  return `${partnerId}#${status}`;
}

/** `listKey`: sort key of both listing indexes (creation time, then id for a stable order). */
export function clientListKey(createdAt: Date, clientId: string): string {
  return `${createdAt.toISOString()}#${clientId}`;
}

/**
 * Key of a search index entry: one partition per partner and indexed prefix (`clientSearch.ts`),
 * its clients newest first by `listKey`, so a search reads one partition page whatever the
 * partner's size.
 */
export function clientSearchKey(partnerId: string, prefix: string, listKey: string): { pk: string; sk: string } {
  return { pk: clientSearchPartition(partnerId, prefix), sk: listKey };
}

/** Partition of the search index entries of one partner's clients with one indexed prefix. */
export function clientSearchPartition(partnerId: string, prefix: string): string {
  return `SEARCH#${partnerId}#${prefix}`;
}

/** The index names of the table. */
export const CLIENT_INDEXES = { byPartner: 'byPartner', byPartnerStatus: 'byPartnerStatus' } as const;
