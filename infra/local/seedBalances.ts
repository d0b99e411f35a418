/**
 * Demo billing for the local stack: a few months of realistic events per cloud account, imported
 * through the same batch importer the `POST /billing-events` route uses. Deterministic: the same
 * seed, accounts and `now` give the same events (and, being idempotent, re-running changes nothing).
 */
import fc from 'fast-check';
import { billingDeps } from '../../shared/adapters/compositionRoot';
import type { BillingEvent } from '../../shared/domain/balances/BillingEvent';
import { type RecordDeps, recordBillingEvents, type ServedAccounts } from '../../shared/domain/balances/recordBillingEvents';
import { money } from '../../shared/domain/Money';
import { addMoscowDays, eachMoscowDay, moscowDay, moscowDayStart } from '../../shared/domain/moscowTime';

/** Options of `demoBillingEvents` / `seedBalances`. */
export interface DemoBillingOptions {
  /** Events are generated up to this instant. */
  readonly now: Date;
  /** How many months back the history starts. */
  readonly months?: number;
  /** Seed of the pseudo-random generator. */
  readonly seed?: number;
}

/** What an import did. */
export interface SeedSummary {
  readonly events: number;
  readonly recorded: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/** Daily price list of the demo cloud, in kopecks. */
const PRICES = {
  /** Per VM per day (a 2 vCPU / 4 GB instance ≈ 7 000 ₽ a month). */
  vm: 230_00,
  /** Per GB of block and object storage per day (≈ 2.40 ₽ a GB a month). */
  storageGb: 8,
  /** Per GB of outbound traffic. */
  egressGb: 1_50,
  /** Per managed database instance per day. */
  database: 540_00,
  /** Per load balancer per day. */
  loadBalancer: 45_00,
} as const;

const MINUTES_PER_DAY = 24 * 60;

/** The demo's debtor covers this share of its bill: four months behind by about one and a half monthly bills. */
const DEBTOR_TOP_UP_PERCENT = 60;

/** One customer's usage: what it runs, how it grows, how it pays. */
const usageProfile = fc.record({
  vms: fc.integer({ min: 1, max: 12 }),
  storageGb: fc.integer({ min: 50, max: 4_000 }),
  egressGbPerDay: fc.integer({ min: 1, max: 150 }),
  databases: fc.integer({ min: 0, max: 3 }),
  loadBalancers: fc.integer({ min: 0, max: 2 }),
  /** Monthly growth of usage, in percent. */
  growthPercent: fc.integer({ min: 0, max: 15 }),
  /** Top-ups cover this share of the expected monthly bill, in percent (some customers run into debt). */
  topUpPercent: fc.integer({ min: 85, max: 130 }),
  /** Day of month the customer tops up. */
  topUpDay: fc.integer({ min: 1, max: 10 }),
  /** Whether the customer once withdrew part of an overpayment. */
  withdraws: fc.boolean(),
});

/** Per-day noise: usage factor (percent) and the minute of the day each service's charge is posted. */
const dailyNoise = fc.record({
  factor: fc.integer({ min: 70, max: 130 }),
  minutes: fc.array(fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 }), { minLength: 6, maxLength: 6 }),
});

/**
 * The demo events of each account, oldest first: daily charges for compute, storage, network,
 * databases and load balancers, monthly top-ups and the odd withdrawal.
 */
export function demoBillingEvents(accountIds: readonly string[], options: DemoBillingOptions): BillingEvent[] {
  const today = moscowDay(options.now);
  const firstDay = addMoscowDays(today, -30 * (options.months ?? 4));
  const days = eachMoscowDay(firstDay, today);
  return accountIds.flatMap((accountId, index) => {
    const seed = (options.seed ?? 2026) * 1_000 + index;
    const [drawn] = fc.sample(usageProfile, { seed, numRuns: 1 });
    // The last account tops up less than it spends, so the demo shows a client in debt on any day of the month
    // ("needs attention", negative balances marked); the others' balances depend on the day and their top-up day.
    const profile = index === accountIds.length - 1 ? { ...drawn!, topUpPercent: DEBTOR_TOP_UP_PERCENT } : drawn!;
    const noise = fc.sample(dailyNoise, { seed: seed + 500, numRuns: days.length });
    return accountEvents(accountId, profile, days.map((day, n) => ({ day, ...noise[n]! })), options.now);
  });
}

/**
 * Generates the demo events and imports them (idempotently) through the batch importer, each posted
 * as served by the client that serves its account (`served`), as the billing route posts them: so
 * the balances are in the ledger's per-partner balance index (sort by balance, "needs attention").
 */
export async function seedBalances(
  accountIds: readonly string[],
  options: DemoBillingOptions,
  deps: RecordDeps = billingDeps(),
  served: ServedAccounts = new Map(),
): Promise<SeedSummary> {
  const events = demoBillingEvents(accountIds, options);
  const results = await recordBillingEvents(deps, events, served);
  const count = (status: string) => results.filter((result) => result.status === status).length;
  return { events: events.length, recorded: count('recorded'), duplicates: count('duplicate'), rejected: count('rejected') };
}

type Profile = typeof usageProfile extends fc.Arbitrary<infer T> ? T : never;

function accountEvents(
  accountId: string,
  profile: Profile,
  days: ReadonlyArray<{ day: string; factor: number; minutes: readonly number[] }>,
  now: Date,
): BillingEvent[] {
  const events: BillingEvent[] = [];
  const at = (day: string, minute: number) => new Date(moscowDayStart(day).getTime() + minute * 60_000);
  const growth = (n: number) => 1 + (profile.growthPercent / 100) * (n / 30);
  const charges = (n: number, factor: number) => ({
    compute: Math.round(profile.vms * PRICES.vm * growth(n)),
    storage: Math.round(profile.storageGb * PRICES.storageGb * growth(n)),
    network: Math.round((profile.egressGbPerDay * PRICES.egressGb * factor) / 100),
    databases: profile.databases * PRICES.database,
    'load-balancers': profile.loadBalancers * PRICES.loadBalancer,
  });
  const monthlyBill = (n: number) => 30 * Object.values(charges(n, 100)).reduce((total, amount) => total + amount, 0);
  const topUp = (n: number) => Math.ceil((monthlyBill(n) * profile.topUpPercent) / 100 / 1_000_00) * 1_000_00;

  days.forEach(({ day, factor, minutes }, n) => {
    if (n === 0 || Number(day.slice(8, 10)) === profile.topUpDay) {
      events.push(movement(accountId, 'deposit', `dep-${day}`, topUp(n), at(day, 9 * 60 + minutes[5]! % 600)));
    }
    Object.entries(charges(n, factor)).forEach(([service, amount], s) => {
      if (amount <= 0) return;
      events.push({
        transactionId: `demo-${accountId}-${day}-${service}`,
        accountId,
        type: 'debit',
        amount: money(amount, 'RUB'),
        occurredAt: at(day, minutes[s]!),
        service,
        resource: `${service}-${accountId.slice(-4)}`,
      });
    });
    if (profile.withdraws && n === Math.floor(days.length / 2)) {
      events.push(movement(accountId, 'withdrawal', `wd-${day}`, Math.max(100_00, Math.round(topUp(n) / 4 / 100_00) * 100_00), at(day, 14 * 60 + minutes[5]! % 180)));
    }
  });
  return events.filter((event) => event.occurredAt.getTime() <= now.getTime());
}

function movement(accountId: string, type: 'deposit' | 'withdrawal', id: string, amount: number, occurredAt: Date): BillingEvent {
  return { transactionId: `demo-${accountId}-${id}`, accountId, type, amount: money(amount, 'RUB'), occurredAt };
}
