import { MAX_PERIOD_DAYS, period, periodProblem } from '../../../../../shared/domain/balances/Period';
import { ValidationError } from '../../../../../shared/domain/errors';
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
