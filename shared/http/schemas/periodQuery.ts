import * as z from 'zod/mini';
import { periodProblem } from '../../domain/balances/Period';
import { isMoscowDay } from '../../domain/moscowTime';

const day = z.string().check(z.refine(isMoscowDay, 'Expected a calendar day written YYYY-MM-DD'));

/** Query of the period routes: `from` and `to` (both included), at most 366 days. */
export const periodQuery = z.strictObject({ from: day, to: day }).check(
  z.superRefine(({ from, to }, ctx) => {
    if (!isMoscowDay(from) || !isMoscowDay(to)) return; // already reported on the field
    const problem = periodProblem(from, to);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, path: ['to'], input: to });
  }),
);
