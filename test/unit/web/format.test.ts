import fc from 'fast-check';
import { formatDay, formatMoney, formatMoscowClock, formatMoscowTime, formatPlainAmount, parseDay } from '../../../web/src/i18n/format';
import type { Language } from '../../../web/src/i18n/language';
import { moscowDay, presetPeriod } from '../../../web/src/ui/moscowTime';

const LANGUAGES: readonly Language[] = ['ru', 'en'];
/** Intl separates groups and the currency with (narrow) no-break spaces: compare with plain ones. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const anyAmount = fc.oneof(fc.integer({ min: -10_000, max: 10_000 }), fc.maxSafeInteger(), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }));
const anyInstant = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
const anyDay = fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

describe('formatMoney', () => {
  it('writes roubles as a Russian or an English reader expects them', () => {
    expect(spaces(formatMoney({ amount: -4_085_660, currency: 'RUB' }, 'ru'))).toBe('−40 856,60 ₽');
    expect(spaces(formatMoney({ amount: -4_085_660, currency: 'RUB' }, 'en'))).toBe('−₽40,856.60');
    expect(spaces(formatMoney({ amount: 5, currency: 'RUB' }, 'ru'))).toBe('0,05 ₽');
    expect(spaces(formatMoney({ amount: 0, currency: 'RUB' }, 'en'))).toBe('₽0.00');
    expect(spaces(formatMoney({ amount: 123_456_789_012_345, currency: 'USD' }, 'ru'))).toBe('1 234 567 890 123,45 $');
  });

  it('keeps every kopeck and the sign of any amount, however large, in both languages', () => {
    fc.assert(fc.property(anyAmount, fc.constantFrom(...LANGUAGES), fc.constantFrom('RUB', 'USD', 'EUR'), (amount, lang, currency) => {
      const text = formatMoney({ amount, currency }, lang);
      expect(text.startsWith('−')).toBe(amount < 0);
      expect(text.includes('-')).toBe(false);
      expect(text.replace(/\D/g, '')).toBe(String(Math.abs(amount)).padStart(3, '0'));
      const decimals = lang === 'ru' ? /,\d\d(?!\d)/ : /\.\d\d(?!\d)/;
      expect(text).toMatch(decimals);
    }));
  });
});

describe('formatPlainAmount', () => {
  it('writes a number a spreadsheet of the language reads back exactly', () => {
    fc.assert(fc.property(anyAmount, fc.constantFrom(...LANGUAGES), (amount, lang) => {
      const text = formatPlainAmount(amount, lang);
      expect(text).toMatch(lang === 'ru' ? /^-?\d+,\d\d$/ : /^-?\d+\.\d\d$/);
      expect(BigInt(text.replace(/[.,]/, ''))).toBe(BigInt(amount));
    }));
    expect(formatPlainAmount(-4_085_660, 'ru')).toBe('-40856,60');
    expect(formatPlainAmount(-1250, 'en')).toBe('-12.50');
  });
});

describe('days and Moscow times', () => {
  it('cuts days at Moscow midnight (21:00 UTC) and says "по Москве" / "Moscow time"', () => {
    expect(formatMoscowTime('2026-11-30T20:59:00Z', 'ru')).toBe('30.11.2026, 23:59 по Москве');
    expect(formatMoscowTime('2026-11-30T21:00:00Z', 'ru')).toBe('01.12.2026, 00:00 по Москве');
    expect(formatMoscowTime('2026-11-30T21:00:00Z', 'en')).toBe('01/12/2026, 00:00 Moscow time');
    expect(formatMoscowTime('2026-12-31T21:00:00Z', 'en')).toBe('01/01/2027, 00:00 Moscow time');
  });

  it('shows every instant on the Moscow day it falls on, in both languages', () => {
    fc.assert(fc.property(anyInstant, fc.constantFrom(...LANGUAGES), (instant, lang) => {
      expect(formatMoscowClock(instant.toISOString(), lang).startsWith(formatDay(moscowDay(instant), lang))).toBe(true);
    }));
  });

  it('reads back every day it writes, in the language\'s format and as ISO', () => {
    fc.assert(fc.property(anyDay, fc.constantFrom(...LANGUAGES), (day, lang) => {
      expect(parseDay(formatDay(day, lang), lang)).toBe(day);
      expect(parseDay(day, lang)).toBe(day);
    }));
    expect(formatDay('2026-12-06', 'ru')).toBe('06.12.2026');
    expect(formatDay('2026-12-06', 'en')).toBe('06/12/2026');
    expect(parseDay('6.12.2026', 'ru')).toBe('2026-12-06');
  });

  it('refuses what is no calendar day, and the other language\'s format', () => {
    for (const [text, lang] of [['31.02.2026', 'ru'], ['29.02.2027', 'ru'], ['2026-13-01', 'en'], ['06.12.2026', 'en'], ['06/12/2026', 'ru'], ['', 'ru'], ['12/31/2026', 'en']] as const) {
      expect(parseDay(text, lang)).toBeNull();
    }
    expect(parseDay('29.02.2028', 'ru')).toBe('2028-02-29');
  });
});

describe('presetPeriod', () => {
  it('gives this month, last month, the last 30 days, this quarter and the year so far', () => {
    expect(presetPeriod('thisMonth', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetPeriod('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last30', '2026-03-15')).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(presetPeriod('quarter', '2026-12-06')).toEqual({ from: '2026-10-01', to: '2026-12-06' });
    expect(presetPeriod('yearToDate', '2026-12-06')).toEqual({ from: '2026-01-01', to: '2026-12-06' });
  });
});
