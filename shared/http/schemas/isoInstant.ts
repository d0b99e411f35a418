import * as z from 'zod/mini';

/**
 * An instant in ISO-8601 with an offset whose UTC year is 1–9999: `9999-12-31T23:00:00-05:00` is in
 * the year 10000 in UTC, which has no four-digit ISO form (stored keys and comparisons would break).
 */
export const isoInstant = z.iso.datetime({ offset: true }).check(
  z.refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, 'Expected an instant whose UTC year is between 0001 and 9999'),
);
