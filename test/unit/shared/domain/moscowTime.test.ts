import fc from 'fast-check';
import {
  addMoscowDays,
  eachMoscowDay,
  isMoscowDay,
  moscowTimeWords,
  moscowDay,
  moscowDayEnd,
  moscowDaysInclusive,
  moscowDayStart,
  toMoscowIso,
  toMoscowText,
} from '../../../../shared/domain/moscowTime';

const instants = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

describe('moscowTime', () => {
  it('puts an instant after 21:00 UTC on the next Moscow day', () => {
    expect(moscowDay(new Date('2026-03-01T21:30:00Z'))).toBe('2026-03-02');
    expect(moscowDay(new Date('2026-03-01T20:59:59.999Z'))).toBe('2026-03-01');
    expect(moscowDay(new Date('2026-03-01T21:00:00.000Z'))).toBe('2026-03-02');
  });

  it('cuts month and year edges in Moscow time', () => {
    expect(moscowDay(new Date('2026-01-31T21:00:00Z'))).toBe('2026-02-01');
    expect(moscowDay(new Date('2026-02-28T21:00:00Z'))).toBe('2026-03-01');
    expect(moscowDay(new Date('2025-12-31T20:59:59.999Z'))).toBe('2025-12-31');
    expect(moscowDay(new Date('2025-12-31T21:00:00Z'))).toBe('2026-01-01');
    expect(moscowDay(new Date('2028-02-28T21:00:00Z'))).toBe('2028-02-29');
  });

  it('gives day bounds as UTC instants: 00:00 Moscow is 21:00 UTC the day before', () => {
    expect(moscowDayStart('2026-03-02').toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(moscowDayEnd('2026-03-02').toISOString()).toBe('2026-03-02T21:00:00.000Z');
    expect(moscowDayEnd('2026-12-31').toISOString()).toBe(moscowDayStart('2027-01-01').toISOString());
    // Before 2014 Moscow was UTC+4 all year (and had summer time before 2011).
    expect(moscowDayStart('2012-06-01').toISOString()).toBe('2012-05-31T20:00:00.000Z');
  });

  it('every instant lies within the bounds of its own Moscow day', () => {
    fc.assert(fc.property(instants, (instant) => {
      const day = moscowDay(instant);
      expect(moscowDayStart(day).getTime()).toBeLessThanOrEqual(instant.getTime());
      expect(moscowDayEnd(day).getTime()).toBeGreaterThan(instant.getTime());
      expect(moscowDay(moscowDayStart(day))).toBe(day);
    }));
  });

  it('formats instants with the Moscow offset and the same instant', () => {
    expect(toMoscowIso(new Date('2026-03-01T21:30:00Z'))).toBe('2026-03-02T00:30:00.000+03:00');
    expect(toMoscowIso(new Date('2012-06-01T12:00:00Z'))).toBe('2012-06-01T16:00:00.000+04:00');
    fc.assert(fc.property(instants, (instant) => {
      const text = toMoscowIso(instant);
      expect(text.slice(0, 10)).toBe(moscowDay(instant));
      expect(new Date(text).getTime()).toBe(instant.getTime());
    }));
  });

  it('writes instants for mails as Moscow date, minute and offset', () => {
    expect(toMoscowText(new Date('2026-03-08T10:00:00Z'))).toBe('2026-03-08 13:00 Moscow time (UTC+03:00)');
    expect(toMoscowText(new Date('2026-03-01T21:30:59Z'))).toBe('2026-03-02 00:30 Moscow time (UTC+03:00)');
    expect(toMoscowText(new Date('2012-06-01T12:00:00Z'))).toBe('2012-06-01 16:00 Moscow time (UTC+04:00)');
  });

  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isMoscowDay('2028-02-29')).toBe(true);
    for (const text of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-3-1', '2026-03-01T00:00', '', 'tomorrow']) {
      expect(isMoscowDay(text)).toBe(false);
    }
    expect(() => moscowDayStart('2026-02-30')).toThrow(RangeError);
  });

  it('counts and lists days across month and year edges', () => {
    expect(addMoscowDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addMoscowDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(moscowDaysInclusive('2026-01-01', '2026-12-31')).toBe(365);
    expect(moscowDaysInclusive('2028-01-01', '2028-12-31')).toBe(366);
    expect(moscowDaysInclusive('2026-03-02', '2026-03-01')).toBe(0);
    expect(eachMoscowDay('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(eachMoscowDay('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('adding n days then listing gives n + 1 consecutive days', () => {
    fc.assert(fc.property(instants, fc.integer({ min: 0, max: 400 }), (instant, n) => {
      const from = moscowDay(instant);
      const to = addMoscowDays(from, n);
      const days = eachMoscowDay(from, to);
      expect(days).toHaveLength(n + 1);
      expect(days.at(-1)).toBe(to);
      expect(moscowDayEnd(days[0]!).getTime()).toBe(moscowDayStart(days[1] ?? addMoscowDays(from, 1)).getTime());
    }), { numRuns: 50 });
  });
});

describe('moscowTimeWords', () => {
  it('writes an instant as a reader of each language reads it in a mail, in Moscow time with the offset', () => {
    const instant = new Date('2026-12-06T21:30:00Z');
    expect(moscowTimeWords(instant, 'ru')).toBe('7 декабря 2026 г., 00:30 по Москве (UTC+03:00)');
    expect(moscowTimeWords(instant, 'en')).toBe('7 December 2026, 00:30 Moscow time (UTC+03:00)');
  });

  it('uses the offset Moscow had then (UTC+4 in 2012)', () => {
    expect(moscowTimeWords(new Date('2012-06-01T20:30:00Z'), 'en')).toBe('2 June 2012, 00:30 Moscow time (UTC+04:00)');
  });
});
