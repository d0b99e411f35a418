import fc from 'fast-check';
import { FixedClock } from '../../../../../shared/domain/Clock';
import { expensesOnServices, summarizeExpenses } from '../../../../../shared/domain/balances/expensesOnServices';
import { recordBillingEvents } from '../../../../../shared/domain/balances/recordBillingEvents';
import { NotFoundError } from '../../../../../shared/domain/errors';
import { money } from '../../../../../shared/domain/Money';
import { deliveryArb, inMemoryBalanceDeps, periodArb, recomputeServiceTotals } from '../../../../support/balances';

const ACCOUNT = 'acc-00000000000000000001';
const clock = new FixedClock('2026-03-10T12:00:00Z');

function deps() {
  return inMemoryBalanceDeps([{ clientId: 'cli_1', partnerId: 'ptn_1', accountId: ACCOUNT, status: 'active', servedSince: new Date('2020-01-01T00:00:00Z') }], clock);
}

describe('expensesOnServices', () => {
  it('totals debits per service, most expensive first, and per day, matching the raw events', async () => {
    await fc.assert(fc.asyncProperty(deliveryArb(ACCOUNT, 'txn'), periodArb, async ({ delivered }, period) => {
      const d = deps();
      await recordBillingEvents(d, delivered);

      const expenses = await expensesOnServices(d, 'ptn_1', 'cli_1', period);

      const expected = recomputeServiceTotals(delivered, period);
      expect(Object.fromEntries(expenses.services.map((s) => [s.service, s.total.amount]))).toEqual(expected);
      const totals = expenses.services.map((s) => s.total.amount);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      const grand = Object.values(expected).reduce((acc, amount) => acc + amount, 0);
      expect(expenses.total.amount).toBe(grand);
      expect(expenses.days.reduce((acc, day) => acc + day.total.amount, 0)).toBe(grand);
      for (const service of expenses.services) {
        expect(service.days.reduce((acc, day) => acc + day.amount.amount, 0)).toBe(service.total.amount);
      }
    }), { numRuns: 100 });
  });

  it('orders equal totals by service name and days oldest first', () => {
    const rub = (amount: number) => money(amount, 'RUB');
    const summary = summarizeExpenses('RUB', [
      { service: 'storage', day: '2026-03-02', amount: rub(100) },
      { service: 'network', day: '2026-03-02', amount: rub(50) },
      { service: 'compute', day: '2026-03-02', amount: rub(50) },
      { service: 'network', day: '2026-03-01', amount: rub(50) },
      { service: 'compute', day: '2026-03-01', amount: rub(50) },
    ], { from: '2026-03-01', to: '2026-03-03' });

    expect(summary.services.map((s) => [s.service, s.total.amount, s.days.map((d) => d.day)])).toEqual([
      ['compute', 100, ['2026-03-01', '2026-03-02']],
      ['network', 100, ['2026-03-01', '2026-03-02']],
      ['storage', 100, ['2026-03-02']],
    ]);
    expect(summary.days.map((d) => [d.day, d.total.amount])).toEqual([['2026-03-01', 100], ['2026-03-02', 200], ['2026-03-03', 0]]);
  });

  it('answers 404 for another partner\'s client', async () => {
    await expect(expensesOnServices(deps(), 'ptn_2', 'cli_1', { from: '2026-03-01', to: '2026-03-01' })).rejects.toThrow(NotFoundError);
  });
});
