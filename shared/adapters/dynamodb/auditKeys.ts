/** Keys of the `audit` table. */

/** Partition of a partner's audit trail. */
export function auditPartitionKey(partnerId: string): string {
  return `PARTNER#${partnerId}`;
}

/** Key of an audit entry: sorted by time, then id. */
export function auditKey(partnerId: string, at: Date, auditId: string): { pk: string; sk: string } {
  return { pk: auditPartitionKey(partnerId), sk: `${at.toISOString()}#${auditId}` };
}

/** Key of an entry of what managers did to a partner (suspend, resume, end): its own partition, sorted by time, then id. */
export function partnerAuditKey(partnerId: string, at: Date, auditId: string): { pk: string; sk: string } {
  return { pk: partnerAuditPartition(partnerId), sk: `${at.toISOString()}#${auditId}` };
}

/** Partition of what managers did to a partner (apart from the partner's own trail of its clients). */
export function partnerAuditPartition(partnerId: string): string {
  return `MANAGED#${partnerId}`;
}

/** `partnerClient`: partition of the `byClient` index. */
export function auditClientKey(partnerId: string, clientId: string): string {
  return `${partnerId}#${clientId}`;
}

/** `partnerActor`: partition of the `byActor` index (a partner's entries by the member who acted). */
export function auditActorKey(partnerId: string, memberId: string): string {
  return `${partnerId}#${memberId}`;
}

/**
 * Sort-key bounds for a period `[from, to)`: `at#id` sorts after `from` when `at` ≥ `from` and
 * before `to` only when `at` < `to` (ISO-8601 UTC strings sort like the instants they name).
 */
export function auditPeriodBounds(from: Date | undefined, to: Date | undefined): { lower: string; upper: string } {
  return { lower: from?.toISOString() ?? '0000', upper: to?.toISOString() ?? '9999' };
}

/** The index names of the table. */
export const AUDIT_INDEXES = { byClient: 'byClient', byActor: 'byActor' } as const;
