/** Keys and index attribute values of the `clients` table. */

/** Sort-key prefix of client items: the only items of the table whose changes the change stream's consumer reads. */
export const CLIENT_SORT_PREFIX = 'CLIENT#';

/** Key of a client item: the partner's partition, so a partner can only ever address its own clients. */
export function clientKey(partnerId: string, clientId: string): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: `${CLIENT_SORT_PREFIX}${clientId}` };
}

/** Key of a partner's client counts per status (one item per partner, kept by the change stream's consumer). */
export function clientCountsKey(partnerId: string): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: 'CLIENT_COUNTS' };
}

/** Key of the record of the status a client is counted under in its partner's counts. */
export function countedClientKey(partnerId: string, clientId: string): { pk: string; sk: string } {
  return { pk: `PARTNER#${partnerId}`, sk: `COUNTED#${clientId}` };
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

/** `clientsOfAssignee`: partition of the `byAssignee` index (a partner's clients assigned to one sales member). */
export function partnerAssigneeKey(partnerId: string, memberId: string): string {
  return `${partnerId}#${memberId}`;
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
export const CLIENT_INDEXES = { byPartner: 'byPartner', byPartnerStatus: 'byPartnerStatus', byAssignee: 'byAssignee', byAttention: 'byAttention' } as const;

/**
 * `attentionKey`: sort key of the sparse `byAttention` index, present while the client's invitation
 * is pending: `0#…` when its mail failed (always needs attention), else `1#<expiresAt>` (needs it from
 * 48 hours before the expiry). Every key below `attentionBound(t)` needs attention at `t - 48 h`.
 */
export function attentionKey(mail: string, expiresAt: Date): string {
  return `${mail === 'failed' ? '0' : '1'}#${expiresAt.toISOString()}`;
}

/** The exclusive upper bound of the `byAttention` keys of the invitations failed or expiring before `expiringBefore`. */
export function attentionBound(expiringBefore: Date): string {
  return `1#${expiringBefore.toISOString()}`;
}
