/**
 * The one time-zone module: instants are stored in UTC, days are cut in Europe/Moscow.
 * A Moscow day is written `YYYY-MM-DD`; its instants are `[moscowDayStart(day), moscowDayEnd(day))`.
 * The zone rules come from the IANA database (via `@date-fns/tz`), so historical offsets (+04:00
 * before 2014) are right too; today Moscow is UTC+3 all year.
 */
import { tz } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, parse } from 'date-fns';

/** IANA name of the zone the partner program cuts days in. */
export const MOSCOW_TIME_ZONE = 'Europe/Moscow';

/** A calendar day in Moscow, `YYYY-MM-DD`. */
export type MoscowDay = string;

const inMoscow = tz(MOSCOW_TIME_ZONE);
const DAY_FORMAT = 'yyyy-MM-dd';
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (`2026-02-30` is not). */
export function isMoscowDay(text: string): text is MoscowDay {
  if (!DAY_SHAPE.test(text)) return false;
  const parsed = parse(text, DAY_FORMAT, 0, { in: inMoscow });
  return !Number.isNaN(parsed.getTime()) && format(parsed, DAY_FORMAT, { in: inMoscow }) === text;
}

/**
 * The Moscow calendar day an instant falls on.
 *
 * @example
 * moscowDay(new Date('2026-03-01T21:30:00Z')); // '2026-03-02'
 */
export function moscowDay(instant: Date): MoscowDay {
  return format(instant, DAY_FORMAT, { in: inMoscow });
}

/** The first instant of a Moscow day (00:00 Moscow time). */
export function moscowDayStart(day: MoscowDay): Date {
  return new Date(startOf(day).getTime());
}

/** The end of a Moscow day, exclusive: the first instant of the next day. */
export function moscowDayEnd(day: MoscowDay): Date {
  return new Date(addDays(startOf(day), 1, { in: inMoscow }).getTime());
}

/** The day `days` calendar days after `day` (before it when negative). */
export function addMoscowDays(day: MoscowDay, days: number): MoscowDay {
  return format(addDays(startOf(day), days, { in: inMoscow }), DAY_FORMAT, { in: inMoscow });
}

/** How many days `[from, to]` holds, both ends included (0 or less when `to` is before `from`). */
export function moscowDaysInclusive(from: MoscowDay, to: MoscowDay): number {
  return differenceInCalendarDays(startOf(to), startOf(from), { in: inMoscow }) + 1;
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
  return format(instant, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", { in: inMoscow });
}

function startOf(day: MoscowDay): Date {
  if (!isMoscowDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): '${day}'`);
  return parse(day, DAY_FORMAT, 0, { in: inMoscow });
}
