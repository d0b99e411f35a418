/**
 * Cloud account ids as the cloud's account service issues them: `acc-` and 20 characters of
 * lower-case letters and digits, e.g. `acc-7f3k9q2m4x8b1n5c6v0z`. Anything else is rejected
 * before the registry is asked.
 */
export const CLOUD_ACCOUNT_ID_PATTERN = /^acc-[0-9a-z]{20}$/;

/** True when `value` has the shape of a cloud account id. */
export function isCloudAccountId(value: string): boolean {
  return CLOUD_ACCOUNT_ID_PATTERN.test(value);
}
