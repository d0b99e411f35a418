/** Response schemas several routes' docs share (build time only). */
import * as z from 'zod/mini';

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

/** A page of a listing: its items and the cursor of the next page (`null` on the last). */
export function pageOf(item: z.ZodMiniType) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** A client an entry mentions, named as stored now (in the same answer, so a console never asks per client); `null` for no client or one whose record is gone. */
export const namedClient = z.nullable(z.object({ name: z.nullable(z.string()), email: z.string() }));
