import { randomBytes } from 'node:crypto';

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

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new cloud account id of the documented shape, from the OS CSPRNG (what the cloud issues at sign-up). */
export function newCloudAccountId(random: (size: number) => Uint8Array = randomBytes): string {
  // 252 = 7 × 36: bytes at or above it are dropped so that every character is equally likely.
  let id = '';
  while (id.length < 20) {
    for (const byte of random(32)) {
      if (byte < 252 && id.length < 20) id += ID_ALPHABET[byte % 36];
    }
  }
  return `acc-${id}`;
}
