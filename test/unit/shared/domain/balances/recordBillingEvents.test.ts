import fc from 'fast-check';
import { FixedClock } from '../../../../../shared/domain/Clock';
import type { BillingEvent } from '../../../../../shared/domain/balances/BillingEvent';
import { recordBillingEvents } from '../../../../../shared/domain/balances/recordBillingEvents';
import { money } from '../../../../../shared/domain/Money';
import type { BalanceLedger, LedgerPosting } from '../../../../../shared/ports/BalanceLedger';
import { deliveryArb, InMemoryLedger } from '../../../../support/balances';

const ACCOUNT = 'acc-00000000000000000001';
const clock = new FixedClock('2026-03-10T12:00:00Z');

function event(transactionId: string, overrides: Partial<BillingEvent> = {}): BillingEvent {
  return {
    transactionId, accountId: ACCOUNT, type: 'debit', amount: money(100_00, 'RUB'),
    occurredAt: new Date('2026-03-01T21:30:00Z'), service: 'compute', ...overrides,
  };
}

describe('recordBillingEvents', () => {
  it('records new events, reports repeats as duplicates, and answers in input order', async () => {
    const ledger = new InMemoryLedger();
    const results = await recordBillingEvents({ ledger, clock }, [
      event('t1'),
      event('t2', { accountId: 'acc-00000000000000000002', type: 'deposit', service: undefined }),
      event('t1'),
    ]);

    expect(results).toEqual([
      { transactionId: 't1', status: 'recorded' },
      { transactionId: 't2', status: 'recorded' },
      { transactionId: 't1', status: 'duplicate' },
    ]);
    expect((await ledger.balance(ACCOUNT))?.balance).toEqual(money(-100_00, 'RUB'));
  });

  it('posts an event on its Moscow day: 21:30 UTC on March 1 counts for March 2', async () => {
    const ledger = new InMemoryLedger();
    await recordBillingEvents({ ledger, clock }, [event('t1')]);

    expect(await ledger.dailyTotals(ACCOUNT, { from: '2026-03-01', to: '2026-03-01' })).toEqual([]);
    expect(await ledger.dailyTotals(ACCOUNT, { from: '2026-03-02', to: '2026-03-02' })).toEqual([
      expect.objectContaining({ day: '2026-03-02', debits: money(100_00, 'RUB') }),
    ]);
  });

  it('rejects with a reason, and keeps the rest of the batch', async () => {
    const ledger = new InMemoryLedger();
    await recordBillingEvents({ ledger, clock }, [event('t1')]);
    const results = await recordBillingEvents({ ledger, clock }, [
      event('future', { occurredAt: new Date('2026-03-11T00:00:00Z') }),
      event('t1', { amount: money(99_00, 'RUB') }),
      event('usd', { amount: money(5_00, 'USD') }),
      event('no-service', { service: undefined }),
      event('t3'),
    ]);

    expect(results.map((result) => [result.transactionId, result.status, 'reason' in result ? result.reason : undefined])).toEqual([
      ['future', 'rejected', 'occurred_in_future'],
      ['t1', 'rejected', 'transaction_id_reused'],
      ['usd', 'rejected', 'currency_mismatch'],
      ['no-service', 'rejected', 'invalid_event'],
      ['t3', 'recorded', undefined],
    ]);
    expect(results[0]).toMatchObject({ message: expect.stringContaining('future') });
    expect((await ledger.balance(ACCOUNT))?.balance).toEqual(money(-200_00, 'RUB'));
  });

  it('reports a busy ledger for that event only, as something to resend', async () => {
    const ledger = new InMemoryLedger();
    const busy: BalanceLedger = Object.assign(Object.create(ledger) as InMemoryLedger, {
      post: async (postings: readonly LedgerPosting[]) => {
        const outcomes = await ledger.post(postings.filter((posting) => posting.event.transactionId !== 'busy'));
        return postings.map((posting) => (posting.event.transactionId === 'busy' ? { status: 'rejected', reason: 'temporarily_unavailable' } : outcomes.shift()!));
      },
    });
    const results = await recordBillingEvents({ ledger: busy, clock }, [event('busy'), event('t2')]);

    expect(results).toEqual([
      { transactionId: 'busy', status: 'rejected', reason: 'temporarily_unavailable', message: expect.stringContaining('resend') },
      { transactionId: 't2', status: 'recorded' },
    ]);
  });

  it('counts each transaction once whatever the order and the repeats', async () => {
    await fc.assert(fc.asyncProperty(deliveryArb(ACCOUNT, 'txn'), async ({ events, delivered }) => {
      const ledger = new InMemoryLedger();
      const results = await recordBillingEvents({ ledger, clock }, delivered);

      expect(results.filter((result) => result.status === 'recorded')).toHaveLength(events.length);
      expect(results.filter((result) => result.status === 'duplicate')).toHaveLength(delivered.length - events.length);
      const expected = events.reduce((acc, e) => acc + (e.type === 'deposit' ? e.amount.amount : -e.amount.amount), 0);
      expect((await ledger.balance(ACCOUNT))?.balance.amount).toBe(expected);
    }), { numRuns: 50 });
  });
});
