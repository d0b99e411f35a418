/**
 * Test support for balances: port doubles (a client lookup and a ledger kept in memory), the
 * reference that recomputes "Detail" straight from raw events, and fast-check generators of
 * billing events around Moscow midnights and month/year edges.
 */
import fc from 'fast-check';
import type { BalanceDeps } from '../../shared/domain/balances/BalanceDeps';
import type { BalanceDetail } from '../../shared/domain/balances/balanceDetail';
import { type BillingEvent, billingEventFingerprint } from '../../shared/domain/balances/BillingEvent';
import type { Clock } from '../../shared/domain/Clock';
import { emptyTotals, addTotals, totalsOf, type LedgerTotals } from '../../shared/domain/balances/LedgerTotals';
import type { Period } from '../../shared/domain/balances/Period';
import { money } from '../../shared/domain/Money';
import { addMoscowDays, eachMoscowDay, moscowDay, moscowDayStart } from '../../shared/domain/moscowTime';
import type {
  AccountBalance,
  BalanceLedger,
  DayTotals,
  LedgerPosting,
  Movement,
  MovementsPage,
  PostingOutcome,
  ServiceDayDebits,
} from '../../shared/ports/BalanceLedger';
import type { Page } from '../../shared/ports/Page';
import { ValidationError } from '../../shared/domain/errors';
import type { ClientRef } from '../../shared/domain/clients/ClientRef';
import type { ClientLookup } from '../../shared/ports/ClientLookup';

/** Client lookup double: the clients it was given, found only for their own partner. */
export class InMemoryClientLookup implements ClientLookup {
  private readonly clients = new Map<string, ClientRef>();

  public constructor(clients: readonly ClientRef[] = []) {
    for (const client of clients) this.clients.set(client.clientId, client);
  }

  public async findForPartner(partnerId: string, clientId: string): Promise<ClientRef | undefined> {
    const client = this.clients.get(clientId);
    return client?.partnerId === partnerId ? client : undefined;
  }
}

/** Ledger double: keeps the raw postings and answers every read by going through all of them. */
export class InMemoryLedger implements BalanceLedger {
  private readonly postings = new Map<string, LedgerPosting>();

  public async post(postings: readonly LedgerPosting[]): Promise<PostingOutcome[]> {
    const outcomes: PostingOutcome[] = [];
    for (const posting of postings) outcomes.push(this.postOne(posting));
    return outcomes;
  }

  private postOne(posting: LedgerPosting): PostingOutcome {
    const earlier = this.postings.get(posting.event.transactionId);
    if (earlier) {
      const same = billingEventFingerprint(earlier.event) === billingEventFingerprint(posting.event);
      return same ? { status: 'duplicate' } : { status: 'rejected', reason: 'transaction_id_reused' };
    }
    const currency = this.of(posting.event.accountId)[0]?.event.amount.currency;
    if (currency && currency !== posting.event.amount.currency) return { status: 'rejected', reason: 'currency_mismatch' };
    this.postings.set(posting.event.transactionId, posting);
    return { status: 'recorded' };
  }

  public async balance(accountId: string): Promise<AccountBalance | undefined> {
    const postings = this.of(accountId);
    if (postings.length === 0) return undefined;
    const currency = postings[0]!.event.amount.currency;
    const totals = postings.map((posting) => totalsOf(posting.event)).reduce(addTotals, emptyTotals(currency));
    return { accountId, balance: net(totals), asOf: postings.at(-1)!.recordedAt };
  }

  public async balances(accountIds: readonly string[]): Promise<ReadonlyMap<string, AccountBalance>> {
    const found = await Promise.all(accountIds.map((accountId) => this.balance(accountId)));
    return new Map(found.filter((balance) => balance !== undefined).map((balance) => [balance.accountId, balance]));
  }

  public async totalsBefore(accountId: string, day: string, currency: string): Promise<LedgerTotals> {
    return this.of(accountId).filter((posting) => posting.day < day).map((posting) => totalsOf(posting.event)).reduce(addTotals, emptyTotals(currency));
  }

  public async dailyTotals(accountId: string, period: Period): Promise<DayTotals[]> {
    const byDay = new Map<string, LedgerTotals>();
    for (const posting of this.inPeriod(accountId, period)) {
      byDay.set(posting.day, addTotals(byDay.get(posting.day) ?? emptyTotals(posting.event.amount.currency), totalsOf(posting.event)));
    }
    return [...byDay].map(([day, totals]) => ({ day, ...totals }));
  }

  /** Pages as the adapter does; its cursor is the count of movements shown so far, with the reader and period it is bound to. */
  public async movements(accountId: string, period: Period, page: MovementsPage): Promise<Page<Movement>> {
    const all = this.inPeriod(accountId, period).flatMap(({ event }) =>
      event.type === 'debit' ? [] : [{ transactionId: event.transactionId, type: event.type, amount: event.amount, occurredAt: event.occurredAt }],
    ).sort(byTimeThenId);
    const listing = `${page.boundTo}#${accountId}#${period.from}#${period.to}`;
    const [offset, boundTo] = page.cursor ? page.cursor.split('@') : ['0', listing];
    if (boundTo !== listing || !/^\d+$/.test(offset ?? '')) throw new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'Not a cursor of this listing' }], 'invalid_cursor');
    const start = Number(offset);
    const items = all.slice(start, start + page.limit);
    return { items, ...(start + page.limit < all.length && { nextCursor: `${start + page.limit}@${listing}` }) };
  }

  public async serviceDebits(accountId: string, period: Period): Promise<ServiceDayDebits[]> {
    return this.inPeriod(accountId, period).flatMap(({ event, day }) => (event.type === 'debit' ? [{ service: event.service ?? '', day, amount: event.amount }] : []));
  }

  private of(accountId: string): LedgerPosting[] {
    return [...this.postings.values()].filter((posting) => posting.event.accountId === accountId);
  }

  private inPeriod(accountId: string, period: Period): LedgerPosting[] {
    return this.of(accountId).filter((posting) => posting.day >= period.from && posting.day <= period.to);
  }
}

/** Balance use-case deps on the in-memory doubles, with the given clients of partners. */
export function inMemoryBalanceDeps(clients: readonly ClientRef[], clock: Clock): BalanceDeps & { ledger: InMemoryLedger } {
  return { clients: new InMemoryClientLookup(clients), ledger: new InMemoryLedger(), clock };
}

/** A detail day with plain numbers: what the reference and the use case are compared on. */
export interface PlainDay {
  day: string;
  opening: number;
  debits: number;
  deposits: number;
  withdrawals: number;
  closing: number;
}

/**
 * "Detail" recomputed from raw events the slow, obvious way: the first copy of each transactionId
 * counts; a day's opening is the net of every event on an earlier Moscow day.
 */
export function recomputeDetail(events: readonly BillingEvent[], period: Period): { days: PlainDay[]; movements: string[] } {
  const counted = firstOfEachTransaction(events);
  const netOf = (list: BillingEvent[]) => list.reduce((acc, event) => acc + signed(event), 0);
  const sumOf = (list: BillingEvent[], type: BillingEvent['type']) => list.filter((e) => e.type === type).reduce((acc, e) => acc + e.amount.amount, 0);
  const days = eachMoscowDay(period.from, period.to).map((day) => {
    const opening = netOf(counted.filter((event) => moscowDay(event.occurredAt) < day));
    const on = counted.filter((event) => moscowDay(event.occurredAt) === day);
    return {
      day, opening, debits: sumOf(on, 'debit'), deposits: sumOf(on, 'deposit'), withdrawals: sumOf(on, 'withdrawal'), closing: opening + netOf(on),
    };
  });
  const movements = counted
    .filter((event) => event.type !== 'debit' && moscowDay(event.occurredAt) >= period.from && moscowDay(event.occurredAt) <= period.to)
    .sort(byTimeThenId)
    .map((event) => event.transactionId);
  return { days, movements };
}

/** "Detail" in the shape of `recomputeDetail`, after checking that each day's closing is the next day's opening. */
export function plainDetail(detail: BalanceDetail): { days: PlainDay[]; movements: string[] } {
  detail.days.slice(1).forEach((day, index) => expect(day.opening).toEqual(detail.days[index]!.closing));
  expect(detail.opening).toEqual(detail.days[0]!.opening);
  expect(detail.closing).toEqual(detail.days.at(-1)!.closing);
  expect(detail.totals.debits.amount).toBe(detail.days.reduce((sum, day) => sum + day.debits.amount, 0));
  return {
    days: detail.days.map((day) => ({
      day: day.day, opening: day.opening.amount, debits: day.debits.amount, deposits: day.deposits.amount,
      withdrawals: day.withdrawals.amount, closing: day.closing.amount,
    })),
    movements: detail.movements.map((movement) => movement.transactionId),
  };
}

/** Debits per service over a period, recomputed from raw events. */
export function recomputeServiceTotals(events: readonly BillingEvent[], period: Period): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const event of firstOfEachTransaction(events)) {
    const day = moscowDay(event.occurredAt);
    if (event.type === 'debit' && day >= period.from && day <= period.to) {
      totals[event.service ?? ''] = (totals[event.service ?? ''] ?? 0) + event.amount.amount;
    }
  }
  return totals;
}

/** The first copy of each transactionId, in arrival order. */
export function firstOfEachTransaction(events: readonly BillingEvent[]): BillingEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.transactionId) && seen.add(event.transactionId));
}

/** The net effect of one event on a balance. */
export function signed(event: BillingEvent): number {
  return event.type === 'deposit' ? event.amount.amount : -event.amount.amount;
}

function net(totals: LedgerTotals) {
  return money(totals.deposits.amount - totals.withdrawals.amount - totals.debits.amount, totals.deposits.currency);
}

function byTimeThenId(a: { occurredAt: Date; transactionId: string }, b: { occurredAt: Date; transactionId: string }): number {
  const [x, y] = [a.occurredAt.toISOString(), b.occurredAt.toISOString()];
  if (x !== y) return x < y ? -1 : 1;
  return a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0;
}

/** First and last day events are generated on: crosses a year edge and February. */
export const GENERATED_DAYS: Period = { from: '2025-12-20', to: '2026-03-05' };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** An instant within `GENERATED_DAYS`, often within an hour of a Moscow midnight. */
export const instantArb: fc.Arbitrary<Date> = fc
  .tuple(
    fc.integer({ min: 0, max: 75 }),
    fc.oneof(fc.integer({ min: -60 * MINUTE, max: 60 * MINUTE }), fc.integer({ min: 0, max: DAY - 1 })),
  )
  .map(([day, offset]) => new Date(moscowDayStart(addMoscowDays(GENERATED_DAYS.from, day)).getTime() + Math.max(0, offset)));

/** A period inside (or just around) `GENERATED_DAYS`. */
export const periodArb: fc.Arbitrary<Period> = fc
  .tuple(fc.integer({ min: -3, max: 80 }), fc.integer({ min: -3, max: 80 }))
  .map(([a, b]) => ({ from: addMoscowDays(GENERATED_DAYS.from, Math.min(a, b)), to: addMoscowDays(GENERATED_DAYS.from, Math.max(a, b)) }));

/**
 * Distinct billing events of one account (ids `<prefix>-<n>`), then delivered out of order with
 * some of them repeated: what a real billing feed with retries looks like.
 */
export function deliveryArb(accountId: string, prefix: string, maxEvents = 30): fc.Arbitrary<{ events: BillingEvent[]; delivered: BillingEvent[] }> {
  const eventArb = fc.record({
    type: fc.constantFrom('debit', 'debit', 'debit', 'deposit', 'withdrawal') as fc.Arbitrary<BillingEvent['type']>,
    amount: fc.integer({ min: 1, max: 500_000 }),
    occurredAt: instantArb,
    service: fc.constantFrom('compute', 'storage', 'network', 'databases'),
  });
  return fc
    .array(eventArb, { minLength: 1, maxLength: maxEvents })
    .map((raw) => raw.map((e, n): BillingEvent => ({
      transactionId: `${prefix}-${n}`,
      accountId,
      type: e.type,
      amount: money(e.amount, 'RUB'),
      occurredAt: e.occurredAt,
      ...(e.type === 'debit' && { service: e.service, resource: `${e.service}-${n % 3}` }),
    })))
    .chain((events) => fc
      .array(fc.constantFrom(...events), { maxLength: 5 })
      .chain((repeats) => fc.shuffledSubarray([...events, ...repeats], { minLength: events.length + repeats.length }))
      .map((delivered) => ({ events, delivered })));
}
