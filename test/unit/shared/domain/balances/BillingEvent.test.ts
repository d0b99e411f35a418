import { billingEventFingerprint, billingEventProblem, type BillingEvent, FUTURE_TOLERANCE_MS, MAX_EVENT_AMOUNT } from '../../../../../shared/domain/balances/BillingEvent';
import { money } from '../../../../../shared/domain/Money';

const now = new Date('2026-03-01T12:00:00Z');
const debit: BillingEvent = {
  transactionId: 'txn-1', accountId: 'acc-00000000000000000001', type: 'debit', amount: money(12_50, 'RUB'),
  occurredAt: new Date('2026-03-01T11:00:00Z'), service: 'compute', resource: 'vm-1',
};

describe('billingEventProblem', () => {
  it('accepts a plausible event', () => {
    expect(billingEventProblem(debit, now)).toBeUndefined();
    expect(billingEventProblem({ ...debit, type: 'deposit', service: undefined }, now)).toBeUndefined();
  });

  it('refuses zero, negative and huge amounts, and debits without a service', () => {
    for (const amount of [0, -1, MAX_EVENT_AMOUNT + 1]) {
      expect(billingEventProblem({ ...debit, amount: { amount, currency: 'RUB' } }, now)).toBe('invalid_event');
    }
    expect(billingEventProblem({ ...debit, service: undefined }, now)).toBe('invalid_event');
  });

  it('refuses events dated in the future beyond the clock-skew tolerance', () => {
    expect(billingEventProblem({ ...debit, occurredAt: new Date(now.getTime() + FUTURE_TOLERANCE_MS) }, now)).toBeUndefined();
    expect(billingEventProblem({ ...debit, occurredAt: new Date(now.getTime() + FUTURE_TOLERANCE_MS + 1) }, now)).toBe('occurred_in_future');
  });
});

describe('billingEventFingerprint', () => {
  it('is the same for the same content and differs when any field differs', () => {
    expect(billingEventFingerprint({ ...debit })).toBe(billingEventFingerprint(debit));
    const variants: BillingEvent[] = [
      { ...debit, amount: money(12_51, 'RUB') },
      { ...debit, amount: money(12_50, 'USD') },
      { ...debit, occurredAt: new Date('2026-03-01T11:00:00.001Z') },
      { ...debit, service: 'storage' },
      { ...debit, resource: undefined },
      { ...debit, accountId: 'acc-00000000000000000002' },
    ];
    for (const variant of variants) expect(billingEventFingerprint(variant)).not.toBe(billingEventFingerprint(debit));
  });
});
