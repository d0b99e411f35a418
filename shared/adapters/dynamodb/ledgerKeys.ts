/**
 * Keys of the `ledger` table. One partition per cloud account holds its balance and every rollup,
 * told apart by sort-key prefix; sort keys of one kind sort chronologically, so any period is one
 * range query. Transaction markers live in their own partitions (one per `transactionId`).
 */
import type { CalendarMonth, CalendarYear } from '../../domain/balances/calendarBuckets';
import type { MoscowDay } from '../../domain/moscowTime';

/** A full key of the table (a type, not an interface, so that it passes where the SDK wants a record). */
export type LedgerKey = {
  readonly pk: string;
  readonly sk: string;
};

/** An inclusive sort-key range inside one account's partition (for `pk = :pk AND sk BETWEEN :from AND :to`). */
export interface LedgerRange {
  readonly pk: string;
  readonly from: string;
  readonly to: string;
}

/** Partition of everything about one cloud account. */
export function accountPartition(accountId: string): string {
  return `ACCOUNT#${accountId}`;
}

/** The account's current balance. */
export function balanceKey(accountId: string): LedgerKey {
  return { pk: accountPartition(accountId), sk: 'BALANCE' };
}

/** Totals of one Moscow day. */
export function dayKey(accountId: string, day: MoscowDay): LedgerKey {
  return { pk: accountPartition(accountId), sk: `DAY#${day}` };
}

/** Totals of one calendar month (of Moscow days). */
export function monthKey(accountId: string, month: CalendarMonth): LedgerKey {
  return { pk: accountPartition(accountId), sk: `MONTH#${month}` };
}

/** Totals of one calendar year (of Moscow days). */
export function yearKey(accountId: string, year: CalendarYear): LedgerKey {
  return { pk: accountPartition(accountId), sk: `YEAR#${year}` };
}

/** What one service charged on one Moscow day. */
export function serviceDayKey(accountId: string, day: MoscowDay, service: string): LedgerKey {
  return { pk: accountPartition(accountId), sk: `SERVICE#${day}#${service}` };
}

/** One deposit or withdrawal, ordered by the instant it occurred (UTC ISO strings sort chronologically). */
export function movementKey(accountId: string, occurredAt: Date, transactionId: string): LedgerKey {
  return { pk: accountPartition(accountId), sk: `MOVEMENT#${occurredAt.toISOString()}#${transactionId}` };
}

/** The marker that a transaction was recorded. */
export function transactionKey(transactionId: string): LedgerKey {
  return { pk: `TRANSACTION#${transactionId}`, sk: 'TRANSACTION' };
}

/** Day totals from `from` to `to`, both included. */
export function dayRange(accountId: string, from: MoscowDay, to: MoscowDay): LedgerRange {
  return { pk: accountPartition(accountId), from: dayKey(accountId, from).sk, to: dayKey(accountId, to).sk };
}

/** Month totals from `from` to `to`, both included. */
export function monthRange(accountId: string, from: CalendarMonth, to: CalendarMonth): LedgerRange {
  return { pk: accountPartition(accountId), from: monthKey(accountId, from).sk, to: monthKey(accountId, to).sk };
}

/** Year totals of every year before `year` (none before year 0). */
export function yearsBeforeRange(accountId: string, year: CalendarYear): LedgerRange | undefined {
  const previous = Number(year) - 1;
  if (previous < 0) return undefined;
  return { pk: accountPartition(accountId), from: yearKey(accountId, '0000').sk, to: yearKey(accountId, String(previous).padStart(4, '0')).sk };
}

/** Per-service debits of the days from `from` to `to`, both included. */
export function serviceDayRange(accountId: string, from: MoscowDay, to: MoscowDay): LedgerRange {
  // Items are `SERVICE#<day>#<service>`: `SERVICE#<to>#` + U+FFFF is above every service of `to`.
  return { pk: accountPartition(accountId), from: `SERVICE#${from}#`, to: `SERVICE#${to}#\uffff` };
}

/** Deposits and withdrawals that occurred in `[start, end)`. */
export function movementRange(accountId: string, start: Date, end: Date): LedgerRange {
  // `MOVEMENT#<instant>#<id>` sorts after `MOVEMENT#<instant>`: the lower bound includes events at
  // `start`, the upper bound excludes events at exactly `end` (they belong to the next day).
  return { pk: accountPartition(accountId), from: `MOVEMENT#${start.toISOString()}`, to: `MOVEMENT#${end.toISOString()}` };
}

/** Index names of the table. */
export const LEDGER_INDEXES = { byPartnerBalance: 'byPartnerBalance' } as const;
