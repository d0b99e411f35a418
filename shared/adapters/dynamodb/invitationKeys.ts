/** Keys and queue values of the `invitations` table. */

/** Key of an invitation item. */
export function invitationKey(invitationId: string): { pk: string } {
  return { pk: `INVITATION#${invitationId}` };
}

/** Key of a token entry: the SHA-256 of a token, pointing at its invitation. */
export function invitationTokenKey(tokenHash: string): { pk: string } {
  return { pk: `TOKEN#${tokenHash}` };
}

/** Values of `dueQueue` (partition of the sparse `due` index; `dueAt` is its sort key). */
export const INVITATION_QUEUES = {
  /** Pending invitations, due at their expiry. */
  expire: 'expire',
  /**
   * Accepted, declined and expired invitations whose partner has not been told yet (the outbox).
   * The stored value keeps its first name, from when only expiry was told: notices queued by a
   * running stack stay readable.
   */
  notifyPartner: 'notifyExpired',
} as const;

/** The index names of the table. */
export const INVITATION_INDEXES = { due: 'due' } as const;
