/**
 * Request schemas of spend control: budgets (a client's, a selection's, the partner's default),
 * notifications and the portfolio. Amounts are positive whole minor units in the account's currency.
 */
import * as z from 'zod/mini';
import { MAX_ALERT_EMAILS, MAX_BUDGET_AMOUNT, THRESHOLD_BASES, THRESHOLD_LIMITS, DEFAULT_THRESHOLDS, type BudgetSettings } from '../../domain/spend/Budget';
import { MAX_BUDGET_SELECTION } from '../../domain/spend/budgets';
import { money } from '../../domain/Money';
import { email } from './contactDetails';
import { cursor, limit } from './paging';

const threshold = z.strictObject({
  percent: z.number().check(z.int(), z.minimum(THRESHOLD_LIMITS.minPercent), z.maximum(THRESHOLD_LIMITS.maxPercent)),
  basis: z._default(z.enum(THRESHOLD_BASES), 'actual'),
});

const budgetFields = {
  amount: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_BUDGET_AMOUNT)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as RUB')),
  thresholds: z.optional(z.array(threshold).check(
    z.minLength(1),
    z.maxLength(THRESHOLD_LIMITS.maxCount),
    z.refine((all) => new Set(all.map((each) => `${each.percent}-${each.basis}`)).size === all.length, { message: 'Each threshold once' }),
  )),
  alertEmails: z.optional(z.array(email).check(z.maxLength(MAX_ALERT_EMAILS))),
  blockAtLimit: z.optional(z.boolean()),
};

/** Body of `PUT /clients/{id}/budget` and `PUT /budgets/default`. */
export const budgetBody = z.strictObject(budgetFields);

/** Body of `POST /budgets/bulk`: the same budget on a selection of clients (as `POST /clients/bulk` selects them). */
export const bulkBudgetBody = z.strictObject({
  ...budgetFields,
  clientIds: z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(
    z.minLength(1),
    z.maxLength(MAX_BUDGET_SELECTION),
    z.refine((ids) => new Set(ids).size === ids.length, { message: 'Each client id may appear only once' }),
  ),
});

/** The settings a budget body asks for (default thresholds 50/80/100 % of actual spend, no extra addresses, no block). */
export function toBudgetSettings(body: z.infer<typeof budgetBody>): BudgetSettings {
  return {
    amount: money(body.amount, body.currency),
    thresholds: body.thresholds ?? DEFAULT_THRESHOLDS,
    alertEmails: body.alertEmails ?? [],
    blockAtLimit: body.blockAtLimit ?? false,
  };
}

/** Paging of the budget and notification lists and of the clients ordered by spend. */
export const pageQuery = z.strictObject({ limit, cursor });

/** A notification id in the path. */
export const notificationParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(600)) });

/** Query of `GET /portfolio/clients`: the order (this month's spend, highest first; or balance, lowest first) and paging. */
export const portfolioClientsQuery = z.strictObject({ order: z._default(z.enum(['spend', 'balance']), 'spend'), limit, cursor });
