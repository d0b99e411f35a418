import type { BillingEvent, RejectionReason } from '../domain/balances/BillingEvent';
import type { LedgerTotals } from '../domain/balances/LedgerTotals';
import type { Period } from '../domain/balances/Period';
import type { Money } from '../domain/Money';
import type { MoscowDay } from '../domain/moscowTime';
import type { Page } from './Page';

/** An event on its way into the ledger, with the Moscow day it counts for and when we took it in. */
export interface LedgerPosting {
  readonly event: BillingEvent;
  readonly day: MoscowDay;
  readonly recordedAt: Date;
}

/** What the ledger did with a posting. `temporarily_unavailable`: still busy after retries; send it again. */
export type PostingOutcome =
  | { readonly status: 'recorded' | 'duplicate' }
  | {
      readonly status: 'rejected';
      readonly reason: Extract<RejectionReason, 'currency_mismatch' | 'amount_out_of_range' | 'transaction_id_reused' | 'temporarily_unavailable'>;
    };

/** An account's current balance. */
export interface AccountBalance {
  readonly accountId: string;
  readonly balance: Money;
  /** When the balance last changed (the last recorded event was taken in). */
  readonly asOf: Date;
}

/** Totals of one Moscow day. */
export interface DayTotals extends LedgerTotals {
  readonly day: MoscowDay;
}

/** A deposit or a withdrawal, for the detail list. */
export interface Movement {
  readonly transactionId: string;
  readonly type: 'deposit' | 'withdrawal';
  readonly amount: Money;
  readonly occurredAt: Date;
}

/**
 * Which page of a period's movements to read: at most `limit`, after `cursor` (the `nextCursor` of
 * the page before). A cursor is signed for `boundTo` (who reads, e.g. the partner's client) and the
 * period: any other cursor is `invalid_cursor`.
 */
export interface MovementsPage {
  readonly limit: number;
  readonly cursor?: string;
  readonly boundTo: string;
}

/** What one service charged on one Moscow day. */
export interface ServiceDayDebits {
  readonly service: string;
  readonly day: MoscowDay;
  readonly amount: Money;
}

/** Reading the billing ledger: current balances, rollups and movements (what the balance routes need). */
export interface LedgerQueries {
  /** The current balance, or `undefined` if the account never had an event. */
  balance(accountId: string): Promise<AccountBalance | undefined>;
  /** The current balances of many accounts at once, by account id; accounts that never had an event are absent. */
  balances(accountIds: readonly string[]): Promise<ReadonlyMap<string, AccountBalance>>;
  /** Totals of every day strictly before `day`: their net change is the opening balance of `day`. */
  totalsBefore(accountId: string, day: MoscowDay, currency: string): Promise<LedgerTotals>;
  /** Totals of the days of `period` that had events, by day. */
  dailyTotals(accountId: string, period: Period): Promise<DayTotals[]>;
  /** Deposits and withdrawals of `period`, oldest first, a page at a time. */
  movements(accountId: string, period: Period, page: MovementsPage): Promise<Page<Movement>>;
  /** Debits of `period` by service and day. */
  serviceDebits(accountId: string, period: Period): Promise<ServiceDayDebits[]>;
}

/**
 * The billing ledger of cloud accounts: takes events in exactly once and keeps balances and
 * rollups up to date as it does, so every read costs O(days asked for), not O(transactions).
 */
export interface BalanceLedger extends LedgerQueries {
  /**
   * Records postings as if one after another, each at most once (a repeated `transactionId`
   * changes nothing); one outcome per posting, in order. May write several in one transaction.
   */
  post(postings: readonly LedgerPosting[]): Promise<PostingOutcome[]>;
}
