/**
 * Keys of the `spend` table (spend control): partners' budgets, each client's month spend with the
 * once-only markers of its fired alerts, partners' daily spend, and partners' notifications.
 * Every partition is one partner's (or one partner-month's): a key built from another partner's id
 * can never be reached from a request, which is always scoped by the caller's partner id.
 */
import type { CalendarMonth } from '../../domain/balances/calendarBuckets';
import type { MoscowDay } from '../../domain/moscowTime';

/** A full key of the table. */
export type SpendKey = {
  readonly pk: string;
  readonly sk: string;
};

/** Partition of a partner's budgets. */
export function budgetsPartition(partnerId: string): string {
  return `BUDGETS#${partnerId}`;
}

/** A client's own budget. */
export function clientBudgetKey(partnerId: string, clientId: string): SpendKey {
  return { pk: budgetsPartition(partnerId), sk: `CLIENT#${clientId}` };
}

/** The partner's default budget (sorts after every `CLIENT#`). */
export function defaultBudgetKey(partnerId: string): SpendKey {
  return { pk: budgetsPartition(partnerId), sk: 'DEFAULT' };
}

/** Partition of one partner-month: each client's spend item and its fired alert markers. */
export function monthPartition(partnerId: string, month: CalendarMonth): string {
  return `MONTH#${partnerId}#${month}`;
}

/** A client's spend of a month. */
export function clientMonthKey(partnerId: string, clientId: string, month: CalendarMonth): SpendKey {
  return { pk: monthPartition(partnerId, month), sk: `CLIENT#${clientId}` };
}

/** The once-only marker of an alert fired for a client in a month (sorts right after its spend item). */
export function alertMarkerKey(partnerId: string, clientId: string, month: CalendarMonth, alertKey: string): SpendKey {
  return { pk: monthPartition(partnerId, month), sk: `CLIENT#${clientId}#ALERT#${alertKey}` };
}

/** `spendOf`: partition of the `bySpend` index (only client month spend items carry it). */
export function spendIndexPartition(partnerId: string, month: CalendarMonth): string {
  return `${partnerId}#${month}`;
}

/**
 * Shards of a partner's daily spend: each day's spend is split over this many items (by account)
 * so that concurrent ledger transactions of different accounts seldom hold the same item; reading
 * 90 days is still one query of at most 90 × shards × currencies small items.
 */
export const DAY_SHARDS = 8;

/** Partition of a partner's daily spend. */
export function partnerDaysPartition(partnerId: string): string {
  return `DAYS#${partnerId}`;
}

/** One shard of a partner's spend of a day in a currency. */
export function partnerDayKey(partnerId: string, day: MoscowDay, currency: string, shard: number): SpendKey {
  return { pk: partnerDaysPartition(partnerId), sk: `DAY#${day}#${currency}#${shard}` };
}

/** The shard of an account (a stable hash of its id). */
export function dayShardOf(accountId: string): number {
  let hash = 0;
  for (const char of accountId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % DAY_SHARDS;
}

/** Sort-key bounds of the days `[from, to]`. */
export function partnerDayRange(from: MoscowDay, to: MoscowDay): { readonly from: string; readonly to: string } {
  return { from: `DAY#${from}#`, to: `DAY#${to}#\uffff` };
}

/** Partition of a partner's notifications (newest last by sort key). */
export function notificationsPartition(partnerId: string): string {
  return `NOTES#${partnerId}`;
}

/** Sort key of a notification: the instant it fired, then its alert's identity (unique per client, month and key). */
export function notificationSortKey(at: Date, clientId: string, month: CalendarMonth, alertKey: string): string {
  return `N#${at.toISOString()}#${clientId}#${month}#${alertKey}`;
}

/** The partner's unread notifications counter (`U` sorts after every `N#`). */
export function unreadCounterKey(partnerId: string): SpendKey {
  return { pk: notificationsPartition(partnerId), sk: 'UNREAD' };
}

/** A notification's public id: its sort key, base64url (opaque to the partner, scoped by its partition). */
export function notificationId(sortKey: string): string {
  return `ntf_${Buffer.from(sortKey, 'utf8').toString('base64url')}`;
}

/** The sort key a public notification id names, or `undefined` when it is not one. */
export function notificationSortKeyOf(id: string): string | undefined {
  if (!/^ntf_[A-Za-z0-9_-]{1,400}$/.test(id)) return undefined;
  const sortKey = Buffer.from(id.slice(4), 'base64url').toString('utf8');
  return /^N#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]+#\d{4}-\d{2}#[\w#.-]+$/.test(sortKey) ? sortKey : undefined;
}

/** Index names of the table. */
export const SPEND_INDEXES = { bySpend: 'bySpend' } as const;
