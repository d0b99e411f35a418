import fc from 'fast-check';
import { FixedClock } from '../../../../../shared/domain/Clock';
import { balanceDetail, dailyDetail } from '../../../../../shared/domain/balances/balanceDetail';
import { clientBalance } from '../../../../../shared/domain/balances/clientBalance';
import { expensesOnServices } from '../../../../../shared/domain/balances/expensesOnServices';
import { recordBillingEvents } from '../../../../../shared/domain/balances/recordBillingEvents';
import { ConflictError, NotFoundError } from '../../../../../shared/domain/errors';
import { money } from '../../../../../shared/domain/Money';
import type { ClientRef } from '../../../../../shared/domain/clients/ClientRef';
import { deliveryArb, inMemoryBalanceDeps, periodArb, plainDetail, recomputeDetail } from '../../../../support/balances';

/** A page large enough for every movement these tests record. */
const EVERY_MOVEMENT = { limit: 500 };

const ACCOUNT = 'acc-00000000000000000001';
const clock = new FixedClock('2026-03-10T12:00:00Z');
/** Served since long before any generated day, so that whole periods are shown. */
const client: ClientRef = { clientId: 'cli_1', partnerId: 'ptn_1', accountId: ACCOUNT, status: 'active', servedSince: new Date('2020-01-01T00:00:00Z') };

function deps(clients: readonly ClientRef[] = [client]) {
  return inMemoryBalanceDeps(clients, clock);
}

describe('balanceDetail', () => {
  it('equals the detail recomputed from raw events, with each closing the next opening', async () => {
    await fc.assert(fc.asyncProperty(deliveryArb(ACCOUNT, 'txn'), periodArb, async ({ delivered }, period) => {
      const d = deps();
      await recordBillingEvents(d, delivered);

      const detail = await balanceDetail(d, 'ptn_1', 'cli_1', period, EVERY_MOVEMENT);

      expect(plainDetail(detail)).toEqual(recomputeDetail(delivered, period));
    }), { numRuns: 100 });
  });

  it('shows every day of the period, quiet ones with zero and an unchanged balance', () => {
    const days = dailyDetail(money(1_000, 'RUB'), [
      { day: '2026-02-28', debits: money(300, 'RUB'), deposits: money(0, 'RUB'), withdrawals: money(0, 'RUB') },
      { day: '2026-03-02', debits: money(0, 'RUB'), deposits: money(500, 'RUB'), withdrawals: money(100, 'RUB') },
    ], { from: '2026-02-27', to: '2026-03-02' });

    expect(days.map((day) => [day.day, day.opening.amount, day.closing.amount])).toEqual([
      ['2026-02-27', 1_000, 1_000],
      ['2026-02-28', 1_000, 700],
      ['2026-03-01', 700, 700],
      ['2026-03-02', 700, 1_100],
    ]);
  });

  it('counts an event at 21:30 UTC on the next Moscow day, and lists it with its +03:00 day', async () => {
    const d = deps();
    await recordBillingEvents(d, [{
      transactionId: 'dep-1', accountId: ACCOUNT, type: 'deposit', amount: money(5_000_00, 'RUB'), occurredAt: new Date('2026-03-01T21:30:00Z'),
    }]);

    const detail = await balanceDetail(d, 'ptn_1', 'cli_1', { from: '2026-03-01', to: '2026-03-02' }, EVERY_MOVEMENT);

    expect(detail.days.map((day) => [day.day, day.deposits.amount, day.closing.amount])).toEqual([['2026-03-01', 0, 0], ['2026-03-02', 5_000_00, 5_000_00]]);
    expect(detail.movements).toEqual([expect.objectContaining({ transactionId: 'dep-1', type: 'deposit' })]);
  });

  it('shows blocked clients; not invited or cancelled ones (409 client_not_active), nor unknown, detached or other partners\' (404)', async () => {
    const blocked = { ...client, clientId: 'cli_blocked', status: 'blocked' as const };
    const invited = { ...client, clientId: 'cli_invited', status: 'invited' as const };
    const cancelled = { ...client, clientId: 'cli_cancelled', status: 'cancelled' as const };
    const detached = { ...client, clientId: 'cli_detached', status: 'detached' as const };
    const d = deps([client, blocked, invited, cancelled, detached]);
    const period = { from: '2026-03-01', to: '2026-03-01' };

    await expect(balanceDetail(d, 'ptn_1', 'cli_blocked', period, EVERY_MOVEMENT)).resolves.toMatchObject({ clientId: 'cli_blocked' });
    for (const [clientId, status] of [['cli_invited', 'invited'], ['cli_cancelled', 'cancelled']] as const) {
      const notActive = { constructor: ConflictError, code: 'client_not_active', details: { clientId, status } };
      await expect(balanceDetail(d, 'ptn_1', clientId, period, EVERY_MOVEMENT)).rejects.toMatchObject(notActive);
      await expect(clientBalance(d, 'ptn_1', clientId)).rejects.toMatchObject(notActive);
    }
    for (const [partnerId, clientId] of [['ptn_1', 'cli_detached'], ['ptn_1', 'cli_none'], ['ptn_2', 'cli_1'], ['ptn_2', 'cli_invited']] as const) {
      await expect(balanceDetail(d, partnerId, clientId, period, EVERY_MOVEMENT)).rejects.toThrow(NotFoundError);
      await expect(clientBalance(d, partnerId, clientId)).rejects.toThrow(NotFoundError);
    }
  });
});

describe('balance of a client served since a day', () => {
  const lateClient: ClientRef = { ...client, servedSince: new Date('2026-03-05T09:00:00Z') };
  const event = (transactionId: string, occurredAt: string, type: 'deposit' | 'debit') =>
    ({ transactionId, accountId: ACCOUNT, type, amount: money(1_000, 'RUB'), occurredAt: new Date(occurredAt), ...(type === 'debit' && { service: 'compute' }) });

  it('shows "Detail" and "Expenses" only from the acceptance day on, while the current balance stays the account\'s', async () => {
    const d = deps([lateClient]);
    await recordBillingEvents(d, [event('before', '2026-02-10T10:00:00Z', 'deposit'), event('debit-before', '2026-02-11T10:00:00Z', 'debit'), event('after', '2026-03-06T10:00:00Z', 'deposit')]);

    const detail = await balanceDetail(d, 'ptn_1', 'cli_1', { from: '2026-02-01', to: '2026-03-09' }, EVERY_MOVEMENT);
    const expenses = await expensesOnServices(d, 'ptn_1', 'cli_1', { from: '2026-02-01', to: '2026-03-09' });
    const current = await clientBalance(d, 'ptn_1', 'cli_1');

    expect(detail).toMatchObject({ period: { from: '2026-03-05', to: '2026-03-09' }, clientSince: '2026-03-05' });
    expect(detail.movements.map((movement) => movement.transactionId)).toEqual(['after']);
    expect(detail.days.map((day) => day.day)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    expect(expenses).toMatchObject({ period: { from: '2026-03-05', to: '2026-03-09' }, clientSince: '2026-03-05', total: { amount: 0 }, services: [] });
    expect(current.balance.amount).toBe(1_000);
  });

  it('refuses a period wholly before the acceptance day (period_before_client)', async () => {
    const d = deps([lateClient]);
    await expect(balanceDetail(d, 'ptn_1', 'cli_1', { from: '2026-02-01', to: '2026-03-04' }, EVERY_MOVEMENT)).rejects.toMatchObject({ code: 'period_before_client' });
    await expect(expensesOnServices(d, 'ptn_1', 'cli_1', { from: '2026-02-01', to: '2026-03-04' })).rejects.toMatchObject({ code: 'period_before_client' });
  });
});

describe('clientBalance', () => {
  it('is zero roubles as of now for an account without events', async () => {
    expect(await clientBalance(deps(), 'ptn_1', 'cli_1')).toEqual({ clientId: 'cli_1', balance: money(0, 'RUB'), asOf: clock.now() });
  });

  it('is the net of every recorded event, as of when the last one was taken in', async () => {
    const d = deps();
    await recordBillingEvents(d, [
      { transactionId: 'a', accountId: ACCOUNT, type: 'deposit', amount: money(1_000_00, 'RUB'), occurredAt: new Date('2026-02-01T10:00:00Z') },
      { transactionId: 'b', accountId: ACCOUNT, type: 'debit', amount: money(250_50, 'RUB'), occurredAt: new Date('2026-02-02T10:00:00Z'), service: 'compute' },
      { transactionId: 'c', accountId: ACCOUNT, type: 'withdrawal', amount: money(100_00, 'RUB'), occurredAt: new Date('2026-02-03T10:00:00Z') },
    ]);

    expect(await clientBalance(d, 'ptn_1', 'cli_1')).toEqual({ clientId: 'cli_1', balance: money(649_50, 'RUB'), asOf: clock.now() });
  });
});
