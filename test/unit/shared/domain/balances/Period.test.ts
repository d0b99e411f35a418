import { MAX_PERIOD_DAYS, period, periodProblem, servedPart } from '../../../../../shared/domain/balances/Period';
import { RuleViolationError, ValidationError } from '../../../../../shared/domain/errors';
import { addMoscowDays } from '../../../../../shared/domain/moscowTime';

describe('Period', () => {
  it('accepts one day and up to 366 days', () => {
    expect(periodProblem('2026-03-01', '2026-03-01')).toBeUndefined();
    expect(periodProblem('2026-01-01', addMoscowDays('2026-01-01', MAX_PERIOD_DAYS - 1))).toBeUndefined();
    expect(period('2028-01-01', '2028-12-31')).toEqual({ from: '2028-01-01', to: '2028-12-31' });
  });

  it('refuses a period ending before it starts, longer than 366 days, or with days that do not exist', () => {
    expect(periodProblem('2026-03-02', '2026-03-01')).toBe('from must not be after to');
    expect(periodProblem('2026-01-01', addMoscowDays('2026-01-01', MAX_PERIOD_DAYS))).toMatch(/367 days long; at most 366/);
    expect(periodProblem('2026-02-29', '2026-03-01')).toMatch(/YYYY-MM-DD/);
    expect(() => period('2026-03-02', '2026-03-01')).toThrow(ValidationError);
  });
});

describe('servedPart', () => {
  // Accepted at 00:30 Moscow time on 2026-12-01 (21:30 UTC the day before).
  const servedSince = new Date('2026-11-30T21:30:00Z');

  it('moves a start before the acceptance day to that Moscow day', () => {
    expect(servedPart({ from: '2026-06-01', to: '2026-12-10' }, servedSince)).toEqual({ from: '2026-12-01', to: '2026-12-10' });
  });

  it('keeps a period that starts on or after the acceptance day', () => {
    expect(servedPart({ from: '2026-12-01', to: '2026-12-01' }, servedSince)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(servedPart({ from: '2026-12-05', to: '2027-01-05' }, servedSince)).toEqual({ from: '2026-12-05', to: '2027-01-05' });
  });

  it('refuses a period that ends before the acceptance day: period_before_client naming the day', () => {
    expect(() => servedPart({ from: '2026-06-01', to: '2026-11-30' }, servedSince)).toThrow(
      expect.objectContaining({ code: 'period_before_client', details: { clientSince: '2026-12-01' } }),
    );
    expect(() => servedPart({ from: '2026-06-01', to: '2026-11-30' }, servedSince)).toThrow(RuleViolationError);
  });
});
