/**
 * Request schemas of the balance routes: billing ingestion (`POST /billing-events`), a client's balance,
 * "Detail" and "Expenses on services". Money is `{ amount, currency }` with `amount` in minor units
 * (kopecks); days are Moscow calendar days `YYYY-MM-DD`; times carry the Moscow offset (+03:00).
 */
import * as z from 'zod/mini';
import { type BillingEvent, MAX_EVENT_AMOUNT } from '../../domain/balances/BillingEvent';
import { CLOUD_ACCOUNT_ID_PATTERN } from '../../domain/clients/cloudAccountId';
import { money as moneyOf } from '../../domain/Money';
import { text } from './freeText';
import { isoInstant } from './isoInstant';

/** Most events in one `POST /billing-events`. */
export const MAX_EVENTS_PER_REQUEST = 100;

const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as RUB'));

/** Fields every billing event has. */
const eventFields = {
  transactionId: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Expected 1–128 letters, digits, or . _ : -')),
  accountId: z.string().check(z.regex(CLOUD_ACCOUNT_ID_PATTERN, 'Expected a cloud account id like acc-7f3k9q2m4x8b1n5c6v0z')),
  amount: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_EVENT_AMOUNT)),
  currency,
  occurredAt: isoInstant,
  resource: z.optional(text(256)),
};

/** One billing event: a debit names the charged service; deposits and withdrawals do not. */
export const billingEventInput = z.discriminatedUnion('type', [
  z.strictObject({ ...eventFields, type: z.literal('debit'), service: text(100) }),
  z.strictObject({ ...eventFields, type: z.enum(['deposit', 'withdrawal']) }),
]);

/** A batch of billing events. */
export const billingEventBatch = z.strictObject({
  events: z.array(billingEventInput).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_REQUEST)),
});

/**
 * Body of `POST /billing-events`: one event, or `{ "events": [...] }` with 1–100 events. A single
 * event is taken as a batch of one (so its validation issues are reported under `body.events.0`).
 * For documentation, the accepted shapes are `billingEventInput` and `billingEventBatch`.
 */
export const billingEventsBody = z.pipe(
  z.transform((body: unknown) => (typeof body === 'object' && body !== null && 'events' in body ? body : { events: [body] })),
  billingEventBatch,
);

/** A validated event in domain terms. */
export function toBillingEvent(input: z.infer<typeof billingEventInput>): BillingEvent {
  return {
    transactionId: input.transactionId,
    accountId: input.accountId,
    type: input.type,
    amount: moneyOf(input.amount, input.currency),
    occurredAt: new Date(input.occurredAt),
    ...(input.type === 'debit' && { service: input.service }),
    ...(input.resource !== undefined && { resource: input.resource }),
  };
}
