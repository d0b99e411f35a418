import { RuleViolationError, ValidationError } from '../errors';
import { isMoscowDay, type MoscowDay, moscowDay, moscowDaysInclusive } from '../moscowTime';

/** A reporting period of whole Moscow days, both ends included. */
export interface Period {
  readonly from: MoscowDay;
  readonly to: MoscowDay;
}

/** Longest period a partner may ask for, in days (a leap year). */
export const MAX_PERIOD_DAYS = 366;

/** What is wrong with a period, or `undefined` when it is fine. */
export function periodProblem(from: string, to: string): string | undefined {
  if (!isMoscowDay(from) || !isMoscowDay(to)) return 'from and to must be calendar days written YYYY-MM-DD';
  const days = moscowDaysInclusive(from, to);
  if (days < 1) return 'from must not be after to';
  if (days > MAX_PERIOD_DAYS) return `The period is ${days} days long; at most ${MAX_PERIOD_DAYS} days are allowed`;
  return undefined;
}

/** A checked period; throws `ValidationError` (invalid input) when it is not one. */
export function period(from: string, to: string): Period {
  const problem = periodProblem(from, to);
  if (problem) throw new ValidationError('Invalid period', [{ path: 'to', message: problem }]);
  return { from, to };
}

/**
 * The part of `period` in which the partner has served the account: from the Moscow day it accepted
 * the invitation on (billing of that account before then belongs to nobody's or another partner's
 * time with it). A period that ends before that day has no such part: `period_before_client` (a rule violation).
 */
export function servedPart(period: Period, servedSince: Date): Period {
  const clientSince = moscowDay(servedSince);
  if (period.to < clientSince) {
    throw new RuleViolationError('period_before_client', `The client has been yours since ${clientSince}; ask for a period that ends on or after it`, { clientSince });
  }
  return { from: period.from < clientSince ? clientSince : period.from, to: period.to };
}
