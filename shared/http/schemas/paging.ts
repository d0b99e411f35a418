/** The paging of every listing: page size and the opaque cursor of the next page. */
import * as z from 'zod/mini';

/** A page size from the query: a whole number 1–`max`, `fallback` when absent. */
export function pageSize(max: number, fallback: number) {
  return z._default(
    z.pipe(
      z.string().check(z.regex(/^\d{1,4}$/, `Expected a whole number from 1 to ${max}`)),
      z.pipe(z.transform((value: string) => Number(value)), z.number().check(z.int(), z.minimum(1), z.maximum(max))),
    ),
    fallback,
  );
}

/** Page size of the listings: 1–100, default 20. */
export const limit = pageSize(100, 20);

/** An opaque cursor from a previous page. */
export const cursor = z.optional(z.string().check(z.minLength(1), z.maxLength(2048)));
