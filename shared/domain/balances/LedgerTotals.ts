import { add, type Money, subtract, zero } from '../Money';
import type { BillingEvent } from './BillingEvent';

/** What moved on an account over some time (a day, a month, a year...): three sums in one currency. */
export interface LedgerTotals {
  readonly debits: Money;
  readonly deposits: Money;
  readonly withdrawals: Money;
}

/** Nothing moved. */
export function emptyTotals(currency: string): LedgerTotals {
  return { debits: zero(currency), deposits: zero(currency), withdrawals: zero(currency) };
}

/** One event as totals: its amount under its own type, zero under the others. */
export function totalsOf(event: BillingEvent): LedgerTotals {
  const none = zero(event.amount.currency);
  return {
    debits: event.type === 'debit' ? event.amount : none,
    deposits: event.type === 'deposit' ? event.amount : none,
    withdrawals: event.type === 'withdrawal' ? event.amount : none,
  };
}

/** Both totals together. */
export function addTotals(a: LedgerTotals, b: LedgerTotals): LedgerTotals {
  return { debits: add(a.debits, b.debits), deposits: add(a.deposits, b.deposits), withdrawals: add(a.withdrawals, b.withdrawals) };
}

/** How the totals change a balance: deposits in, withdrawals and debits out. */
export function netChange(totals: LedgerTotals): Money {
  return subtract(subtract(totals.deposits, totals.withdrawals), totals.debits);
}
