import { billingEventFingerprint } from '../../../shared/domain/balances/BillingEvent';
import type { CalendarMonth } from '../../../shared/domain/balances/calendarBuckets';
import type { Period } from '../../../shared/domain/balances/Period';
import { money, type Money } from '../../../shared/domain/Money';
import type { MoscowDay } from '../../../shared/domain/moscowTime';
import type { Budget } from '../../../shared/domain/spend/Budget';
import type { SpendAlert } from '../../../shared/domain/spend/SpendAlert';
import type { SpendNotification } from '../../../shared/domain/spend/SpendNotification';
import type { AccountBalance, BalanceLedger, DayTotals, LedgerPosting, PostingOutcome } from '../../../shared/ports/BalanceLedger';
import type { Page } from '../../../shared/ports/Page';
import type {
  AccountOwners, BudgetChange, BudgetRemoval, BudgetStore, ClientBalanceEntry, ClientMonth, ClientSpend, Notifications, PartnerDaySpend,
  PortfolioQueries, ServedAccount, SpendAlerts,
} from '../../../shared/ports/SpendStore';

/**
 * The ledger and spend control in memory, mirroring `DynamoLedger` + `DynamoSpendStore`: a posting
 * counts once by transactionId (its served debit adds to the client's month and the partner's day
 * in the same step), an alert fires once per client, month and key. Only what the spend use cases
 * read is kept (balances, debit day totals, month spend, markers, notifications, budgets).
 */
export class InMemorySpendWorld implements BalanceLedger, BudgetStore, SpendAlerts, Notifications, PortfolioQueries, AccountOwners {
  public readonly served = new Map<string, ServedAccount>();
  public readonly budgetItems = new Map<string, Budget>();
  public readonly notifications: SpendNotification[] = [];
  private readonly markers = new Map<string, { delivered: boolean; notificationId: string }>();
  private readonly fingerprints = new Map<string, string>();
  private readonly balanceOf = new Map<string, AccountBalance>();
  private readonly debitsOf = new Map<string, number>();
  private readonly monthSpend = new Map<string, Money>();
  private readonly partnerDay = new Map<string, Money>();
  /** Fired alerts, in firing order (what a test counts). */
  public readonly fired: SpendAlert[] = [];

  public async servedAccounts(accountIds: readonly string[]): Promise<ReadonlyMap<string, ServedAccount>> {
    return new Map(accountIds.flatMap((id) => (this.served.has(id) ? [[id, this.served.get(id)!] as const] : [])));
  }

  public async post(postings: readonly LedgerPosting[]): Promise<PostingOutcome[]> {
    return postings.map(({ event, day, recordedAt, servedBy }): PostingOutcome => {
      const fingerprint = billingEventFingerprint(event);
      const seen = this.fingerprints.get(event.transactionId);
      if (seen) return seen === fingerprint ? { status: 'duplicate' } : { status: 'rejected', reason: 'transaction_id_reused' };
      this.fingerprints.set(event.transactionId, fingerprint);
      const { amount, currency } = event.amount;
      const net = event.type === 'deposit' ? amount : -amount;
      const before = this.balanceOf.get(event.accountId)?.balance.amount ?? 0;
      this.balanceOf.set(event.accountId, { accountId: event.accountId, balance: money(before + net, currency), asOf: recordedAt });
      if (event.type === 'debit') {
        this.debitsOf.set(`${event.accountId}|${day}`, (this.debitsOf.get(`${event.accountId}|${day}`) ?? 0) + amount);
        if (servedBy) {
          const monthKey = `${servedBy.partnerId}|${servedBy.clientId}|${day.slice(0, 7)}`;
          this.monthSpend.set(monthKey, money((this.monthSpend.get(monthKey)?.amount ?? 0) + amount, currency));
          const dayKey = `${servedBy.partnerId}|${day}|${currency}`;
          this.partnerDay.set(dayKey, money((this.partnerDay.get(dayKey)?.amount ?? 0) + amount, currency));
        }
      }
      return { status: 'recorded' };
    });
  }

  public async balance(accountId: string): Promise<AccountBalance | undefined> {
    return this.balanceOf.get(accountId);
  }

  public async balances(accountIds: readonly string[]): Promise<ReadonlyMap<string, AccountBalance>> {
    return new Map(accountIds.flatMap((id) => (this.balanceOf.has(id) ? [[id, this.balanceOf.get(id)!] as const] : [])));
  }

  public async dailyTotals(accountId: string, period: Period): Promise<DayTotals[]> {
    const currency = this.balanceOf.get(accountId)?.balance.currency ?? 'RUB';
    return [...this.debitsOf].flatMap(([key, amount]) => {
      const [account, day] = key.split('|') as [string, MoscowDay];
      if (account !== accountId || day < period.from || day > period.to) return [];
      return [{ day, debits: money(amount, currency), deposits: money(0, currency), withdrawals: money(0, currency) }];
    });
  }

  public async totalsBefore(): Promise<never> {
    throw new Error('not used by spend control');
  }

  public async movements(): Promise<never> {
    throw new Error('not used by spend control');
  }

  public async serviceDebits(): Promise<never> {
    throw new Error('not used by spend control');
  }

  public async budgetsFor(partnerId: string, clientIds: readonly string[]): Promise<{ clients: ReadonlyMap<string, Budget>; fallback?: Budget }> {
    const clients = new Map(clientIds.flatMap((id) => {
      const budget = this.budgetItems.get(`${partnerId}|${id}`);
      return budget ? [[id, budget] as const] : [];
    }));
    const fallback = this.budgetItems.get(`${partnerId}|`);
    return { clients, ...(fallback && { fallback }) };
  }

  public async listBudgets(partnerId: string): Promise<Page<Budget>> {
    return { items: [...this.budgetItems.values()].filter((budget) => budget.partnerId === partnerId) };
  }

  public async save(changes: readonly BudgetChange[]): Promise<void> {
    for (const { budget } of changes) {
      this.budgetItems.set(`${budget.partnerId}|${budget.scope.kind === 'client' ? budget.scope.clientId : ''}`, budget);
    }
  }

  public async remove(removal: BudgetRemoval): Promise<boolean> {
    return this.budgetItems.delete(`${removal.partnerId}|${removal.clientId ?? ''}`);
  }

  public async clientMonth(partnerId: string, clientId: string, month: CalendarMonth): Promise<ClientMonth> {
    const prefix = `${partnerId}|${clientId}|${month}|`;
    const fired = new Map([...this.markers].flatMap(([key, marker]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), { ...marker }] as const] : [])));
    const spend = this.monthSpend.get(`${partnerId}|${clientId}|${month}`);
    return { ...(spend && { spend }), fired };
  }

  public async fire(alert: SpendAlert, at: Date): Promise<string | undefined> {
    const key = `${alert.partnerId}|${alert.clientId}|${alert.month}|${alert.key}`;
    if (this.markers.has(key)) return undefined;
    const id = `ntf_${this.markers.size + 1}`;
    this.markers.set(key, { delivered: false, notificationId: id });
    this.fired.push(alert);
    this.notifications.push({ id, partnerId: alert.partnerId, clientId: alert.clientId, kind: alert.kind, month: alert.month, at, read: false, facts: alert.facts });
    return id;
  }

  public async markDelivered(alert: SpendAlert): Promise<void> {
    const marker = this.markers.get(`${alert.partnerId}|${alert.clientId}|${alert.month}|${alert.key}`);
    if (marker) marker.delivered = true;
  }

  public async listNotifications(partnerId: string): Promise<Page<SpendNotification>> {
    return { items: this.notifications.filter((each) => each.partnerId === partnerId).reverse() };
  }

  public async unreadCount(partnerId: string): Promise<number> {
    return this.notifications.filter((each) => each.partnerId === partnerId && !each.read).length;
  }

  public async markRead(partnerId: string, id: string): Promise<boolean> {
    const index = this.notifications.findIndex((each) => each.partnerId === partnerId && each.id === id);
    if (index < 0) return false;
    this.notifications[index] = { ...this.notifications[index]!, read: true };
    return true;
  }

  public async since(partnerId: string, from: Date, limit: number): Promise<SpendNotification[]> {
    return this.notifications.filter((each) => each.partnerId === partnerId && each.at >= from).reverse().slice(0, limit);
  }

  public async partnerDays(partnerId: string, from: MoscowDay, to: MoscowDay): Promise<PartnerDaySpend[]> {
    return [...this.partnerDay].flatMap(([key, spend]) => {
      const [partner, day] = key.split('|') as [string, MoscowDay];
      return partner === partnerId && day >= from && day <= to ? [{ day, spend }] : [];
    });
  }

  public async clientsBySpend(partnerId: string, month: CalendarMonth, page: { limit: number }): Promise<Page<ClientSpend>> {
    const items = [...this.monthSpend].flatMap(([key, spend]) => {
      const [partner, clientId, itsMonth] = key.split('|') as [string, string, string];
      return partner === partnerId && itsMonth === month ? [{ clientId, spend }] : [];
    });
    return { items: items.sort((a, b) => b.spend.amount - a.spend.amount).slice(0, page.limit) };
  }

  public async monthSpends(partnerId: string, clientIds: readonly string[], month: CalendarMonth): Promise<ReadonlyMap<string, Money>> {
    return new Map(clientIds.flatMap((clientId) => {
      const spend = this.monthSpend.get(`${partnerId}|${clientId}|${month}`);
      return spend ? [[clientId, spend] as const] : [];
    }));
  }

  public async clientsByBalance(partnerId: string, page: { limit: number }): Promise<Page<ClientBalanceEntry>> {
    const items = [...this.served.values()].flatMap((served) => {
      const balance = this.balanceOf.get(served.accountId)?.balance;
      return served.partnerId === partnerId && balance ? [{ clientId: served.clientId, accountId: served.accountId, balance }] : [];
    });
    return { items: items.sort((a, b) => a.balance.amount - b.balance.amount).slice(0, page.limit) };
  }
}
