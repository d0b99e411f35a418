import { add, type Money, sum, zero } from '../Money';
import { eachMoscowDay, type MoscowDay, moscowDay } from '../moscowTime';
import type { ServiceDayDebits } from '../../ports/BalanceLedger';
import { type BalanceDeps, DEFAULT_CURRENCY } from './BalanceDeps';
import { type Period, servedPart } from './Period';
import { visibleClientAccount } from './visibleClientAccount';

/** What one service cost over a period, and on which days. */
export interface ServiceExpense {
  readonly service: string;
  readonly total: Money;
  /** Days the service charged anything, oldest first. */
  readonly days: ReadonlyArray<{ readonly day: MoscowDay; readonly amount: Money }>;
}

/** "Expenses on services" of a client over a period. */
export interface ServiceExpenses {
  readonly clientId: string;
  /** The period shown: the one asked for, its start moved to `clientSince` when earlier. */
  readonly period: Period;
  /** The first Moscow day of the partner's service of the account: nothing before it is shown. */
  readonly clientSince: MoscowDay;
  readonly total: Money;
  /** Most expensive service first (ties by name). */
  readonly services: ServiceExpense[];
  /** Every day of the period with what all services charged on it, oldest first. */
  readonly days: ReadonlyArray<{ readonly day: MoscowDay; readonly total: Money }>;
}

/**
 * "Expenses on services": a partner's client's debits over a period, per service and per day.
 *
 * 1. Resolve the client to its cloud account (not found unless the partner's own active or blocked client)
 *    and keep only the part of the period since the partner has served it (`servedPart`).
 * 2. Read the per-service daily debit rollups of the period: O(days × services) small items.
 * 3. Sum them per service and per day.
 */
export async function expensesOnServices(deps: BalanceDeps, partnerId: string, clientId: string, requested: Period): Promise<ServiceExpenses> {
  const client = await visibleClientAccount(deps.clients, partnerId, clientId);
  const period = servedPart(requested, client.servedSince);
  const [current, debits] = await Promise.all([
    deps.ledger.balance(client.accountId),
    deps.ledger.serviceDebits(client.accountId, period),
  ]);
  return { clientId, clientSince: moscowDay(client.servedSince), ...summarizeExpenses(current?.balance.currency ?? DEFAULT_CURRENCY, debits, period) };
}

/** Sums per-service daily debits into totals per service (largest first) and per day. */
export function summarizeExpenses(currency: string, debits: readonly ServiceDayDebits[], period: Period): Omit<ServiceExpenses, 'clientId' | 'clientSince'> {
  const byService = new Map<string, ServiceDayDebits[]>();
  const byDay = new Map<MoscowDay, Money>();
  for (const debit of debits) {
    const rows = byService.get(debit.service) ?? [];
    rows.push(debit);
    byService.set(debit.service, rows);
    byDay.set(debit.day, add(byDay.get(debit.day) ?? zero(currency), debit.amount));
  }
  const services = [...byService].map(([service, rows]): ServiceExpense => ({
    service,
    total: sum(currency, rows.map((row) => row.amount)),
    days: rows.map(({ day, amount }) => ({ day, amount })).sort((a, b) => a.day.localeCompare(b.day)),
  }));
  services.sort((a, b) => b.total.amount - a.total.amount || a.service.localeCompare(b.service));
  return {
    period,
    total: sum(currency, services.map((service) => service.total)),
    services,
    days: eachMoscowDay(period.from, period.to).map((day) => ({ day, total: byDay.get(day) ?? zero(currency) })),
  };
}
