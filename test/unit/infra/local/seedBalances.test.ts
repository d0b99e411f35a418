import { demoBillingEvents } from '../../../../infra/local/seedBalances';
import { billingEventProblem } from '../../../../shared/domain/balances/BillingEvent';
import { moscowDay } from '../../../../shared/domain/moscowTime';

const accounts = ['acc-00000000000000000001', 'acc-00000000000000000002'];
const now = new Date('2026-03-10T12:00:00Z');

describe('demoBillingEvents', () => {
  it('leaves the last account in debt on every day of a month, whatever the number of accounts (the demo\'s "needs attention")', () => {
    const balances = (ids: readonly string[], at: Date) => {
      const sums = new Map<string, number>();
      for (const event of demoBillingEvents(ids, { now: at, months: 4 })) {
        sums.set(event.accountId, (sums.get(event.accountId) ?? 0) + (event.type === 'deposit' ? 1 : -1) * event.amount.amount);
      }
      return sums;
    };
    for (const count of [1, 3, 6]) {
      const ids = Array.from({ length: count }, (_, i) => `acc-${String(i).padStart(20, '0')}`);
      for (let day = 1; day <= 31; day += 1) {
        const at = new Date(Date.UTC(2026, 11, day, 20));
        expect([count, day, (balances(ids, at).get(ids.at(-1)!) ?? 0) < 0]).toEqual([count, day, true]);
      }
    }
  });

  it('gives the same events for the same seed, and others for another seed', () => {
    const once = demoBillingEvents(accounts, { now, months: 2, seed: 7 });
    expect(demoBillingEvents(accounts, { now, months: 2, seed: 7 })).toEqual(once);
    expect(demoBillingEvents(accounts, { now, months: 2, seed: 8 })).not.toEqual(once);
  });

  it('gives each account months of valid, unique, past events across several services, with deposits', () => {
    const events = demoBillingEvents(accounts, { now, months: 3 });

    expect(new Set(events.map((event) => event.transactionId)).size).toBe(events.length);
    expect(events.filter((event) => billingEventProblem(event, now) !== undefined)).toEqual([]);
    for (const accountId of accounts) {
      const own = events.filter((event) => event.accountId === accountId);
      const days = new Set(own.map((event) => moscowDay(event.occurredAt)));
      expect(days.size).toBeGreaterThanOrEqual(89);
      expect(new Set(own.flatMap((event) => event.service ?? [])).size).toBeGreaterThanOrEqual(3);
      expect(own.filter((event) => event.type === 'deposit').length).toBeGreaterThanOrEqual(3);
    }
  });
});
