import { ValidationError } from '../../../../../shared/domain/errors';
import { money } from '../../../../../shared/domain/Money';
import { billingEventsBody, toBillingEvent } from '../../../../../shared/http/schemas/balances';
import { balanceDetailQuery, LAMBDA_RESPONSE_LIMIT_BYTES, MAX_MOVEMENTS_PER_PAGE, periodQuery } from '../../../../../shared/http/schemas/periodQuery';
import { eachMoscowDay } from '../../../../../shared/domain/moscowTime';
import { toBalanceDetailView } from '../../../../../shared/http/views/balances';
import { parseWith } from '../../../../../shared/http/validation';

const debit = {
  transactionId: 'txn-1', accountId: 'acc-00000000000000000001', type: 'debit', amount: 12_50, currency: 'RUB',
  occurredAt: '2026-03-02T00:30:00+03:00', service: 'compute', resource: 'vm-1',
};

function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details?.issues as Array<{ path: string; message: string }>;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('billingEventsBody', () => {
  it('takes one event as a batch of one, and a batch as it is', () => {
    expect(parseWith(billingEventsBody, debit, 'body')).toEqual({ events: [debit] });
    expect(parseWith(billingEventsBody, { events: [debit, { ...debit, transactionId: 'txn-2' }] }, 'body').events).toHaveLength(2);
  });

  it('names the field at fault: a debit without service, a deposit with one, a local time, a fraction', () => {
    const { service: _service, ...withoutService } = debit;
    expect(issuesOf(() => parseWith(billingEventsBody, withoutService, 'body'))).toEqual([{ path: 'body.events.0.service', message: expect.any(String) }]);
    expect(issuesOf(() => parseWith(billingEventsBody, { ...debit, type: 'deposit' }, 'body'))).toEqual([{ path: 'body.events.0', message: expect.stringContaining('service') }]);
    expect(issuesOf(() => parseWith(billingEventsBody, { events: [debit, { ...debit, occurredAt: '2026-03-02T00:30:00' }] }, 'body')))
      .toEqual([{ path: 'body.events.1.occurredAt', message: expect.any(String) }]);
    expect(issuesOf(() => parseWith(billingEventsBody, { ...debit, amount: 12.5 }, 'body'))).toEqual([{ path: 'body.events.0.amount', message: expect.any(String) }]);
  });

  it('refuses empty batches and batches over 100 events', () => {
    expect(issuesOf(() => parseWith(billingEventsBody, { events: [] }, 'body'))[0]?.path).toBe('body.events');
    expect(issuesOf(() => parseWith(billingEventsBody, { events: Array(101).fill(debit) }, 'body'))[0]?.path).toBe('body.events');
  });

  it('turns an event into domain terms: money and a UTC instant', () => {
    const [event] = parseWith(billingEventsBody, debit, 'body').events;
    expect(toBillingEvent(event!)).toEqual({
      transactionId: 'txn-1', accountId: debit.accountId, type: 'debit', amount: money(12_50, 'RUB'),
      occurredAt: new Date('2026-03-01T21:30:00Z'), service: 'compute', resource: 'vm-1',
    });
  });
});

describe('periodQuery', () => {
  it('accepts up to 366 days and refuses reversed, longer or impossible periods', () => {
    expect(parseWith(periodQuery, { from: '2028-01-01', to: '2028-12-31' }, 'query')).toEqual({ from: '2028-01-01', to: '2028-12-31' });
    expect(issuesOf(() => parseWith(periodQuery, { from: '2026-03-02', to: '2026-03-01' }, 'query'))).toEqual([{ path: 'query.to', message: 'from must not be after to' }]);
    expect(issuesOf(() => parseWith(periodQuery, { from: '2026-01-01', to: '2027-01-02' }, 'query'))[0]?.message).toMatch(/at most 366/);
    expect(issuesOf(() => parseWith(periodQuery, { from: '2026-02-29', to: '2026-03-01' }, 'query'))).toEqual([{ path: 'query.from', message: expect.any(String) }]);
    expect(issuesOf(() => parseWith(periodQuery, { from: '2026-03-01' }, 'query'))[0]?.path).toBe('query.to');
  });
});

describe('toBalanceDetailView', () => {
  it('shows movement times with the Moscow offset and their Moscow day', () => {
    const rub = (amount: number) => money(amount, 'RUB');
    const zeroTotals = { debits: rub(0), deposits: rub(0), withdrawals: rub(0) };
    const view = toBalanceDetailView({
      clientId: 'cli_1', period: { from: '2026-03-02', to: '2026-03-02' }, clientSince: '2026-01-15', opening: rub(0), closing: rub(100), totals: { ...zeroTotals, deposits: rub(100) },
      days: [{ day: '2026-03-02', opening: rub(0), ...zeroTotals, deposits: rub(100), closing: rub(100) }],
      movements: [{ transactionId: 'd1', type: 'deposit', amount: rub(100), occurredAt: new Date('2026-03-01T21:30:00Z') }],
    });
    expect(view.movements).toEqual([{ transactionId: 'd1', type: 'deposit', amount: { amount: 100, currency: 'RUB' }, occurredAt: '2026-03-02T00:30:00.000+03:00', day: '2026-03-02' }]);
    expect(view).toMatchObject({ from: '2026-03-02', to: '2026-03-02', timeZone: 'Europe/Moscow', currency: 'RUB' });
  });
});

describe('"Detail" answers (issue 26)', () => {
  it('stays well under Lambda\'s 6 MB response limit at its worst: 366 days and a full page of movements with the longest values', () => {
    const huge = money(-Number.MAX_SAFE_INTEGER, 'RUB');
    const days = eachMoscowDay('2025-01-01', '2026-01-01');
    const detail = {
      clientId: `cli_${'f'.repeat(124)}`,
      period: { from: days[0]!, to: days.at(-1)! },
      clientSince: days[0]!,
      opening: huge, closing: huge,
      totals: { debits: huge, deposits: huge, withdrawals: huge },
      days: days.map((day) => ({ day, opening: huge, debits: huge, deposits: huge, withdrawals: huge, closing: huge })),
      movements: Array.from({ length: MAX_MOVEMENTS_PER_PAGE }, (_, n) => ({
        transactionId: `${n}`.padStart(128, 'x'), type: 'withdrawal' as const, amount: huge, occurredAt: new Date('2025-12-31T23:59:59.999Z'),
      })),
      nextCursor: 'c'.repeat(2048),
    };

    const bytes = Buffer.byteLength(JSON.stringify(toBalanceDetailView(detail)));

    expect(days).toHaveLength(366);
    expect(bytes).toBeLessThan(LAMBDA_RESPONSE_LIMIT_BYTES / 20);
  });

  it('takes a movements page size of 1–500 (default 100) and a cursor', () => {
    expect(parseWith(balanceDetailQuery, { from: '2026-03-01', to: '2026-03-31' }, 'query')).toEqual({ from: '2026-03-01', to: '2026-03-31', limit: 100 });
    expect(parseWith(balanceDetailQuery, { from: '2026-03-01', to: '2026-03-31', limit: '500', cursor: 'abc' }, 'query')).toMatchObject({ limit: 500, cursor: 'abc' });
    for (const limit of ['0', '501', '1.5', 'all']) {
      expect(issuesOf(() => parseWith(balanceDetailQuery, { from: '2026-03-01', to: '2026-03-31', limit }, 'query'))[0]?.path).toBe('query.limit');
    }
  });
});
