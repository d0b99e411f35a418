import type { AuditEntry } from '../domain/audit/AuditEntry';
import type { CalendarMonth } from '../domain/balances/calendarBuckets';
import type { Money } from '../domain/Money';
import type { MoscowDay } from '../domain/moscowTime';
import type { Budget } from '../domain/spend/Budget';
import type { SpendNotification } from '../domain/spend/SpendNotification';
import type { SpendAlert } from '../domain/spend/SpendAlert';
import type { Page } from './Page';

/** A cloud account served (active or blocked) by a partner's client, since an instant. */
export interface ServedAccount {
  readonly accountId: string;
  readonly partnerId: string;
  readonly clientId: string;
  readonly since: Date;
}

/** Who serves which cloud account now (the account locks of the clients table). */
export interface AccountOwners {
  /** The served ones among `accountIds`, by account id. */
  servedAccounts(accountIds: readonly string[]): Promise<ReadonlyMap<string, ServedAccount>>;
}

/** A budget change and the audit entry that records it (written together). */
export interface BudgetChange {
  readonly budget: Budget;
  readonly audit?: AuditEntry;
}

/** A budget removal and its audit entry. */
export interface BudgetRemoval {
  readonly partnerId: string;
  readonly clientId?: string;
  readonly audit?: AuditEntry;
}

/** Budgets of partners' clients and partners' defaults. */
export interface BudgetStore {
  /** The budgets of these clients (absent: none of its own) and the partner's default, if any. */
  budgetsFor(partnerId: string, clientIds: readonly string[]): Promise<{ readonly clients: ReadonlyMap<string, Budget>; readonly fallback?: Budget }>;
  /** The partner's budgets, clients' first by client id, the default last. */
  listBudgets(partnerId: string, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<Budget>>;
  /** Stores budgets (each with its audit entry, atomically). */
  save(changes: readonly BudgetChange[]): Promise<void>;
  /** Removes a budget with its audit entry; false when there was none. */
  remove(removal: BudgetRemoval): Promise<boolean>;
}

/** One client's month as alert evaluation reads it: its spend and the alerts fired in it. */
export interface ClientMonth {
  readonly spend?: Money;
  /** Fired alert keys, with whether everything they call for (mail, event, block) was done. */
  readonly fired: ReadonlyMap<string, { readonly delivered: boolean; readonly notificationId: string }>;
}

/** Spend alerts: per-client month spend, the once-only markers of fired alerts, notifications. */
export interface SpendAlerts {
  /** One client's month (one query). */
  clientMonth(partnerId: string, clientId: string, month: CalendarMonth): Promise<ClientMonth>;
  /**
   * Fires an alert: its marker and its notification, atomically, only if the marker does not
   * exist yet. Returns the notification id when it fired now, `undefined` when it had fired before.
   */
  fire(alert: SpendAlert, at: Date): Promise<string | undefined>;
  /** Records that everything the fired alert calls for was done. */
  markDelivered(alert: SpendAlert): Promise<void>;
}

/** The partner's notifications (console). */
export interface Notifications {
  /** Newest first. */
  listNotifications(partnerId: string, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<SpendNotification>>;
  unreadCount(partnerId: string): Promise<number>;
  /** Marks one read; false when the partner has no such notification. Reading it twice changes nothing. */
  markRead(partnerId: string, notificationId: string): Promise<boolean>;
  /** Newest notifications since an instant (needs attention), at most `limit`. */
  since(partnerId: string, from: Date, limit: number): Promise<SpendNotification[]>;
}

/** A partner's spend on one Moscow day, in one currency. */
export interface PartnerDaySpend {
  readonly day: MoscowDay;
  readonly spend: Money;
}

/** A client and its spend of a month. */
export interface ClientSpend {
  readonly clientId: string;
  readonly spend: Money;
}

/** What the portfolio reads: maintained as billing events are recorded, never by scanning clients. */
export interface PortfolioQueries {
  /** The partner's spend per day and currency over `[from, to]` (days without spend are absent). One query. */
  partnerDays(partnerId: string, from: MoscowDay, to: MoscowDay): Promise<PartnerDaySpend[]>;
  /** The partner's clients by their spend of `month`, highest first (one query per page). */
  clientsBySpend(partnerId: string, month: CalendarMonth, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<ClientSpend>>;
  /** The spend of `month` of these clients (absent: none). One batched read per 100. */
  monthSpends(partnerId: string, clientIds: readonly string[], month: CalendarMonth): Promise<ReadonlyMap<string, Money>>;
  /**
   * The balances of accounts the ledger last saw served by the partner's clients, lowest first (one
   * query per page). An account whose client left since stays listed until its next event: callers
   * keep only the clients still served on that account.
   */
  clientsByBalance(partnerId: string, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<ClientBalanceEntry>>;
}

/** A served account's balance, with the client the ledger last saw serving it. */
export interface ClientBalanceEntry {
  readonly clientId: string;
  readonly accountId: string;
  readonly balance: Money;
}
