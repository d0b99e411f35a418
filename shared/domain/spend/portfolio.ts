import type { LedgerQueries } from '../../ports/BalanceLedger';
import type { ClientBatchStore } from '../../ports/ClientBatchStore';
import type { Page } from '../../ports/Page';
import type { BudgetStore, ClientSpend, Notifications, PortfolioQueries } from '../../ports/SpendStore';
import type { ClientStatus } from '../clients/Client';
import type { Clock } from '../Clock';
import { type Money, zero } from '../Money';
import { addMoscowDays, eachMoscowDay, type MoscowDay, moscowDay, moscowDayStart } from '../moscowTime';
import { balanceShown } from '../balances/visibleClientAccount';
import { firstDayOf, monthForecast, previousMonth } from './spendForecast';
import type { SpendNotification } from './SpendNotification';

/** What the portfolio reads need. */
export interface PortfolioDeps {
  readonly portfolio: PortfolioQueries;
  readonly notifications: Pick<Notifications, 'since'>;
  readonly budgets: Pick<BudgetStore, 'budgetsFor'>;
  readonly clients: Pick<ClientBatchStore, 'clientsByIds'>;
  readonly ledger: Pick<LedgerQueries, 'balances'>;
  readonly clock: Clock;
}

/** Days of the daily spend chart. */
export const CHART_DAYS = 90;
/** Clients among the top spenders. */
export const TOP_SPENDERS = 5;
/** This month's newest alerts shown under "needs attention". */
export const ATTENTION_ITEMS = 20;

/** The partner's spend in one currency. */
export interface CurrencySpend {
  readonly currency: string;
  readonly thisMonth: Money;
  readonly lastMonth: Money;
  /** Last month's spend over the same days of the month as this month so far (what `change` compares with). */
  readonly lastMonthToDate: Money;
  readonly change: Money;
  readonly forecast: Money;
  /** Every day of the chart, oldest first, quiet days as zero. */
  readonly days: ReadonlyArray<{ readonly day: MoscowDay; readonly spend: Money }>;
}

/** A client with its spend of this month, its budget and how much of it is used. */
export interface ClientSpendRow {
  readonly clientId: string;
  readonly name?: string;
  readonly email: string;
  readonly status: ClientStatus;
  readonly spend: Money;
  readonly budget?: Money;
  /** Spend as a whole percent of the budget (rounded down); absent without a budget in the spend's currency. */
  readonly budgetUsePercent?: number;
  readonly balance: Money | null;
}

/** The partner's home screen. */
export interface Portfolio {
  readonly month: string;
  readonly today: MoscowDay;
  readonly currencies: readonly CurrencySpend[];
  readonly topSpenders: readonly ClientSpendRow[];
  readonly needsAttention: readonly SpendNotification[];
}

/**
 * The portfolio: a bounded number of reads whatever the partner's size.
 * 1. The partner's daily spend of the last 90 days (one query of day sums maintained by the ledger):
 *    this month so far, last month (within those days), the same days of last month, the linear forecast.
 * 2. The top spenders of the month (one query of the `bySpend` index) with their names, budgets and balances (three batched reads of 5 keys).
 * 3. This month's newest alerts (one query).
 */
export async function portfolio(deps: PortfolioDeps, partnerId: string): Promise<Portfolio> {
  const today = moscowDay(deps.clock.now());
  const month = today.slice(0, 7);
  const from = addMoscowDays(today, -(CHART_DAYS - 1));
  const [days, top, needsAttention] = await Promise.all([
    deps.portfolio.partnerDays(partnerId, from, today),
    deps.portfolio.clientsBySpend(partnerId, month, { limit: TOP_SPENDERS }),
    deps.notifications.since(partnerId, moscowDayStart(firstDayOf(month)), ATTENTION_ITEMS),
  ]);
  const currencies = [...new Set(days.map(({ spend }) => spend.currency))].sort();
  const last = previousMonth(month);
  const dayOfMonth = today.slice(8, 10);
  return {
    month,
    today,
    currencies: currencies.map((currency): CurrencySpend => {
      const byDay = new Map(days.filter(({ spend }) => spend.currency === currency).map(({ day, spend }) => [day, spend.amount]));
      const total = (test: (day: MoscowDay) => boolean) => [...byDay].reduce((sum, [day, amount]) => (test(day) ? sum + amount : sum), 0);
      const thisMonth = total((day) => day.startsWith(month));
      const lastMonthToDate = total((day) => day.startsWith(last) && day.slice(8, 10) <= dayOfMonth);
      const spent = { amount: thisMonth, currency };
      return {
        currency,
        thisMonth: spent,
        lastMonth: { amount: total((day) => day.startsWith(last)), currency },
        lastMonthToDate: { amount: lastMonthToDate, currency },
        change: { amount: thisMonth - lastMonthToDate, currency },
        forecast: monthForecast(spent, month, today),
        days: eachMoscowDay(from, today).map((day) => ({ day, spend: { amount: byDay.get(day) ?? 0, currency } })),
      };
    }),
    topSpenders: await spendRows(deps, partnerId, top.items),
    needsAttention,
  };
}

/**
 * The partner's clients ordered by this month's spend, highest first, with budget use and balance:
 * one index query per page plus three batched reads of the page's keys, whatever the partner's size.
 * Only clients that spent this month are listed (the index holds what the ledger counted).
 */
export async function clientsBySpend(deps: PortfolioDeps, partnerId: string, page: { limit: number; cursor?: string }): Promise<Page<ClientSpendRow>> {
  const month = moscowDay(deps.clock.now()).slice(0, 7);
  const found = await deps.portfolio.clientsBySpend(partnerId, month, page);
  return { items: await spendRows(deps, partnerId, found.items), ...(found.nextCursor && { nextCursor: found.nextCursor }) };
}

/** Rows for clients with their spend: names, budgets and balances in three batched reads. */
async function spendRows(deps: PortfolioDeps, partnerId: string, spends: readonly ClientSpend[]): Promise<ClientSpendRow[]> {
  if (spends.length === 0) return [];
  const ids = spends.map(({ clientId }) => clientId);
  const [clients, budgets] = await Promise.all([deps.clients.clientsByIds(partnerId, ids), deps.budgets.budgetsFor(partnerId, ids)]);
  const byId = new Map(clients.filter((client) => client.status !== 'detached').map((client) => [client.id, client]));
  const served = [...byId.values()].flatMap((client) => (balanceShown(client.status) && client.accountId ? [client.accountId] : []));
  const balances = served.length > 0 ? await deps.ledger.balances(served) : new Map();
  return spends.flatMap(({ clientId, spend }): ClientSpendRow[] => {
    const client = byId.get(clientId);
    if (!client) return [];
    const budget = (budgets.clients.get(clientId) ?? budgets.fallback)?.amount;
    const usable = budget && budget.currency === spend.currency ? budget : undefined;
    const account = balanceShown(client.status) ? client.accountId : undefined;
    return [{
      clientId,
      ...(client.name && { name: client.name }),
      email: client.email,
      status: client.status,
      spend,
      ...(usable && { budget: usable, budgetUsePercent: Math.floor((spend.amount * 100) / usable.amount) }),
      balance: account ? (balances.get(account)?.balance ?? zero(spend.currency)) : null,
    }];
  });
}

/**
 * The partner's clients ordered by balance, lowest first, with this month's spend and budget use:
 * one index query per page (the ledger's balances of the accounts its clients serve) plus four
 * batched reads of the page's keys. Only accounts billed while served are in the index; an entry
 * whose client no longer serves that account is left out (the page is then shorter).
 */
export async function clientsByBalance(deps: PortfolioDeps, partnerId: string, page: { limit: number; cursor?: string }): Promise<Page<ClientSpendRow>> {
  const month = moscowDay(deps.clock.now()).slice(0, 7);
  const found = await deps.portfolio.clientsByBalance(partnerId, page);
  const ids = found.items.map(({ clientId }) => clientId);
  const [clients, budgets, spends] = ids.length === 0
    ? [[], { clients: new Map() }, new Map()] as const
    : await Promise.all([deps.clients.clientsByIds(partnerId, ids), deps.budgets.budgetsFor(partnerId, ids), deps.portfolio.monthSpends(partnerId, ids, month)]);
  const byId = new Map(clients.map((client) => [client.id, client]));
  const items = found.items.flatMap(({ clientId, accountId, balance }): ClientSpendRow[] => {
    const client = byId.get(clientId);
    if (!client || !balanceShown(client.status) || client.accountId !== accountId) return [];
    const spend = spends.get(clientId) ?? zero(balance.currency);
    const budget = (budgets.clients.get(clientId) ?? budgets.fallback)?.amount;
    const usable = budget && budget.currency === spend.currency ? budget : undefined;
    return [{
      clientId, ...(client.name && { name: client.name }), email: client.email, status: client.status, spend,
      ...(usable && { budget: usable, budgetUsePercent: Math.floor((spend.amount * 100) / usable.amount) }),
      balance,
    }];
  });
  return { items, ...(found.nextCursor && { nextCursor: found.nextCursor }) };
}
