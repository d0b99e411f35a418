/** Keys and TTL of the `operationConfirmations` table. */

/** Key of a confirmation: the SHA-256 of its token. */
export function confirmationKey(tokenHash: string): { pk: string } {
  return { pk: `CONFIRMATION#${tokenHash}` };
}

/** How long a confirmation is kept after it expires, so that a late use still hears "expired" rather than "unknown". */
const KEPT_AFTER_EXPIRY_S = 24 * 60 * 60;

/** `expiresAtEpoch` (the TTL attribute): epoch seconds a day after the confirmation expires. */
export function confirmationTimeToLive(expiresAt: Date): number {
  return Math.ceil(expiresAt.getTime() / 1000) + KEPT_AFTER_EXPIRY_S;
}
