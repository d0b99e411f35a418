/**
 * Numbers, money, days and times in the page's language, through `Intl`: "−40 856,60 ₽" and
 * "06.12.2026, 09:30 по Москве" in Russian, "−₽40,856.60" and "06/12/2026, 09:30 Moscow time" in
 * English. Amounts are integer minor units (kopecks) and are formatted from their digits, so
 * large sums keep every kopeck.
 */
import type { Money } from '../ui/money';
import { en } from './en';
import { type Language, language } from './language';
import { ru } from './ru';

/** The `Intl` locale of each language (English reads days first, as in the cloud's own documents). */
export const LOCALES: Readonly<Record<Language, string>> = { ru: 'ru-RU', en: 'en-GB' };

const MOSCOW = 'Europe/Moscow';
/** The typographic minus a reader expects in front of a negative amount. */
const MINUS = '\u2212';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

/** `-123456` → `{ negative: true, text: "1234.56" }`: the amount in major units as an exact decimal string. */
function decimal(minorUnits: number): { negative: boolean; text: string } {
  const negative = minorUnits < 0;
  const digits = String(Math.abs(minorUnits)).padStart(3, '0');
  return { negative, text: `${digits.slice(0, -2)}.${digits.slice(-2)}` };
}

/** Money as a reader of `lang` writes it: `{ amount: -4085660, currency: 'RUB' }` → "−40 856,60 ₽" (ru). */
export function formatMoney(money: Money, lang: Language = language.value): string {
  const format = cached(`money-${lang}-${money.currency}`, () => new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency', currency: money.currency, currencyDisplay: 'narrowSymbol',
  }));
  const { negative, text } = decimal(money.amount);
  // A decimal string keeps kopecks of sums beyond 2^53 / 100 exact (Intl.NumberFormat v3).
  const formatted = format.format(text as `${number}`);
  return negative && money.amount !== 0 ? `${MINUS}${formatted}` : formatted;
}

/** An amount as a plain number for a spreadsheet: no grouping, the language's decimal separator ("-40856,60" in ru). */
export function formatPlainAmount(minorUnits: number, lang: Language = language.value): string {
  const { negative, text } = decimal(minorUnits);
  return `${negative ? '-' : ''}${lang === 'ru' ? text.replace('.', ',') : text}`;
}

/** A count with the language's grouping ("1 234" in ru, "1,234" in en). */
export function formatCount(count: number, lang: Language = language.value): string {
  return cached(`count-${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(count);
}

function dayParts(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year ?? 1970, month ?? 1, date ?? 1];
}

/** A calendar day `YYYY-MM-DD` as the language writes it: "06.12.2026" (ru), "06/12/2026" (en). */
export function formatDay(day: string, lang: Language = language.value): string {
  const [year, month, date] = dayParts(day);
  const format = cached(`day-${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }));
  return format.format(Date.UTC(year, month - 1, date));
}

/** A month of the calendar: "декабрь 2026 г." (ru), "December 2026" (en). */
export function formatMonth(day: string, lang: Language = language.value): string {
  const [year, month] = dayParts(day);
  const format = cached(`month-${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', month: 'long', year: 'numeric' }));
  return format.format(Date.UTC(year, month - 1, 1));
}

/** An instant as a Moscow day and time without further words, for a column that says "Moscow": "06.12.2026, 09:30". */
export function formatMoscowClock(iso: string, lang: Language = language.value): string {
  const format = cached(`time-${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: MOSCOW, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }));
  return format.format(new Date(iso));
}

/** An instant as a Moscow day and time with the words that say so: "06.12.2026, 09:30 по Москве". */
export function formatMoscowTime(iso: string, lang: Language = language.value): string {
  return (lang === 'ru' ? ru : en).format.moscowTime(formatMoscowClock(iso, lang));
}

/** A day typed in the language's format ("6.12.2026", "06/12/2026"; ISO "2026-12-06" too), or null when it is no calendar day. */
export function parseDay(text: string, lang: Language = language.value): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const local = (lang === 'ru' ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/ : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/).exec(trimmed);
  const [year, month, date] = iso ? [iso[1], iso[2], iso[3]].map(Number) : local ? [local[3], local[2], local[1]].map(Number) : [];
  if (year === undefined || month === undefined || date === undefined) return null;
  const instant = new Date(Date.UTC(year, month - 1, date));
  if (instant.getUTCFullYear() !== year || instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== date) return null;
  return instant.toISOString().slice(0, 10);
}
