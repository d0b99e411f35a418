import { ValidationError } from '../errors';
import type { Money } from '../Money';

/** What a threshold compares with the budget: the spend so far, or the spend projected to the month's end. */
export const THRESHOLD_BASES = ['actual', 'forecast'] as const;

/** One of `THRESHOLD_BASES`. */
export type ThresholdBasis = (typeof THRESHOLD_BASES)[number];

/** A share of the budget that raises an alert once per client per month when reached. */
export interface Threshold {
  /** Percent of the budget, 1–1000. */
  readonly percent: number;
  readonly basis: ThresholdBasis;
}

/** Bounds of a threshold's percent and of the thresholds of one budget. */
export const THRESHOLD_LIMITS = { minPercent: 1, maxPercent: 1000, maxCount: 10 } as const;

/** Extra addresses alerted per budget (the partner's own address is always alerted). */
export const MAX_ALERT_EMAILS = 5;

/** A budget's thresholds when the partner names none: 50 %, 80 % and 100 % of actual spend. */
export const DEFAULT_THRESHOLDS: readonly Threshold[] = [50, 80, 100].map((percent) => ({ percent, basis: 'actual' as const }));

/** What a partner sets on a budget. */
export interface BudgetSettings {
  /** The monthly amount, positive, in the currency of the client's account. */
  readonly amount: Money;
  readonly thresholds: readonly Threshold[];
  readonly alertEmails: readonly string[];
  /** Block the client's console sign-in when actual spend reaches 100 % (off by default). */
  readonly blockAtLimit: boolean;
}

/** Whose budget: one client's, or the partner's default for every client without its own. */
export type BudgetScope = { readonly kind: 'client'; readonly clientId: string } | { readonly kind: 'default' };

/** A stored budget. */
export interface Budget extends BudgetSettings {
  readonly partnerId: string;
  readonly scope: BudgetScope;
  readonly updatedAt: Date;
  /** The partner user who last set it. */
  readonly updatedBy: string;
}

/** Largest budget amount, in minor units (the ledger's largest event). */
export const MAX_BUDGET_AMOUNT = 1_000_000_000_000;

/**
 * Checked settings: a positive whole amount, 1–10 distinct thresholds of 1–1000 %, at most
 * `MAX_ALERT_EMAILS` distinct addresses. Thresholds come back sorted (basis, then percent).
 * Throws `ValidationError` (invalid input) naming each problem.
 */
export function checkedBudgetSettings(settings: BudgetSettings): BudgetSettings {
  const problems: Array<{ path: string; message: string }> = [];
  const { amount, thresholds, alertEmails } = settings;
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0 || amount.amount > MAX_BUDGET_AMOUNT) {
    problems.push({ path: 'amount', message: `A positive whole number of minor units, at most ${MAX_BUDGET_AMOUNT}` });
  }
  if (thresholds.length < 1 || thresholds.length > THRESHOLD_LIMITS.maxCount) {
    problems.push({ path: 'thresholds', message: `From 1 to ${THRESHOLD_LIMITS.maxCount} thresholds` });
  }
  thresholds.forEach((threshold, index) => {
    const { percent } = threshold;
    if (!Number.isInteger(percent) || percent < THRESHOLD_LIMITS.minPercent || percent > THRESHOLD_LIMITS.maxPercent) {
      problems.push({ path: `thresholds.${index}.percent`, message: `A whole percent from ${THRESHOLD_LIMITS.minPercent} to ${THRESHOLD_LIMITS.maxPercent}` });
    }
  });
  if (new Set(thresholds.map(thresholdKey)).size !== thresholds.length) problems.push({ path: 'thresholds', message: 'Each threshold once' });
  if (alertEmails.length > MAX_ALERT_EMAILS) problems.push({ path: 'alertEmails', message: `At most ${MAX_ALERT_EMAILS} addresses` });
  if (problems.length > 0) throw new ValidationError('Invalid budget', problems);
  const sorted = [...thresholds].sort((a, b) => a.basis.localeCompare(b.basis) || a.percent - b.percent);
  const emails = [...new Set(alertEmails.map((email) => email.toLowerCase()))];
  return { ...settings, thresholds: sorted, alertEmails: emails };
}

/** A threshold's stable name within a budget, e.g. `80-actual`: its alert fires once per client per month under it. */
export function thresholdKey(threshold: Threshold): string {
  return `${threshold.percent}-${threshold.basis}`;
}
