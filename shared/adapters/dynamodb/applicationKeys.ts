/** Keys and attribute values of the `applications` table. */

/** Partition key of an application item. */
export function applicationKey(id: string): { pk: string } {
  return { pk: `APPLICATION#${id}` };
}

/** Partition key of the de-duplication marker of a form fingerprint. */
export function fingerprintKey(fingerprint: string): { pk: string } {
  return { pk: `FINGERPRINT#${fingerprint}` };
}

/** Value of `kind` on application items (partition of the `byCreatedAt` index). */
export const APPLICATION_KIND = 'application';

/** Value of `awaiting` while an application waits for a manager (partition of `awaitingContact`). */
export const AWAITING_CONTACT = 'contact';

/** Value of `noticeQueue` while a notice waits to be sent (partition of `pendingNotices`). */
export const NOTICE_QUEUE = 'notices';

/** The index names of the table. */
export const APPLICATION_INDEXES = {
  byStatus: 'byStatus',
  byCreatedAt: 'byCreatedAt',
  awaitingContact: 'awaitingContact',
  pendingNotices: 'pendingNotices',
} as const;
