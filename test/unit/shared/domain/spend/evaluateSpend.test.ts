import fc from 'fast-check';
import { DEFAULT_MAIL_SETTINGS } from '../../../../../shared/domain/mails/MailSettings';
import type { BillingEvent } from '../../../../../shared/domain/balances/BillingEvent';
import { recordBillingEvents } from '../../../../../shared/domain/balances/recordBillingEvents';
import { FixedClock } from '../../../../../shared/domain/Clock';
import { money } from '../../../../../shared/domain/Money';
import { DEFAULT_THRESHOLDS, type Budget } from '../../../../../shared/domain/spend/Budget';
import { ingestBillingEvents, type IngestDeps } from '../../../../../shared/domain/spend/ingestBillingEvents';
import { InMemoryPartnerRepository } from '../../../../support/fakes/InMemoryPartnerRepository';
import { InMemorySpendWorld } from '../../../../support/fakes/InMemorySpendWorld';
import { RecordingEventPublisher } from '../../../../support/fakes/RecordingEventPublisher';
import { RecordingMailer } from '../../../../support/fakes/RecordingMailer';

const PARTNER = 'ptn_1';
const CLIENT = 'cli_1';
const ACCOUNT = 'acc-0000000000000000001';
const NOW = '2026-12-20T09:00:00Z';
const BUDGET = 10_000;

function budget(overrides: Partial<Budget> = {}): Budget {
  return {
    partnerId: PARTNER, scope: { kind: 'client', clientId: CLIENT }, amount: money(BUDGET, 'RUB'),
    thresholds: [...DEFAULT_THRESHOLDS, { percent: 100, basis: 'forecast' }], alertEmails: ['cfo@partner.example'], blockAtLimit: true,
    updatedAt: new Date('2026-12-01T00:00:00Z'), updatedBy: 'usr_1', ...overrides,
  };
}

/** A world with the client's account served (and funded, unless `funded` is false: then debits take it below zero). */
function world(given: Budget | undefined = budget(), funded = true) {
  const spend = new InMemorySpendWorld();
  spend.served.set(ACCOUNT, { accountId: ACCOUNT, partnerId: PARTNER, clientId: CLIENT, since: new Date('2026-10-01T00:00:00Z') });
  if (funded) {
    const deposit: BillingEvent = { transactionId: 'fund', accountId: ACCOUNT, type: 'deposit', amount: money(10_000_000, 'RUB'), occurredAt: new Date('2026-10-02T00:00:00Z') };
    void spend.post([{ event: deposit, day: '2026-10-02', recordedAt: new Date('2026-10-02T00:00:00Z') }]);
  }
  if (given) void spend.save([{ budget: given }]);
  const partners = new InMemoryPartnerRepository();
  partners.add({ partnerId: PARTNER, name: 'Volkova', email: 'owner@partner.example', applicationId: 'app_1', createdAt: new Date('2026-01-01T00:00:00Z'), language: 'en' });
  const mailer = new RecordingMailer();
  const events = new RecordingEventPublisher();
  const blocked: string[] = [];
  const clock = new FixedClock(NOW);
  const deps: IngestDeps = {
    ledger: spend, clock, owners: spend,
    spend: {
      budgets: spend, alerts: spend, ledger: spend, partners, mailer, mail: DEFAULT_MAIL_SETTINGS, events, clock,
      blockClient: async (_partnerId, clientId) => {
        blocked.push(clientId);
      },
      failures: { record: async () => undefined },
    },
  };
  return { spend, mailer, events, blocked, deps };
}

function debit(id: string, amount: number, occurredAt: string): BillingEvent {
  return { transactionId: id, accountId: ACCOUNT, type: 'debit', amount: money(amount, 'RUB'), occurredAt: new Date(occurredAt), service: 'compute' };
}

const keysOf = (fired: ReadonlyArray<{ month: string; key: string }>) => fired.map(({ month, key }) => `${month}/${key}`).sort();

describe('evaluateSpend (through ingestBillingEvents)', () => {
  it('fires 50 % and 80 % of actual spend once each, mails the partner and the extra address, publishes one event each', async () => {
    const { spend, mailer, events, deps } = world();
    await ingestBillingEvents(deps, [debit('t1', 5_000, '2026-12-19T10:00:00Z')]);
    await ingestBillingEvents(deps, [debit('t2', 3_000, '2026-12-20T08:00:00Z')]);
    await ingestBillingEvents(deps, [debit('t2', 3_000, '2026-12-20T08:00:00Z')]);

    // 8 000 of 10 000 on day 20 of 31: the forecast is 12 400 (≥ 100 %) already after the first event.
    expect(keysOf(spend.fired)).toEqual(['2026-12/threshold#100-forecast', '2026-12/threshold#50-actual', '2026-12/threshold#80-actual']);
    expect(mailer.to('owner@partner.example')).toHaveLength(3);
    expect(mailer.to('cfo@partner.example')).toHaveLength(3);
    expect(events.published.map((event) => event.type)).toEqual(Array(3).fill('ClientBudgetThresholdReached'));
    expect(await spend.unreadCount(PARTNER)).toBe(3);
  });

  it('blocks the client once when actual spend reaches the budget and the budget blocks at its limit', async () => {
    const { blocked, deps, spend } = world();
    await ingestBillingEvents(deps, [debit('t1', 10_000, '2026-12-19T10:00:00Z'), debit('t2', 1, '2026-12-19T11:00:00Z')]);
    await ingestBillingEvents(deps, [debit('t3', 1, '2026-12-19T12:00:00Z')]);
    expect(blocked).toEqual([CLIENT]);
    expect(spend.fired.filter((alert) => alert.kind === 'budget_block')).toHaveLength(1);
  });

  it('does not block when the budget does not say so (the default)', async () => {
    const { blocked, deps } = world(budget({ blockAtLimit: false }));
    await ingestBillingEvents(deps, [debit('t1', 20_000, '2026-12-19T10:00:00Z')]);
    expect(blocked).toEqual([]);
  });

  it("uses the partner's default for a client without its own budget", async () => {
    const { spend, deps } = world(budget({ scope: { kind: 'default' }, thresholds: [{ percent: 10, basis: 'actual' }] }));
    await ingestBillingEvents(deps, [debit('t1', 1_000, '2026-12-19T10:00:00Z')]);
    expect(keysOf(spend.fired)).toEqual(['2026-12/threshold#10-actual']);
  });

  it('counts a late event in the month of its day, and fires that month\'s thresholds there', async () => {
    const { spend, deps } = world();
    await ingestBillingEvents(deps, [debit('t1', 6_000, '2026-11-30T10:00:00Z')]);
    // November is over: its forecast is what it spent (6 000 < 10 000).
    expect(keysOf(spend.fired)).toEqual(['2026-11/threshold#50-actual']);
  });

  it('raises a low-balance alert once when the balance falls below zero', async () => {
    const { spend, deps } = world(undefined, false);
    await ingestBillingEvents(deps, [debit('t1', 100, '2026-12-19T10:00:00Z')]);
    await ingestBillingEvents(deps, [debit('t2', 100, '2026-12-19T11:00:00Z')]);
    expect(keysOf(spend.fired)).toEqual(['2026-12/low_balance']);
  });

  it("raises an anomaly when a day's spend is above 3× the trailing 30-day median, not at 3× exactly", async () => {
    const { spend, deps } = world(undefined);
    const history = Array.from({ length: 30 }, (_, day) => debit(`h${day}`, 100, new Date(Date.UTC(2026, 10, 19 + day, 9)).toISOString()));
    await ingestBillingEvents(deps, history);
    spend.fired.length = 0;
    await ingestBillingEvents(deps, [debit('d1', 300, '2026-12-19T10:00:00Z')]);
    expect(spend.fired.filter((alert) => alert.kind === 'anomaly')).toHaveLength(0);
    await ingestBillingEvents(deps, [debit('d2', 1, '2026-12-19T10:30:00Z')]);
    expect(spend.fired.filter((alert) => alert.kind === 'anomaly').map((alert) => alert.key)).toEqual(['anomaly#2026-12-19']);
  });

  it('delivers again a fired alert whose mail failed, on the next evaluation of that month, without a second notification', async () => {
    const { spend, mailer, deps } = world();
    mailer.refuse();
    await ingestBillingEvents(deps, [debit('t1', 5_000, '2026-12-19T10:00:00Z')]);
    expect(spend.notifications).toHaveLength(1);
    mailer.refuse(false);
    await ingestBillingEvents(deps, [debit('t1', 5_000, '2026-12-19T10:00:00Z')]);
    expect(spend.notifications).toHaveLength(1);
    expect(mailer.to('owner@partner.example')).toHaveLength(1);
  });

  it('fires each alert exactly once however events are repeated, reordered, late, or recorded without evaluation (a request that died)', async () => {
    const day = fc.integer({ min: 1, max: 50 }).map((back) => new Date(Date.parse(NOW) - back * 86_400_000 + 3_600_000).toISOString());
    const events = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), amount: fc.integer({ min: 1, max: 4_000 }), at: day }), {
      minLength: 1, maxLength: 12, selector: (event) => event.id,
    });
    await fc.assert(fc.asyncProperty(
      events,
      fc.array(fc.record({ picks: fc.array(fc.nat(), { maxLength: 6 }), dies: fc.boolean() }), { maxLength: 6 }),
      async (generated, deliveries, ) => {
        const { spend, mailer, events: bus, blocked, deps } = world();
        const all = generated.map(({ id, amount, at }) => debit(id, amount, at));
        for (const { picks, dies } of deliveries) {
          const batch = picks.map((pick) => all[pick % all.length]!);
          if (dies) await recordBillingEvents(deps, batch, await spend.servedAccounts([ACCOUNT]));
          else await ingestBillingEvents(deps, batch);
        }
        // The billing system resends until it is answered: at last every event arrives once more.
        await ingestBillingEvents(deps, all);

        const keys = keysOf(spend.fired);
        expect(new Set(keys).size).toBe(keys.length);
        const byMonth = new Map<string, number>();
        for (const event of all) {
          const month = new Date(event.occurredAt.getTime() + 3 * 3_600_000).toISOString().slice(0, 7);
          byMonth.set(month, (byMonth.get(month) ?? 0) + event.amount.amount);
        }
        const expected = [...byMonth].flatMap(([month, spent]) => {
          const forecast = month === '2026-12' ? Math.round((spent * 31) / 20) : spent;
          return [
            ...[50, 80, 100].filter((percent) => spent * 100 >= BUDGET * percent).map((percent) => `${month}/threshold#${percent}-actual`),
            ...(forecast >= BUDGET ? [`${month}/threshold#100-forecast`] : []),
            ...(spent >= BUDGET ? [`${month}/budget_block`] : []),
          ];
        });
        expect(keys.filter((key) => !key.includes('anomaly') && !key.includes('low_balance'))).toEqual(expected.sort());
        expect(keys.filter((key) => key.endsWith('low_balance'))).toEqual([]);
        expect(blocked).toHaveLength(expected.filter((key) => key.endsWith('budget_block')).length);
        expect(mailer.to('owner@partner.example')).toHaveLength(keys.length);
        expect(bus.published).toHaveLength(keys.length);
      },
    ), { numRuns: 150 });
  });
});
