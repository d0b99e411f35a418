import type { CalendarMonth } from '../balances/calendarBuckets';
import type { Money } from '../Money';
import type { MoscowDay } from '../moscowTime';
import { type Budget, type Threshold, thresholdKey } from './Budget';
import { monthForecast } from './spendForecast';

/** Kinds of spend alerts. `budget_block`: the client's sign-in was blocked at 100 % of its budget. */
export const SPEND_ALERT_KINDS = ['threshold', 'anomaly', 'low_balance', 'budget_block'] as const;

/** One of `SPEND_ALERT_KINDS`. */
export type SpendAlertKind = (typeof SPEND_ALERT_KINDS)[number];

/** A day's spend above this many times the trailing median is an anomaly. */
export const ANOMALY_FACTOR = 3;

/** Days of the trailing window whose median daily spend is the anomaly baseline. */
export const ANOMALY_WINDOW_DAYS = 30;

/**
 * An alert about one client in one month. `key` names it within the client's month: the same
 * alert always has the same key, and each key fires at most once (that is the exactly-once rule).
 */
export interface SpendAlert {
  readonly partnerId: string;
  readonly clientId: string;
  readonly month: CalendarMonth;
  readonly key: string;
  readonly kind: SpendAlertKind;
  /** What the partner is told: every amount in the account's currency. */
  readonly facts: AlertFacts;
}

/** The numbers behind an alert (those that apply to its kind). */
export interface AlertFacts {
  readonly threshold?: Threshold;
  readonly budget?: Money;
  readonly spend?: Money;
  readonly forecast?: Money;
  readonly day?: MoscowDay;
  readonly daySpend?: Money;
  readonly median?: Money;
  readonly balance?: Money;
}

/** A day's spend with the daily spends of the `ANOMALY_WINDOW_DAYS` days before it (quiet days as zero). */
export interface DaySpend {
  readonly day: MoscowDay;
  readonly spend: Money;
  readonly trailing: readonly Money[];
}

/** What is known of one client in one month when its alerts are decided. */
export interface ClientMonthState {
  readonly partnerId: string;
  readonly clientId: string;
  readonly month: CalendarMonth;
  /** The Moscow day of now. */
  readonly today: MoscowDay;
  /** Debits of the month while the partner served the client (absent: none). */
  readonly spend?: Money;
  /** The client's budget, or the partner's default; absent when neither exists. */
  readonly budget?: Budget;
  /** The balance now, when this month is the current one (low balance is about now). */
  readonly balance?: Money;
  /** Days of the month that had debits in the events being evaluated. */
  readonly days: readonly DaySpend[];
}

/** The middle of the values (the mean of the two middle ones for an even count, rounded down). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.floor((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/**
 * Every alert the state calls for, fired or not (the caller keeps only those whose key has not fired):
 * - `threshold`: each threshold of the budget whose basis (actual spend, or its month-end forecast)
 *   has reached `percent` % of the budget, in the budget's currency;
 * - `budget_block`: actual spend reached 100 % and the budget blocks at its limit;
 * - `anomaly`: a day whose spend is above `ANOMALY_FACTOR` × the median of the trailing
 *   `ANOMALY_WINDOW_DAYS` days (quiet days count as zero; no baseline, no anomaly);
 * - `low_balance`: the balance is below zero (once per client per month).
 * The decision depends only on the state, never on which event brought it: evaluating the same
 * state again decides the same alerts, which is what makes retries harmless.
 */
export function alertsCalledFor(state: ClientMonthState): SpendAlert[] {
  const alert = (key: string, kind: SpendAlertKind, facts: AlertFacts): SpendAlert => ({
    partnerId: state.partnerId, clientId: state.clientId, month: state.month, key, kind, facts,
  });
  const alerts: SpendAlert[] = [];
  const { budget, spend } = state;
  if (budget && spend && spend.currency === budget.amount.currency) {
    const forecast = monthForecast(spend, state.month, state.today);
    for (const threshold of budget.thresholds) {
      const measured = threshold.basis === 'actual' ? spend : forecast;
      // Integer-only comparison: measured / budget ≥ percent / 100.
      if (measured.amount * 100 >= budget.amount.amount * threshold.percent) {
        alerts.push(alert(`threshold#${thresholdKey(threshold)}`, 'threshold', { threshold, budget: budget.amount, spend, forecast }));
      }
    }
    if (budget.blockAtLimit && spend.amount >= budget.amount.amount) {
      alerts.push(alert('budget_block', 'budget_block', { budget: budget.amount, spend }));
    }
  }
  for (const day of state.days) {
    const baseline = median(day.trailing.map((each) => each.amount));
    if (baseline > 0 && day.spend.amount > ANOMALY_FACTOR * baseline) {
      alerts.push(alert(`anomaly#${day.day}`, 'anomaly', { day: day.day, daySpend: day.spend, median: { amount: baseline, currency: day.spend.currency } }));
    }
  }
  if (state.balance && state.balance.amount < 0) alerts.push(alert('low_balance', 'low_balance', { balance: state.balance }));
  return alerts;
}
