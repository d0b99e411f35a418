/** Keys of the `rateLimits` table. */

/** Key of the counter of `key` in the fixed window that starts at `windowStart`. */
export function rateLimitKey(key: string, windowStart: Date): { pk: string } {
  return { pk: `${key}#${windowStart.toISOString()}` };
}
