import * as z from 'zod/mini';

/** A time as items store it (ISO-8601 UTC string), parsed back into a `Date`. */
export const isoDate = z.pipe(z.iso.datetime(), z.transform((value: string) => new Date(value)));
