/** What the budget form holds and how it becomes the API's body (amounts typed in major units, sent in minor units). */
import type { components, paths } from '../../api/schema';

/** A budget as the API answers it. */
export type Budget = components['schemas']['Budget'];
/** A budget as the list answers it: with its client named. */
export type ListedBudget = paths['/budgets']['get']['responses'][200]['content']['application/json']['items'][number];
/** The body of `PUT /clients/{id}/budget` and `PUT /budgets/default`. */
export type BudgetBody = paths['/budgets/default']['put']['requestBody']['content']['application/json'];
/** Actual spend or the month-end forecast. */
export type Basis = 'actual' | 'forecast';

/** Most thresholds per budget, and most extra addresses (the API's limits). */
export const BUDGET_LIMITS = { thresholds: 10, emails: 5, minPercent: 1, maxPercent: 1000 } as const;

/** The form as typed. */
export interface BudgetDraft {
  readonly amount: string;
  readonly currency: string;
  readonly thresholds: ReadonlyArray<{ readonly percent: string; readonly basis: Basis }>;
  readonly emails: string;
  readonly blockAtLimit: boolean;
}

/** The thresholds a new budget starts with: 50, 80 and 100 % of actual spend. */
export const DEFAULT_DRAFT_THRESHOLDS: BudgetDraft['thresholds'] = [50, 80, 100].map((percent) => ({ percent: String(percent), basis: 'actual' as const }));

/** Minor units of an amount typed in major units ("50 000,50" → 5000050); null when it is not a positive amount with at most two decimals. */
export function minorUnits(typed: string): number | null {
  const text = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  const amount = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(amount) && amount > 0 ? amount : null;
}

/** Major units of `amount` minor units, as the form shows it ("50000.5" style, no grouping). */
export function majorUnits(amount: number): string {
  const whole = Math.floor(amount / 100);
  const cents = amount % 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`;
}

/** The form filled from a budget (or a fresh one in `currency`). */
export function draftOf(budget: Budget | null, currency: string): BudgetDraft {
  if (!budget) return { amount: '', currency, thresholds: DEFAULT_DRAFT_THRESHOLDS, emails: '', blockAtLimit: false };
  return {
    amount: majorUnits(budget.amount.amount),
    currency: budget.amount.currency,
    thresholds: budget.thresholds.map((each) => ({ percent: String(each.percent), basis: each.basis })),
    emails: budget.alertEmails.join('\n'),
    blockAtLimit: budget.blockAtLimit,
  };
}

/**
 * What is wrong with the form, by field; empty when it may be sent. `isEmail` is the console's one
 * e-mail rule (`ui/formChecks`), passed in so this module stays free of the browser.
 */
export function draftProblems(draft: BudgetDraft, isEmail: (text: string) => boolean): Array<'amount' | 'currency' | 'thresholds' | 'emails'> {
  const problems: Array<'amount' | 'currency' | 'thresholds' | 'emails'> = [];
  if (minorUnits(draft.amount) === null) problems.push('amount');
  if (!/^[A-Z]{3}$/.test(draft.currency)) problems.push('currency');
  const keys = draft.thresholds.map((each) => `${each.percent.trim()}-${each.basis}`);
  const percentOk = draft.thresholds.every((each) => {
    const value = Number(each.percent.trim());
    return /^\d+$/.test(each.percent.trim()) && value >= BUDGET_LIMITS.minPercent && value <= BUDGET_LIMITS.maxPercent;
  });
  if (draft.thresholds.length < 1 || draft.thresholds.length > BUDGET_LIMITS.thresholds || !percentOk || new Set(keys).size !== keys.length) problems.push('thresholds');
  const emails = emailList(draft.emails);
  if (emails.length > BUDGET_LIMITS.emails || !emails.every(isEmail)) problems.push('emails');
  return problems;
}

function emailList(text: string): string[] {
  return text.split(/[\s,;]+/).map((each) => each.trim()).filter(Boolean);
}

/** The API's body of a checked form. */
export function budgetBody(draft: BudgetDraft): BudgetBody {
  return {
    amount: minorUnits(draft.amount) ?? 0,
    currency: draft.currency,
    thresholds: draft.thresholds.map((each) => ({ percent: Number(each.percent.trim()), basis: each.basis })),
    alertEmails: emailList(draft.emails),
    blockAtLimit: draft.blockAtLimit,
  };
}
