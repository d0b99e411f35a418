import * as z from 'zod/mini';

/** A trimmed, non-empty string of at most `max` characters. */
export function text(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
}

/** An e-mail address, trimmed and lower-cased (addresses are compared case-insensitively). */
export const email = z.pipe(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  z.email(),
);

/** A phone number in international format; spaces, dashes and brackets are dropped: `+7 (495) 123-45-67` → `+74951234567`. */
export const phone = z.pipe(
  z.string().check(z.maxLength(32), z.overwrite((value) => value.replace(/[\s\-().]/g, ''))),
  z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Expected an international phone number like +74951234567')),
);

/** Page size: 1–100, default 20. */
export const limit = z._default(
  z.pipe(
    z.string().check(z.regex(/^\d{1,3}$/, 'Expected a whole number from 1 to 100')),
    z.pipe(z.transform((value: string) => Number(value)), z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  ),
  20,
);

/** An opaque cursor from a previous page. */
export const cursor = z.optional(z.string().check(z.minLength(1), z.maxLength(2048)));

/** A path parameter holding an entity id. */
export const idParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) });

/** The documented error response; `requestId` is also the response's `x-request-id` header. */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string(),
  }),
});

/** An amount of money: `amount` in minor units (kopecks) and an ISO 4217 currency. */
export const money = z.object({ amount: z.number().check(z.int()), currency: z.string() });
