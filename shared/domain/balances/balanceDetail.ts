import { add, type Money } from '../Money';
import { eachMoscowDay, type MoscowDay, moscowDay } from '../moscowTime';
import type { DayTotals, Movement } from '../../ports/BalanceLedger';
import { type BalanceDeps, DEFAULT_CURRENCY } from './BalanceDeps';
import { addTotals, emptyTotals, type LedgerTotals, netChange } from './LedgerTotals';
import { type Period, servedPart } from './Period';
import { visibleClientAccount } from './visibleClientAccount';

/** One Moscow day of the "Detail" view. `closing` of a day is the `opening` of the next. */
export interface DayDetail extends LedgerTotals {
  readonly day: MoscowDay;
  readonly opening: Money;
  readonly closing: Money;
}

/** The "Detail" view of a client's balance over a period. */
export interface BalanceDetail {
  readonly clientId: string;
  /** The period shown: the one asked for, its start moved to `clientSince` when earlier. */
  readonly period: Period;
  /** The first Moscow day of the partner's service of the account: nothing before it is shown. */
  readonly clientSince: MoscowDay;
  readonly opening: Money;
  readonly closing: Money;
  readonly totals: LedgerTotals;
  /** Every day of the period, quiet days included. */
  readonly days: DayDetail[];
  /** One page of the deposits and withdrawals of the period, oldest first. */
  readonly movements: readonly Movement[];
  /** The cursor of the next page of movements; absent on the last. */
  readonly nextCursor?: string;
}

/** Which page of movements to show: at most `limit`, after `cursor`. */
export interface MovementsRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * "Detail": a partner's client's balance day by day (Moscow days).
 *
 * Input: partner, client, a checked period, which page of movements. Output: opening/closing and
 * totals per day (every day of the period, on every page), and a page of the deposits and
 * withdrawals of the period with the cursor of the next (bound to this client and period).
 * 1. Resolve the client to its cloud account (not found unless the partner's own active or blocked client)
 *    and keep only the part of the period since the partner has served it (`servedPart`).
 * 2. The opening balance of the period is the net change of everything before `from`, read from
 *    year/month/day rollups (see `calendarBuckets.ts`): O(years + 41) items.
 * 3. Day totals of the period (O(days) items) and a page of its movements (O(limit) items).
 * 4. Walk the days: closing = opening + deposits − withdrawals − debits; next opening = closing.
 */
export async function balanceDetail(
  deps: BalanceDeps,
  partnerId: string,
  clientId: string,
  requested: Period,
  page: MovementsRequest,
): Promise<BalanceDetail> {
  const client = await visibleClientAccount(deps.clients, partnerId, clientId);
  const period = servedPart(requested, client.servedSince);
  const currency = (await deps.ledger.balance(client.accountId))?.balance.currency ?? DEFAULT_CURRENCY;
  const [before, dayTotals, movements] = await Promise.all([
    deps.ledger.totalsBefore(client.accountId, period.from, currency),
    deps.ledger.dailyTotals(client.accountId, period),
    deps.ledger.movements(client.accountId, period, { ...page, boundTo: `${partnerId}/${clientId}` }),
  ]);
  const days = dailyDetail(netChange(before), dayTotals, period);
  return {
    clientId,
    period,
    clientSince: moscowDay(client.servedSince),
    opening: days[0]!.opening,
    closing: days.at(-1)!.closing,
    totals: days.reduce<LedgerTotals>(addTotals, emptyTotals(currency)),
    days,
    movements: movements.items,
    ...(movements.nextCursor && { nextCursor: movements.nextCursor }),
  };
}

/** Day-by-day balances from the opening balance of the period and the totals of its busy days. */
export function dailyDetail(opening: Money, dayTotals: readonly DayTotals[], period: Period): DayDetail[] {
  const byDay = new Map(dayTotals.map((totals) => [totals.day, totals]));
  let balance = opening;
  return eachMoscowDay(period.from, period.to).map((day) => {
    const totals = byDay.get(day) ?? emptyTotals(opening.currency);
    const dayOpening = balance;
    balance = add(dayOpening, netChange(totals));
    return {
      day,
      opening: dayOpening,
      debits: totals.debits,
      deposits: totals.deposits,
      withdrawals: totals.withdrawals,
      closing: balance,
    };
  });
}

