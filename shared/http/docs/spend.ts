/** Response schemas and OpenAPI docs of spend control: budgets, notifications, the portfolio (build time only). */
import * as z from 'zod/mini';
import { CLIENT_STATUSES } from '../../domain/clients/Client';
import { MAX_ALERT_EMAILS, THRESHOLD_BASES } from '../../domain/spend/Budget';
import { SPEND_ALERT_KINDS } from '../../domain/spend/SpendAlert';
import type { OperationDocs } from '../openapi';
import { idParams } from '../schemas/idParams';
import { budgetBody, bulkBudgetBody, notificationParams, pageQuery, portfolioClientsQuery } from '../schemas/spend';
import { money, namedClient, pageOf } from './common';

const threshold = z.object({ percent: z.number(), basis: z.enum(THRESHOLD_BASES) });

/** A budget as the partner sees it. */
export const budgetView = z.object({
  /** `null` for the partner's default. */
  clientId: z.nullable(z.string()),
  scope: z.enum(['client', 'default']),
  amount: money,
  thresholds: z.array(threshold),
  alertEmails: z.array(z.string()),
  blockAtLimit: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.string(),
});

/** `GET /clients/{id}/budget`: the budget that applies to the client. */
export const effectiveBudgetView = z.object({ clientId: z.string(), inherited: z.boolean(), budget: budgetView });

/** `POST /budgets/bulk`: what happened per client, in the order given. */
export const bulkBudgetView = z.object({
  results: z.array(z.object({
    clientId: z.string(),
    result: z.enum(['set', 'not_found', 'skipped']),
    reason: z.optional(z.literal('currency_mismatch')),
    currency: z.optional(z.string()),
  })),
});

const alertFacts = z.object({
  threshold: z.optional(threshold),
  budget: z.optional(money),
  spend: z.optional(money),
  forecast: z.optional(money),
  day: z.optional(z.string()),
  daySpend: z.optional(money),
  median: z.optional(money),
  balance: z.optional(money),
});

/** A console notification: one fired spend alert. */
export const notificationView = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(SPEND_ALERT_KINDS),
  month: z.string(),
  at: z.iso.datetime({ offset: true }),
  read: z.boolean(),
  facts: alertFacts,
  /** The client as stored now. */
  client: namedClient,
});

/** A client with its spend of this month, budget use and balance. */
export const clientSpendView = z.object({
  clientId: z.string(),
  name: z.nullable(z.string()),
  email: z.string(),
  status: z.enum(CLIENT_STATUSES),
  spend: money,
  budget: z.nullable(money),
  budgetUsePercent: z.nullable(z.number()),
  balance: z.nullable(money),
});

/** `GET /portfolio`: the partner's home screen. */
export const portfolioView = z.object({
  month: z.string(),
  today: z.string(),
  timeZone: z.string(),
  currencies: z.array(z.object({
    currency: z.string(),
    thisMonth: money,
    lastMonth: money,
    lastMonthToDate: money,
    change: money,
    forecast: money,
    days: z.array(z.object({ day: z.string(), spend: money })),
  })),
  topSpenders: z.array(clientSpendView),
  needsAttention: z.array(notificationView),
});

/** A budget in the list, naming its client (`null` for the default). */
const listedBudgetView = z.extend(budgetView, { client: namedClient });
const budgetPage = pageOf(listedBudgetView);
const notificationPage = pageOf(notificationView);
const clientSpendPage = pageOf(clientSpendView);

const rub = (amount: number) => ({ amount, currency: 'RUB' });
const CLIENT_ID = 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b';
const budgetExample = {
  clientId: CLIENT_ID, scope: 'client', amount: rub(5_000_000),
  thresholds: [{ percent: 50, basis: 'actual' }, { percent: 80, basis: 'actual' }, { percent: 100, basis: 'actual' }, { percent: 100, basis: 'forecast' }],
  alertEmails: ['finance@volkova.example'], blockAtLimit: false, updatedAt: '2026-12-01T12:30:00.000+03:00', updatedBy: 'usr_3f9a0c2e',
};
const bodyExample = {
  amount: 5_000_000, currency: 'RUB',
  thresholds: [{ percent: 50, basis: 'actual' }, { percent: 80, basis: 'actual' }, { percent: 100, basis: 'actual' }, { percent: 100, basis: 'forecast' }],
  alertEmails: ['finance@volkova.example'], blockAtLimit: false,
};
/** How answers name the example client. */
const NAMED_CLIENT = { name: 'Ivan Petrov', email: 'ivan@petrov-bakery.example' };
const notificationExample = {
  client: NAMED_CLIENT,
  id: 'ntf_TiMyMDI2LTEyLTA2VDA5OjAwOjAwLjAwMFojY2xpXzBiN2UjMjAyNi0xMiN0aHJlc2hvbGQjODAtYWN0dWFs', clientId: CLIENT_ID, kind: 'threshold',
  month: '2026-12', at: '2026-12-06T12:00:00.000+03:00', read: false,
  facts: { threshold: { percent: 80, basis: 'actual' }, budget: rub(5_000_000), spend: rub(4_012_000), forecast: rub(20_728_667) },
};
const spendRowExample = {
  clientId: CLIENT_ID, name: 'Ivan Petrov', email: 'ivan@petrov-bakery.example', status: 'active',
  spend: rub(4_012_000), budget: rub(5_000_000), budgetUsePercent: 80, balance: rub(-12_050),
};

/** What a budget body must hold, said once. */
const BUDGET_RULES = 'A monthly amount in minor units of the account\'s currency (a positive whole number); thresholds default to 50, 80 and 100 % of actual spend, ' +
  `at most 10, each 1–1000 % of actual spend or of the month-end forecast (linear: spend so far ÷ Moscow days elapsed × days in the month); up to ${MAX_ALERT_EMAILS} ` +
  'more addresses to alert beside yours. Each threshold alerts once per client per month. `blockAtLimit` (off by default) blocks the client\'s console sign-in ' +
  'when actual spend reaches the budget, exactly as a manual block: its resources keep running and you may unblock it';

/** OpenAPI docs of spend control. */
export const spendOperations: OperationDocs = {
  'GET /clients/{id}/budget': {
    params: idParams,
    summary: "A client's budget",
    description: "The budget that applies to a client: its own, or your default (`inherited`); 404 when neither exists or the client is not yours",
    tag: 'Spend control', response: effectiveBudgetView, success: { 200: 'The budget that applies' },
    examples: { response: { clientId: CLIENT_ID, inherited: false, budget: budgetExample } },
    errors: ['not_found'],
  },
  'PUT /clients/{id}/budget': {
    params: idParams,
    summary: "Set a client's budget",
    description: `Set (or replace) one client's monthly budget. ${BUDGET_RULES}. Audited (\`set_budget\`). A client whose account is kept in another currency answers 422 \`currency_mismatch\``,
    tag: 'Spend control', body: budgetBody, response: budgetView, success: { 200: 'The budget as stored' },
    examples: { body: bodyExample, response: budgetExample },
    errors: ['not_found', 'currency_mismatch'],
  },
  'DELETE /clients/{id}/budget': {
    params: idParams,
    summary: "Remove a client's budget",
    description: "Remove a client's own budget (your default then applies to it, if any). Audited (`remove_budget`)",
    tag: 'Spend control', success: { 204: 'Removed' }, examples: {},
    errors: ['not_found'],
  },
  'POST /budgets/bulk': {
    summary: 'Set a budget on a selection',
    description: `Set the same monthly budget on up to 500 of your clients (the selection \`POST /clients/bulk\` takes). ${BUDGET_RULES}. ` +
      'One result per client: `set`, `not_found` (not yours, or deleted), `skipped` (`currency_mismatch`: its account is in another currency). Each client audited',
    tag: 'Spend control', body: bulkBudgetBody, response: bulkBudgetView, success: { 200: 'What happened to each client, in the order given' },
    examples: { body: { ...bodyExample, clientIds: [CLIENT_ID, 'cli_unknown'] }, response: { results: [{ clientId: CLIENT_ID, result: 'set' }, { clientId: 'cli_unknown', result: 'not_found' }] } },
  },
  'PUT /budgets/default': {
    summary: 'Set your default budget',
    description: `Set the monthly budget of every client without its own (in its currency). ${BUDGET_RULES}`,
    tag: 'Spend control', body: budgetBody, response: budgetView, success: { 200: 'The default as stored' },
    examples: { body: bodyExample, response: { ...budgetExample, clientId: null, scope: 'default' } },
  },
  'DELETE /budgets/default': {
    summary: 'Remove your default budget',
    description: 'Remove the default budget; clients with their own keep theirs',
    tag: 'Spend control', success: { 204: 'Removed' }, examples: {},
    errors: ['not_found'],
  },
  'GET /budgets': {
    summary: 'Your budgets',
    description: "Your clients' budgets by client id, then your default",
    tag: 'Spend control', query: pageQuery, response: budgetPage, success: { 200: 'A page of budgets' },
    examples: { response: { items: [{ ...budgetExample, client: NAMED_CLIENT }], nextCursor: null } },
  },
  'GET /notifications': {
    summary: 'Your notifications',
    description: 'Spend alerts, newest first: thresholds reached (`threshold`), a client blocked at its budget (`budget_block`), ' +
      "a day's spend above 3× the client's trailing 30-day median (`anomaly`), a balance below zero (`low_balance`)",
    tag: 'Spend control', query: pageQuery, response: notificationPage, success: { 200: 'A page of notifications' },
    examples: { response: { items: [notificationExample], nextCursor: null } },
  },
  'GET /notifications/unread-count': {
    summary: 'Unread notifications',
    description: 'How many notifications are unread (the console header)',
    tag: 'Spend control', response: z.object({ unread: z.number() }), success: { 200: 'The count' },
    examples: { response: { unread: 3 } },
  },
  'POST /notifications/{id}/read': {
    params: notificationParams,
    summary: 'Mark a notification read',
    description: 'Mark one notification read; marking it again changes nothing',
    tag: 'Spend control', success: { 204: 'Read' }, examples: {},
    errors: ['not_found'],
  },
  'GET /portfolio': {
    summary: 'Your portfolio',
    description: "The home screen: this Moscow month's spend across your clients so far, last month's (whole and to the same day), the change, " +
      'the linear month-end forecast, daily spend over the last 90 days (per currency), the top 5 spenders with budget use, and this month\'s newest 20 alerts. ' +
      'A bounded number of reads whatever the number of clients',
    tag: 'Spend control', response: portfolioView, success: { 200: 'The portfolio now' },
    examples: {
      response: {
        month: '2026-12', today: '2026-12-06', timeZone: 'Europe/Moscow',
        currencies: [{
          currency: 'RUB', thisMonth: rub(4_012_000), lastMonth: rub(18_250_000), lastMonthToDate: rub(3_500_000), change: rub(512_000),
          forecast: rub(20_728_667), days: [{ day: '2026-12-06', spend: rub(812_000) }],
        }],
        topSpenders: [spendRowExample],
        needsAttention: [notificationExample],
      },
    },
  },
  'GET /portfolio/clients': {
    summary: 'Clients by spend or balance',
    description: "Your clients with this Moscow month's spend, budget use (%) and balance, one index query per page whatever your number of clients: " +
      '`order=spend` (default), those that spent this month, highest first; `order=balance`, served clients whose account was billed while yours, lowest balance first. ' +
      'A cursor works only with the order that produced it',
    tag: 'Spend control', query: portfolioClientsQuery, response: clientSpendPage, success: { 200: 'A page of clients' },
    examples: { response: { items: [spendRowExample], nextCursor: null } },
  },
};
