/**
 * Moscow days as the console computes with them. Moscow has kept UTC+03:00 all year since 2014,
 * so a fixed offset is exact for every date the product stores. Days are `YYYY-MM-DD`.
 */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest period the balance views accept, in days (the API's limit). */
export const MAX_PERIOD_DAYS = 366;

/** The Moscow calendar day of an instant. */
export function moscowDay(instant: Date): string {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Moscow day starts, as ISO-8601 with the +03:00 offset. */
export function moscowDayStart(day: string): string {
  return `${day}T00:00:00+03:00`;
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Moscow day after `day`. */
export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The Monday of the week of `day` (weeks run Monday to Sunday, as on a Russian calendar). */
export function weekStart(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The first day of the month of `day`. */
export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** A period of Moscow days. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** The periods the balance views offer with one click. */
export type PresetName = 'thisMonth' | 'lastMonth' | 'last30' | 'quarter' | 'yearToDate';

/** Each preset's period as of `today` (a Moscow day): this month so far, last month, the last 30 days, this quarter so far, this year so far. */
export function presetPeriod(name: PresetName, today: string): Period {
  switch (name) {
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const lastDay = addDays(monthStart(today), -1);
      return { from: monthStart(lastDay), to: lastDay };
    }
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'quarter': {
      const month = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
      return { from: `${today.slice(0, 4)}-${String(month).padStart(2, '0')}-01`, to: today };
    }
    case 'yearToDate':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The current month in Moscow time so far: its first day and today. */
export function currentMoscowMonth(now = new Date()): Period {
  return presetPeriod('thisMonth', moscowDay(now));
}
