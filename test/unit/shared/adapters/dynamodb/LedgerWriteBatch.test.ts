import { LedgerWriteBatch } from '../../../../../shared/adapters/dynamodb/LedgerWriteBatch';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from '../../../../../shared/adapters/dynamodb/TransactItem';
import type { BillingEvent } from '../../../../../shared/domain/balances/BillingEvent';
import { money } from '../../../../../shared/domain/Money';
import { moscowDay } from '../../../../../shared/domain/moscowTime';
import type { LedgerPosting } from '../../../../../shared/ports/BalanceLedger';

const ACCOUNT = 'acc-00000000000000000001';
const recordedAt = new Date('2026-03-10T12:00:00Z');

function posting(transactionId: string, overrides: Partial<BillingEvent> = {}): LedgerPosting {
  const event: BillingEvent = {
    transactionId, accountId: ACCOUNT, type: 'debit', amount: money(100, 'RUB'), occurredAt: new Date('2026-03-01T21:30:00Z'), service: 'compute', ...overrides,
  };
  return { event, day: moscowDay(event.occurredAt), recordedAt };
}

const keyOf = (item: TransactItem) => `${String((item.Put?.Item ?? item.Update?.Key)?.sk)}`;
const valuesOf = (items: TransactItem[], sk: string) => items.find((item) => keyOf(item) === sk)?.Update?.ExpressionAttributeValues;

describe('LedgerWriteBatch', () => {
  it('writes one posting as marker, balance, year, month, day and service-day, marker first and balance second', () => {
    const batch = new LedgerWriteBatch('ledger');
    batch.tryAdd(posting('t1'));

    const items = batch.items();
    expect(items.map(keyOf)).toEqual(['TRANSACTION', 'BALANCE', 'YEAR#2026', 'MONTH#2026-03', 'DAY#2026-03-02', 'SERVICE#2026-03-02#compute']);
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(valuesOf(items, 'BALANCE')).toMatchObject({ ':net': -100, ':currency': 'RUB' });
  });

  it('merges postings that touch the same totals into one update each', () => {
    const batch = new LedgerWriteBatch('ledger');
    batch.tryAdd(posting('t1'));
    batch.tryAdd(posting('t2', { amount: money(250, 'RUB') }));
    batch.tryAdd(posting('t3', { type: 'deposit', service: undefined, amount: money(1_000, 'RUB') }));

    const items = batch.items();
    expect(items.filter((item) => keyOf(item) === 'TRANSACTION')).toHaveLength(3);
    expect(valuesOf(items, 'BALANCE')).toMatchObject({ ':net': 1_000 - 350 });
    expect(valuesOf(items, 'DAY#2026-03-02')).toMatchObject({ ':debits': 350, ':deposits': 1_000, ':withdrawals': 0 });
    expect(valuesOf(items, 'SERVICE#2026-03-02#compute')).toMatchObject({ ':amount': 350 });
    expect(items.filter((item) => keyOf(item).startsWith('MOVEMENT#'))).toHaveLength(1);
    expect(new Set(items.map((item) => JSON.stringify(item.Put?.Item ?? item.Update?.Key))).size).toBe(items.length);
  });

  it('refuses a repeated transactionId, another currency, and anything past 100 items', () => {
    const batch = new LedgerWriteBatch('ledger');
    expect(batch.tryAdd(posting('t1'))).toBe(true);
    expect(batch.tryAdd(posting('t1'))).toBe(false);
    expect(batch.tryAdd(posting('usd', { amount: money(1, 'USD') }))).toBe(false);

    let day = 0;
    while (batch.tryAdd(posting(`d${day}`, { occurredAt: new Date(Date.UTC(2026, 0, 1 + day, 12)), service: `s${day % 3}` }))) day += 1;
    expect(batch.items().length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
    expect(batch.items().length).toBeGreaterThan(MAX_TRANSACTION_ITEMS - 5);
    expect(batch.size).toBe(day + 1);
  });
});
