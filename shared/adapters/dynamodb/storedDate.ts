import * as z from 'zod/mini';

/**
 * A time as items store it, parsed back into a `Date`: exactly the ISO-8601 UTC string
 * `Date.prototype.toISOString` wrote (e.g. `2026-12-01T21:33:48.000Z`), so any other text —
 * another format, an offset, an impossible date — fails the parse. Checked by a round trip in the
 * transform rather than by zod's ISO regexes, which would add ≈ 1.5 KB to every function's bundle
 * to accept less exactly.
 */
export const isoDate = z.pipe(
  z.string(),
  z.transform((value: string, payload) => {
    const time = new Date(value);
    if (Number.isNaN(time.getTime()) || time.toISOString() !== value) {
      payload.issues.push({ code: 'custom', message: 'Expected a time as toISOString writes it', input: value });
    }
    return time;
  }),
);

/** A stored time that may be absent. */
export const optionalIsoDate = z.optional(isoDate);
