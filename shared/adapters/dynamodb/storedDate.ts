import * as z from 'zod/mini';

/**
 * A time as items store it, parsed back into a `Date`: exactly the ISO-8601 UTC string
 * `Date.prototype.toISOString` wrote (e.g. `2026-12-01T21:33:48.000Z`), so any other text —
 * another format, an offset, an impossible date — fails the parse. Checked by a round trip rather
 * than zod's ISO regexes, which would add ≈ 1.5 KB to every function's bundle to accept less exactly.
 */
export const isoDate = z.pipe(
  z.string().check(z.refine((value) => isStoredTime(value), 'Expected a time as toISOString writes it')),
  z.transform((value: string) => new Date(value)),
);

function isStoredTime(value: string): boolean {
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}
