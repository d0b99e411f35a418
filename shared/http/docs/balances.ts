/** Response schemas and OpenAPI docs of the balance routes (build time only: no route bundles them). */
import * as z from 'zod/mini';
import { REJECTION_REASONS } from '../../domain/balances/BillingEvent';
import { MOSCOW_TIME_ZONE } from '../../domain/moscowTime';
import type { OperationDocs } from '../openapi';
import { billingEventBatch, billingEventInput } from '../schemas/balances';
import { balanceDetailQuery, periodQuery } from '../schemas/periodQuery';
import { idParams } from '../schemas/idParams';
import { money } from './common';

/** What happened to each submitted event, in submission order, and how many of each. */
export const billingEventsResponse = z.object({
  results: z.array(z.object({
    transactionId: z.string(),
    status: z.enum(['recorded', 'duplicate', 'rejected']),
    reason: z.optional(z.enum(REJECTION_REASONS)),
    message: z.optional(z.string()),
  })),
  recorded: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
});

const moscowTime = z.iso.datetime({ offset: true });

/** `GET /clients/{id}/balance`. */
export const balanceView = z.object({ clientId: z.string(), balance: money, asOf: moscowTime });

const totalsView = { debits: money, deposits: money, withdrawals: money };

/** What both period views say first: whose, which days, in which time zone and currency. */
const periodFields = {
  clientId: z.string(),
  /** The first day shown: the `from` asked for, moved to `clientSince` when earlier. */
  from: z.string(),
  to: z.string(),
  /** The Moscow day the client accepted your invitation: billing before it is not yours to see. */
  clientSince: z.string(),
  timeZone: z.literal(MOSCOW_TIME_ZONE),
  currency: z.string(),
};

/** `GET /clients/{id}/balance/detail`: the "Detail" view by Moscow day. */
export const balanceDetailView = z.object({
  ...periodFields,
  opening: money,
  closing: money,
  totals: z.object(totalsView),
  days: z.array(z.object({ day: z.string(), opening: money, ...totalsView, closing: money })),
  movements: z.array(z.object({
    transactionId: z.string(),
    type: z.enum(['deposit', 'withdrawal']),
    amount: money,
    occurredAt: moscowTime,
    day: z.string(),
  })),
  /** The cursor of the next page of movements (`?cursor=`, with the same period); `null` on the last. */
  nextCursor: z.nullable(z.string()),
});

/** `GET /clients/{id}/expenses`: "Expenses on services", most expensive service first. */
export const expensesView = z.object({
  ...periodFields,
  total: money,
  services: z.array(z.object({ service: z.string(), total: money, days: z.array(z.object({ day: z.string(), amount: money })) })),
  days: z.array(z.object({ day: z.string(), total: money })),
});

/** Whose balance a partner sees, said once for the three balance routes. */
const SERVED_ONLY = ' — of active or blocked clients; a client still invited, or declined, cancelled or expired, answers 409 `client_not_active`';

/** What part of the period a partner sees, said once for the two period routes. */
const SINCE_ACCEPTED = '. Only days since the client accepted your invitation (`clientSince`) are shown: an earlier `from` is moved to it, ' +
  'a period that ends before it answers 422 `period_before_client`';

/** What the three balance routes answer about the client itself. */
const BALANCE_ERRORS = ['not_found', 'client_not_active'] as const;

const rub = (amount: number) => ({ amount, currency: 'RUB' });
const CLIENT_ID = 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b';
const PERIOD = { clientId: CLIENT_ID, from: '2026-11-01', to: '2026-11-02', clientSince: '2026-10-15', timeZone: MOSCOW_TIME_ZONE, currency: 'RUB' };

/** OpenAPI docs of the balance routes. */
export const balanceOperations: OperationDocs = {
  'POST /billing-events': {
    summary: 'Record billing events',
    description: 'Record billing events (machine clients with the billing.write scope): one event or `{ events }` with up to 100; ' +
      'each is recorded once by transactionId, a repeat is a `duplicate`, an implausible one is `rejected` with a reason',
    tag: 'Billing', body: z.union([billingEventBatch, billingEventInput]), response: billingEventsResponse,
    success: { 200: 'What happened to each event, in submission order' },
    examples: {
      body: {
        events: [
          { transactionId: 'bill-2026-11-01-000123', accountId: 'acc-7f3k9q2m4x8b1n5c6v0z', type: 'debit', service: 'Compute Cloud', amount: 12_050, currency: 'RUB', occurredAt: '2026-11-01T10:00:00+03:00', resource: 'vm-web-1' },
          { transactionId: 'pay-2026-11-01-000042', accountId: 'acc-7f3k9q2m4x8b1n5c6v0z', type: 'deposit', amount: 500_000, currency: 'RUB', occurredAt: '2026-11-01T12:30:00+03:00' },
        ],
      },
      response: {
        results: [
          { transactionId: 'bill-2026-11-01-000123', status: 'recorded' },
          { transactionId: 'pay-2026-11-01-000042', status: 'duplicate' },
        ],
        recorded: 1, duplicates: 1, rejected: 0,
      },
    },
  },
  'GET /clients/{id}/balance': {
    params: idParams,
    summary: "A client's balance",
    description: `A client's current balance${SERVED_ONLY}`,
    tag: 'Balances', response: balanceView, success: { 200: 'The balance now' },
    examples: { response: { clientId: CLIENT_ID, balance: rub(487_950), asOf: '2026-12-01T12:30:00.000+03:00' } },
    errors: BALANCE_ERRORS,
  },
  'GET /clients/{id}/balance/detail': {
    params: idParams,
    summary: 'Balance detail per Moscow day',
    description: '"Detail": opening, debits, deposits, withdrawals and closing per Moscow day of [from, to] (at most 366 days, ' +
      'every day on every page), and a page of the deposits and withdrawals with times in +03:00, oldest first (`limit` 1–500, ' +
      `default 100; \`nextCursor\` fetches the next page of the same client and period)${SINCE_ACCEPTED}${SERVED_ONLY}`,
    tag: 'Balances', query: balanceDetailQuery, response: balanceDetailView, success: { 200: 'The period day by day, and a page of its movements' },
    examples: {
      response: {
        ...PERIOD, opening: rub(0), closing: rub(487_950),
        totals: { debits: rub(12_050), deposits: rub(500_000), withdrawals: rub(0) },
        days: [
          { day: '2026-11-01', opening: rub(0), debits: rub(12_050), deposits: rub(500_000), withdrawals: rub(0), closing: rub(487_950) },
          { day: '2026-11-02', opening: rub(487_950), debits: rub(0), deposits: rub(0), withdrawals: rub(0), closing: rub(487_950) },
        ],
        movements: [{ transactionId: 'pay-2026-11-01-000042', type: 'deposit', amount: rub(500_000), occurredAt: '2026-11-01T12:30:00.000+03:00', day: '2026-11-01' }],
        nextCursor: null,
      },
    },
    errors: [...BALANCE_ERRORS, 'period_before_client'],
  },
  'GET /clients/{id}/expenses': {
    params: idParams,
    summary: 'Expenses on services',
    description: `"Expenses on services": debits of [from, to] (Moscow days, at most 366) per service, most expensive first, and per day${SINCE_ACCEPTED}${SERVED_ONLY}`,
    tag: 'Balances', query: periodQuery, response: expensesView, success: { 200: 'The debits of the period per service and per day' },
    examples: {
      response: {
        ...PERIOD, total: rub(12_050),
        services: [{ service: 'Compute Cloud', total: rub(12_050), days: [{ day: '2026-11-01', amount: rub(12_050) }] }],
        days: [{ day: '2026-11-01', total: rub(12_050) }, { day: '2026-11-02', total: rub(0) }],
      },
    },
    errors: [...BALANCE_ERRORS, 'period_before_client'],
  },
};
