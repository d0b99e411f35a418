import fc from 'fast-check';
import {
  balanceKey,
  dayKey,
  dayRange,
  monthKey,
  movementKey,
  movementRange,
  serviceDayKey,
  serviceDayRange,
  transactionKey,
  yearKey,
  yearsBeforeRange,
} from '../../../../../shared/adapters/dynamodb/ledgerKeys';
import { addMoscowDays, moscowDayEnd, moscowDayStart } from '../../../../../shared/domain/moscowTime';

const ACCOUNT = 'acc-00000000000000000001';
const within = (sk: string, range: { from: string; to: string }) => sk >= range.from && sk <= range.to;
const dayArb = fc.integer({ min: 0, max: 800 }).map((n) => addMoscowDays('2025-01-01', n));

describe('ledger keys', () => {
  it('keep an account\'s items in its partition, told apart by prefix, and transactions in their own', () => {
    expect(balanceKey(ACCOUNT)).toEqual({ pk: `ACCOUNT#${ACCOUNT}`, sk: 'BALANCE' });
    expect(dayKey(ACCOUNT, '2026-03-02').sk).toBe('DAY#2026-03-02');
    expect(monthKey(ACCOUNT, '2026-03').sk).toBe('MONTH#2026-03');
    expect(yearKey(ACCOUNT, '2026').sk).toBe('YEAR#2026');
    expect(serviceDayKey(ACCOUNT, '2026-03-02', 'compute').sk).toBe('SERVICE#2026-03-02#compute');
    expect(movementKey(ACCOUNT, new Date('2026-03-01T21:30:00Z'), 't1').sk).toBe('MOVEMENT#2026-03-01T21:30:00.000Z#t1');
    expect(transactionKey('t1')).toEqual({ pk: 'TRANSACTION#t1', sk: 'TRANSACTION' });
  });

  it('day and service ranges hold exactly the days of the period, for any service name', () => {
    fc.assert(fc.property(dayArb, dayArb, dayArb, fc.string(), (a, b, day, service) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const inPeriod = day >= from && day <= to;
      expect(within(dayKey(ACCOUNT, day).sk, dayRange(ACCOUNT, from, to))).toBe(inPeriod);
      expect(within(serviceDayKey(ACCOUNT, day, service).sk, serviceDayRange(ACCOUNT, from, to))).toBe(inPeriod);
      expect(within(monthKey(ACCOUNT, day.slice(0, 7)).sk, dayRange(ACCOUNT, from, to))).toBe(false);
    }));
  });

  it('the movement range of a day holds its first instant and stops right before the next day', () => {
    const day = '2026-03-02';
    const range = movementRange(ACCOUNT, moscowDayStart(day), moscowDayEnd(day));
    const at = (iso: string) => movementKey(ACCOUNT, new Date(iso), 'zzz').sk;
    expect(within(at('2026-03-01T21:00:00.000Z'), range)).toBe(true);
    expect(within(at('2026-03-02T20:59:59.999Z'), range)).toBe(true);
    expect(within(at('2026-03-01T20:59:59.999Z'), range)).toBe(false);
    expect(within(at('2026-03-02T21:00:00.000Z'), range)).toBe(false);
  });

  it('the years-before range holds earlier years only', () => {
    const range = yearsBeforeRange(ACCOUNT, '2026');
    expect(range && within(yearKey(ACCOUNT, '2025').sk, range)).toBe(true);
    expect(range && within(yearKey(ACCOUNT, '1999').sk, range)).toBe(true);
    expect(range && within(yearKey(ACCOUNT, '2026').sk, range)).toBe(false);
    expect(range && within(monthKey(ACCOUNT, '2025-12').sk, range)).toBe(false);
    expect(yearsBeforeRange(ACCOUNT, '0000')).toBeUndefined();
  });
});
