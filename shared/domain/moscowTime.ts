/**
 * The one time-zone module: instants are stored in UTC, days are cut in Europe/Moscow.
 * A Moscow day is written `YYYY-MM-DD`; its instants are `[moscowDayStart(day), moscowDayEnd(day))`.
 * The zone rules come from the IANA database (`tzOffset` of `@date-fns/tz` reads them from `Intl`),
 * so historical offsets (+04:00 before 2014) are right too; today Moscow is UTC+3 all year. The
 * calendar arithmetic is plain UTC-calendar math on that offset: this module is in every
 * function's bundle, and it needs neither date-fns' `format`/`parse` nor the `TZDate` class
 * (whose module wraps every `Date` method when it loads).
 */
import { tzOffset } from '@date-fns/tz/tzOffset';
import type { Language } from './Language';

/** IANA name of the zone the partner program cuts days in. */
export const MOSCOW_TIME_ZONE = 'Europe/Moscow';

/** A calendar day in Moscow, `YYYY-MM-DD`. */
export type MoscowDay = string;

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_MINUTE = 60 * 1000;
const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;

/** Minutes Moscow is ahead of UTC at an instant (+180 today, +240 in 2011–2014). */
function moscowOffsetMinutes(instant: Date | number): number {
  return tzOffset(MOSCOW_TIME_ZONE, new Date(instant));
}

/** The instant moved by Moscow's offset, so that its UTC fields read as Moscow wall-clock time. */
function moscowWallClock(instant: Date): Date {
  return new Date(instant.getTime() + moscowOffsetMinutes(instant) * MS_PER_MINUTE);
}

/** Year, month (1–12) and day of a `YYYY-MM-DD` text, or undefined when it is not a real calendar day. */
function calendarFields(text: string): readonly [number, number, number] | undefined {
  const match = DAY_SHAPE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 2026-02-30 over to March; a real day survives the round trip. Years below 100
  // are outside what the Date constructor takes literally, and outside any billing period.
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 100 && probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real ? [year, month, day] : undefined;
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (`2026-02-30` is not). */
export function isMoscowDay(text: string): text is MoscowDay {
  return calendarFields(text) !== undefined;
}

/**
 * The Moscow calendar day an instant falls on.
 *
 * @example
 * moscowDay(new Date('2026-03-01T21:30:00Z')); // '2026-03-02'
 */
export function moscowDay(instant: Date): MoscowDay {
  return moscowWallClock(instant).toISOString().slice(0, 10);
}

/** The first instant of a Moscow day (00:00 Moscow time). */
export function moscowDayStart(day: MoscowDay): Date {
  return startOf(day, 0);
}

/** The end of a Moscow day, exclusive: the first instant of the next day. */
export function moscowDayEnd(day: MoscowDay): Date {
  return startOf(day, 1);
}

/** The day `days` calendar days after `day` (before it when negative). */
export function addMoscowDays(day: MoscowDay, days: number): MoscowDay {
  return moscowDay(startOf(day, days));
}

/** How many days `[from, to]` holds, both ends included (0 or less when `to` is before `from`). */
export function moscowDaysInclusive(from: MoscowDay, to: MoscowDay): number {
  // Calendar arithmetic needs no zone: count whole days between the two dates on a UTC calendar.
  const utcMidnight = (day: MoscowDay): number => {
    const [year, month, date] = fieldsOf(day);
    return Date.UTC(year, month - 1, date);
  };
  return Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY) + 1;
}

/** Every day from `from` to `to`, both included, in order. */
export function eachMoscowDay(from: MoscowDay, to: MoscowDay): MoscowDay[] {
  return Array.from({ length: Math.max(0, moscowDaysInclusive(from, to)) }, (_, index) => addMoscowDays(from, index));
}

/**
 * An instant as ISO-8601 with the Moscow offset, as partners see times.
 *
 * @example
 * toMoscowIso(new Date('2026-03-01T21:30:00Z')); // '2026-03-02T00:30:00.000+03:00'
 */
export function toMoscowIso(instant: Date): string {
  const offset = moscowOffsetMinutes(instant);
  const pad = (value: number): string => String(value).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  return `${moscowWallClock(instant).toISOString().slice(0, 23)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

function fieldsOf(day: MoscowDay): readonly [number, number, number] {
  const fields = calendarFields(day);
  if (!fields) throw new RangeError(`Not a calendar day (YYYY-MM-DD): '${day}'`);
  return fields;
}

/** 00:00 Moscow time of the day `offset` calendar days after `day`, as a plain instant. */
function startOf(day: MoscowDay, offset: number): Date {
  const [year, month, date] = fieldsOf(day);
  const wallClock = Date.UTC(year, month - 1, date + offset);
  // The offset at midnight is not known before the instant is: guess with the offset at the same
  // wall-clock reading in UTC, then correct once (midnight is never inside a Moscow clock change).
  const guess = wallClock - moscowOffsetMinutes(wallClock) * MS_PER_MINUTE;
  return new Date(wallClock - moscowOffsetMinutes(guess) * MS_PER_MINUTE);
}

/**
 * An instant as people read it in mails: Moscow date and minute, and the offset.
 *
 * @example
 * toMoscowText(new Date('2026-03-08T10:00:00Z')); // '2026-03-08 13:00 Moscow time (UTC+03:00)'
 */
export function toMoscowText(instant: Date): string {
  const iso = toMoscowIso(instant);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} Moscow time (UTC${iso.slice(23)})`;
}

/** The `Intl` locale a language's readers write dates in (English: day first, as the cloud's own documents). */
const DATE_LOCALES: Readonly<Record<Language, string>> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * An instant as a person reads it in a mail of their language: the Moscow date with the month's
 * name, the minute, and the offset.
 *
 * @example
 * moscowTimeWords(new Date('2026-12-07T05:51:00Z'), 'ru'); // '7 декабря 2026 г., 08:51 по Москве (UTC+03:00)'
 * moscowTimeWords(new Date('2026-12-07T05:51:00Z'), 'en'); // '7 December 2026, 08:51 Moscow time (UTC+03:00)'
 */
export function moscowTimeWords(instant: Date, language: Language): string {
  const iso = toMoscowIso(instant);
  const day = new Intl.DateTimeFormat(DATE_LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: MOSCOW_TIME_ZONE }).format(instant);
  return `${day}, ${iso.slice(11, 16)} ${language === 'ru' ? 'по Москве' : 'Moscow time'} (UTC${iso.slice(23)})`;
}
