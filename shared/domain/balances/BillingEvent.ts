import type { Money } from '../Money';

/** What a billing event does to a balance: a service charge, money paid in, or money paid out. */
export const BILLING_EVENT_TYPES = ['debit', 'deposit', 'withdrawal'] as const;

/** One of `BILLING_EVENT_TYPES`. */
export type BillingEventType = (typeof BILLING_EVENT_TYPES)[number];

/**
 * One movement of money on a cloud account, as the cloud's billing reports it. Keyed by the cloud
 * `accountId` (not by client: an account has billing whichever partner it is attached to).
 */
export interface BillingEvent {
  /** Unique per event across the cloud; re-sending it changes nothing. */
  readonly transactionId: string;
  readonly accountId: string;
  readonly type: BillingEventType;
  /** Always positive: the type says in which direction it moves the balance. */
  readonly amount: Money;
  readonly occurredAt: Date;
  /** The charged service (`compute`, `storage`...): required for debits. */
  readonly service?: string;
  /** The charged resource, e.g. a VM id. */
  readonly resource?: string;
}

/** Largest single event, in minor units (10 billion roubles): keeps every sum a safe integer. */
export const MAX_EVENT_AMOUNT = 1_000_000_000_000;

/**
 * Largest magnitude of an account's balance and of any of its ledger totals, in minor units (one
 * trillion roubles): far beyond any real account, and sums of a century of yearly totals stay safe
 * integers. An event that would pass it is rejected, so every amount the ledger stores reads back exactly.
 */
export const MAX_LEDGER_AMOUNT = 100_000_000_000_000;

/** How far in the future an event may be dated (clock skew between billing and us). */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/** Why an event was not recorded; the caller may fix and resend it (or, when busy, just resend it). */
export const REJECTION_REASONS = [
  'invalid_event', 'occurred_in_future', 'currency_mismatch', 'amount_out_of_range', 'transaction_id_reused', 'temporarily_unavailable',
] as const;

/** A stable reason code for a rejected event. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** What each rejection reason means, in words. */
export const REJECTION_MESSAGES: Readonly<Record<RejectionReason, string>> = {
  invalid_event: 'The amount must be a positive whole number of minor units, and a debit needs a service',
  occurred_in_future: 'The event is dated in the future',
  currency_mismatch: "The event's currency differs from the currency of the account's balance",
  amount_out_of_range: `The event would take the account's balance or a total of its ledger beyond ${MAX_LEDGER_AMOUNT} minor units`,
  transaction_id_reused: 'This transactionId was already recorded with different content',
  temporarily_unavailable: 'The ledger is busy; resend this event (it will not be counted twice)',
};

/** What happened to one submitted event. */
export type RecordResult =
  | { readonly transactionId: string; readonly status: 'recorded' | 'duplicate' }
  | { readonly transactionId: string; readonly status: 'rejected'; readonly reason: RejectionReason; readonly message: string };

/** Whether the event is well formed and plausible now; the reason when it is not. */
export function billingEventProblem(event: BillingEvent, now: Date): RejectionReason | undefined {
  const { amount } = event.amount;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_EVENT_AMOUNT) return 'invalid_event';
  if (event.type === 'debit' && !event.service) return 'invalid_event';
  if (event.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return 'occurred_in_future';
  return undefined;
}

/** The same event always gives the same fingerprint; any different content gives another one. */
export function billingEventFingerprint(event: BillingEvent): string {
  return JSON.stringify([
    event.transactionId, event.accountId, event.type, event.amount.amount, event.amount.currency,
    event.occurredAt.toISOString(), event.service ?? null, event.resource ?? null,
  ]);
}
