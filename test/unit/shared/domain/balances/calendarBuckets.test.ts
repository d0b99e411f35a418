import fc from 'fast-check';
import { bucketsBefore, bucketsOf } from '../../../../../shared/domain/balances/calendarBuckets';
import { addMoscowDays } from '../../../../../shared/domain/moscowTime';

const dayArb = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addMoscowDays('2025-01-01', n));

describe('calendarBuckets', () => {
  it('rolls a day up into its month and year', () => {
    expect(bucketsOf('2026-03-02')).toEqual({ day: '2026-03-02', month: '2026-03', year: '2026' });
  });

  it('covers the days before mid-March with earlier years, January–February and March 1–14', () => {
    expect(bucketsBefore('2026-03-15')).toEqual({
      yearsBefore: '2026',
      months: { from: '2026-01', to: '2026-02' },
      days: { from: '2026-03-01', to: '2026-03-14' },
    });
  });

  it('needs no month buckets in January and no day buckets on the 1st', () => {
    expect(bucketsBefore('2026-01-01')).toEqual({ yearsBefore: '2026' });
    expect(bucketsBefore('2026-02-01')).toEqual({ yearsBefore: '2026', months: { from: '2026-01', to: '2026-01' } });
    expect(bucketsBefore('2028-03-01').months).toEqual({ from: '2028-01', to: '2028-02' });
  });

  it('covers every earlier day exactly once and no later day', () => {
    fc.assert(fc.property(dayArb, dayArb, (day, other) => {
      const { yearsBefore, months, days } = bucketsBefore(day);
      const of = bucketsOf(other);
      const covers = [
        of.year < yearsBefore,
        months !== undefined && of.month >= months.from && of.month <= months.to,
        days !== undefined && of.day >= days.from && of.day <= days.to,
      ].filter(Boolean).length;
      expect(covers).toBe(other < day ? 1 : 0);
    }), { numRuns: 2000 });
  });
});
