/** How spend control shows its results: money as `{ amount, currency }`, times with the Moscow offset. */
import type * as z from 'zod/mini';
import { MOSCOW_TIME_ZONE, toMoscowIso } from '../../domain/moscowTime';
import type { Budget } from '../../domain/spend/Budget';
import type { BudgetResult, EffectiveBudget } from '../../domain/spend/budgets';
import type { ClientSpendRow, Portfolio } from '../../domain/spend/portfolio';
import type { SpendNotification } from '../../domain/spend/SpendNotification';
import type { Page } from '../../ports/Page';
import { type ClientNames, clientNameView } from '../clientNames';
import type { budgetView, bulkBudgetView, clientSpendView, effectiveBudgetView, notificationView, portfolioView } from '../docs/spend';

/** Renders a budget. */
export function toBudgetView(budget: Budget): z.infer<typeof budgetView> {
  return {
    clientId: budget.scope.kind === 'client' ? budget.scope.clientId : null,
    scope: budget.scope.kind,
    amount: budget.amount,
    thresholds: budget.thresholds.map(({ percent, basis }) => ({ percent, basis })),
    alertEmails: [...budget.alertEmails],
    blockAtLimit: budget.blockAtLimit,
    updatedAt: toMoscowIso(budget.updatedAt),
    updatedBy: budget.updatedBy,
  };
}

/** Renders the budget that applies to a client. */
export function toEffectiveBudgetView(effective: EffectiveBudget): z.infer<typeof effectiveBudgetView> {
  return { clientId: effective.clientId, inherited: effective.inherited, budget: toBudgetView(effective.budget) };
}

/** Renders the results of a selection's budget. */
export function toBulkBudgetView(results: readonly BudgetResult[]): z.infer<typeof bulkBudgetView> {
  return { results: [...results] };
}

/** Renders a notification. */
export function toNotificationView(notification: SpendNotification, clients: ClientNames): z.infer<typeof notificationView> {
  return {
    id: notification.id,
    clientId: notification.clientId,
    kind: notification.kind,
    month: notification.month,
    at: toMoscowIso(notification.at),
    read: notification.read,
    facts: { ...notification.facts, ...(notification.facts.threshold && { threshold: { ...notification.facts.threshold } }) },
    client: clientNameView(clients, notification.clientId),
  };
}

/** Renders a client's spend row. */
export function toClientSpendView(row: ClientSpendRow): z.infer<typeof clientSpendView> {
  return {
    clientId: row.clientId,
    name: row.name ?? null,
    email: row.email,
    status: row.status,
    spend: row.spend,
    budget: row.budget ?? null,
    budgetUsePercent: row.budgetUsePercent ?? null,
    balance: row.balance,
  };
}

/** Renders a page of anything with its cursor (`null` on the last page). */
export function toPageView<T, V>(page: Page<T>, view: (item: T) => V): { items: V[]; nextCursor: string | null } {
  return { items: page.items.map(view), nextCursor: page.nextCursor ?? null };
}

/** Renders the portfolio. */
export function toPortfolioView(portfolio: Portfolio, clients: ClientNames): z.infer<typeof portfolioView> {
  return {
    month: portfolio.month,
    today: portfolio.today,
    timeZone: MOSCOW_TIME_ZONE,
    currencies: portfolio.currencies.map((each) => ({ ...each, days: [...each.days] })),
    topSpenders: portfolio.topSpenders.map(toClientSpendView),
    needsAttention: portfolio.needsAttention.map((notification) => toNotificationView(notification, clients)),
  };
}

/** Renders a budget in the list, naming its client. */
export function toListedBudgetView(budget: Budget, clients: ClientNames): z.infer<typeof budgetView> & { client: ReturnType<typeof clientNameView> } {
  return { ...toBudgetView(budget), client: clientNameView(clients, budget.scope.kind === 'client' ? budget.scope.clientId : null) };
}
