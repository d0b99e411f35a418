/** How the balance routes show their results: money as `{ amount, currency }`, times with the Moscow offset. */
import type * as z from 'zod/mini';
import type { BalanceDetail } from '../../domain/balances/balanceDetail';
import type { RecordResult } from '../../domain/balances/BillingEvent';
import type { ClientBalance } from '../../domain/balances/clientBalance';
import type { ServiceExpenses } from '../../domain/balances/expensesOnServices';
import { MOSCOW_TIME_ZONE, moscowDay, toMoscowIso } from '../../domain/moscowTime';
import type { balanceDetailView, balanceView, billingEventsResponse, expensesView } from '../docs/balances';

/** Renders the results of `recordBillingEvents`. */
export function toBillingEventsResponse(results: readonly RecordResult[]): z.infer<typeof billingEventsResponse> {
  const count = (status: RecordResult['status']) => results.filter((result) => result.status === status).length;
  return { results: [...results], recorded: count('recorded'), duplicates: count('duplicate'), rejected: count('rejected') };
}

/** Renders a client's balance. */
export function toBalanceView(balance: ClientBalance): z.infer<typeof balanceView> {
  return { clientId: balance.clientId, balance: balance.balance, asOf: toMoscowIso(balance.asOf) };
}

/** Renders "Detail". */
export function toBalanceDetailView(detail: BalanceDetail): z.infer<typeof balanceDetailView> {
  return {
    clientId: detail.clientId,
    ...detail.period,
    clientSince: detail.clientSince,
    timeZone: MOSCOW_TIME_ZONE,
    currency: detail.opening.currency,
    opening: detail.opening,
    closing: detail.closing,
    totals: { debits: detail.totals.debits, deposits: detail.totals.deposits, withdrawals: detail.totals.withdrawals },
    days: detail.days.map((row) => ({
      day: row.day, opening: row.opening, debits: row.debits, deposits: row.deposits,
      withdrawals: row.withdrawals, closing: row.closing,
    })),
    movements: detail.movements.map((movement) => ({
      transactionId: movement.transactionId,
      type: movement.type,
      amount: movement.amount,
      occurredAt: toMoscowIso(movement.occurredAt),
      day: moscowDay(movement.occurredAt),
    })),
    nextCursor: detail.nextCursor ?? null,
  };
}

/** Renders "Expenses on services". */
export function toExpensesView(expenses: ServiceExpenses): z.infer<typeof expensesView> {
  return {
    clientId: expenses.clientId,
    ...expenses.period,
    clientSince: expenses.clientSince,
    timeZone: MOSCOW_TIME_ZONE,
    currency: expenses.total.currency,
    total: expenses.total,
    services: expenses.services.map((service) => ({
      service: service.service,
      total: service.total,
      days: service.days.map((row) => ({ day: row.day, amount: row.amount })),
    })),
    days: expenses.days.map((row) => ({ day: row.day, total: row.total })),
  };
}
