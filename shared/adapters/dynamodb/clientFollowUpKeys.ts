/** Keys, references and queue values of the `clientFollowUps` table. */

/**
 * Key of a stored group of follow-ups: the follow-ups of one transaction, named after the first
 * one's id (an audit entry id, so never reused).
 */
export function followUpGroupKey(groupId: string): { pk: string } {
  return { pk: `FOLLOWUPS#${groupId}` };
}

/** Where a follow-up is stored: its group, and how many follow-ups the group held when it was written or read. */
export interface FollowUpGroupRef {
  readonly groupId: string;
  readonly size: number;
}

/**
 * The opaque `storedIn` the store hands out with a follow-up. It carries the group's size so that
 * completing a whole group is a plain delete, without reading the group first.
 *
 * @example
 * followUpGroupRef({ groupId: 'aud_1', size: 49 }); // 'aud_1/49'
 */
export function followUpGroupRef(ref: FollowUpGroupRef): string {
  return `${ref.groupId}/${ref.size}`;
}

/** Reads back a `storedIn` made by `followUpGroupRef`. */
export function parseFollowUpGroupRef(storedIn: string): FollowUpGroupRef {
  const at = storedIn.lastIndexOf('/');
  const size = Number(storedIn.slice(at + 1));
  if (at <= 0 || !Number.isInteger(size) || size < 1) throw new Error(`not a follow-up group reference: ${storedIn}`);
  return { groupId: storedIn.slice(0, at), size };
}

/** `dueQueue` of every stored group: partition of the `due` index (`dueAt` is its sort key). */
export const FOLLOW_UP_QUEUE = 'owed';

/** The index names of the table. */
export const FOLLOW_UP_INDEXES = { due: 'due' } as const;
