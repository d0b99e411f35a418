/**
 * The month-end projection of spend: a linear run rate over the Moscow month's days so far.
 * Spend of the month so far ÷ days elapsed (today included) × days in the month, rounded to the
 * nearest minor unit. A month that is over projects to what it spent.
 */
import { money, type Money } from '../Money';
import { type MoscowDay, moscowDaysInclusive } from '../moscowTime';
import type { CalendarMonth } from '../balances/calendarBuckets';

/** How many days a calendar month has. */
export function daysInMonth(month: CalendarMonth): number {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).getUTCDate();
}

/** The first day of a calendar month. */
export function firstDayOf(month: CalendarMonth): MoscowDay {
  return `${month}-01`;
}

/** The month before `month`. */
export function previousMonth(month: CalendarMonth): CalendarMonth {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${month.slice(0, 4)}-${String(number - 1).padStart(2, '0')}`;
}

/**
 * The projected spend of `month` at its end, seen on `today`.
 *
 * @example
 * monthForecast(money(10_000, 'RUB'), '2026-12', '2026-12-10'); // 31 000 kopecks: 1 000 a day × 31 days
 */
export function monthForecast(spent: Money, month: CalendarMonth, today: MoscowDay): Money {
  const todaysMonth = today.slice(0, 7);
  if (month < todaysMonth) return spent;
  const elapsed = month === todaysMonth ? moscowDaysInclusive(firstDayOf(month), today) : 1;
  return money(Math.round((spent.amount * daysInMonth(month)) / elapsed), spent.currency);
}
