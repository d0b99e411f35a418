/** Keys and queue values of the `clientFollowUps` table. */

/** Key of a follow-up (its id is the audit entry id of the change it follows). */
export function followUpKey(followUpId: string): { pk: string } {
  return { pk: `FOLLOWUP#${followUpId}` };
}

/** `dueQueue` of every stored follow-up: partition of the `due` index (`dueAt` is its sort key). */
export const FOLLOW_UP_QUEUE = 'owed';

/** The index names of the table. */
export const FOLLOW_UP_INDEXES = { due: 'due' } as const;
