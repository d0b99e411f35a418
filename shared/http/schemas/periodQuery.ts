import * as z from 'zod/mini';
import { periodProblem } from '../../domain/balances/Period';
import { isMoscowDay } from '../../domain/moscowTime';
import { cursor, pageSize } from './paging';

const day = z.string().check(z.refine(isMoscowDay, 'Expected a calendar day written YYYY-MM-DD'));

/** `from` and `to` must make a period of at most 366 days. */
const checkPeriod = z.superRefine(({ from, to }: { from: string; to: string }, ctx) => {
  if (!isMoscowDay(from) || !isMoscowDay(to)) return; // already reported on the field
  const problem = periodProblem(from, to);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, path: ['to'], input: to });
});

/** Query of the period routes: `from` and `to` (both included), at most 366 days. */
export const periodQuery = z.strictObject({ from: day, to: day }).check(checkPeriod);

/** Lambda returns at most 6 MB from a synchronous invocation (its response payload quota): a larger answer is an error for good. */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

/**
 * Most deposits and withdrawals on one page of "Detail". With the whole day table (at most 366
 * rows) the worst answer stays far below `LAMBDA_RESPONSE_LIMIT_BYTES` (a test holds it).
 */
export const MAX_MOVEMENTS_PER_PAGE = 500;

/** Query of "Detail": the period, and a page of its movements (`limit` 1–500, default 100; `cursor` from `nextCursor`). */
export const balanceDetailQuery = z
  .strictObject({ from: day, to: day, limit: pageSize(MAX_MOVEMENTS_PER_PAGE, 100), cursor })
  .check(checkPeriod);
