/** Keys of the `departmentIndex` table. */
import type { PartnerState } from '../../domain/partners/PartnerStanding';

/** Sort key of every listing entry: creation time, then id (newest first when read backwards). */
export function partnerListKey(createdAt: Date, partnerId: string): string {
  return `${createdAt.toISOString()}#${partnerId}`;
}

/** Partition of the listing of every partner. */
export const ALL_PARTNERS = 'PARTNERS';

/** Partition of the listing of the partners in one state. */
export function partnersInState(state: PartnerState): string {
  return `PARTNERS#${state}`;
}

/** Partition of the search entries of one indexed prefix (`clientSearch.ts` prefixes of `partnerSearchTerms`). */
export function partnerSearchPartition(prefix: string): string {
  return `SEARCH#${prefix}`;
}

/** Partition of the work queue of ended partnerships whose clients and logins are still being closed. */
export const ENDING_PARTNERS = 'ENDING';

/** Key of a partner's place in the ending queue. */
export function endingKey(partnerId: string): { pk: string; sk: string } {
  return { pk: ENDING_PARTNERS, sk: partnerId };
}

/** Partition of the search entries of applications with one indexed prefix of their company name or e-mail. */
export function applicationSearchPartition(prefix: string): string {
  return `APPSEARCH#${prefix}`;
}

/** Partition of the applications one manager holds. */
export function heldApplicationsPartition(managerId: string): string {
  return `ASSIGNED#${managerId}`;
}

/** Sort key of an application's entries: creation time, then id (newest first when read backwards). */
export function applicationListKey(createdAt: Date, applicationId: string): string {
  return `${createdAt.toISOString()}#${applicationId}`;
}
