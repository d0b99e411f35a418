/**
 * How the ledger rolls days up so that any opening balance costs a bounded number of reads.
 *
 * Every event is added (in its own write) to the totals of its Moscow day, month and year. The
 * opening balance of a day `d` is the net change of everything before `d`, which is exactly:
 * every whole year before `d`'s year + every whole month of that year before `d`'s month + every
 * day of that month before `d`. That is at most (years of history) + 11 + 30 items, however long
 * the history, and it does not care in which order events arrived: an event for an earlier day only
 * adds to its own day, month and year, and every later opening includes it from then on.
 */
import { addMoscowDays, type MoscowDay } from '../moscowTime';

/** A calendar month, `YYYY-MM`. */
export type CalendarMonth = string;

/** A calendar year, `YYYY`. */
export type CalendarYear = string;

/** The totals an event on `day` is added to. */
export interface Buckets {
  readonly day: MoscowDay;
  readonly month: CalendarMonth;
  readonly year: CalendarYear;
}

/** An inclusive range of buckets of one kind. */
export interface BucketRange<T extends string> {
  readonly from: T;
  readonly to: T;
}

/** The buckets whose totals, added up, cover every day strictly before a given day, once each. */
export interface BucketsBefore {
  /** Every year before this one. */
  readonly yearsBefore: CalendarYear;
  /** Whole months of the day's year before its month (none in January). */
  readonly months?: BucketRange<CalendarMonth>;
  /** Days of the day's month before it (none on the 1st). */
  readonly days?: BucketRange<MoscowDay>;
}

/** The day, month and year `day` rolls up into. */
export function bucketsOf(day: MoscowDay): Buckets {
  return { day, month: day.slice(0, 7), year: day.slice(0, 4) };
}

/**
 * The buckets that add up to everything before `day`.
 *
 * @example
 * bucketsBefore('2026-03-15');
 * // { yearsBefore: '2026', months: { from: '2026-01', to: '2026-02' }, days: { from: '2026-03-01', to: '2026-03-14' } }
 */
export function bucketsBefore(day: MoscowDay): BucketsBefore {
  const { month, year } = bucketsOf(day);
  const monthNumber = Number(day.slice(5, 7));
  const dayNumber = Number(day.slice(8, 10));
  return {
    yearsBefore: year,
    ...(monthNumber > 1 && { months: { from: `${year}-01`, to: `${year}-${String(monthNumber - 1).padStart(2, '0')}` } }),
    ...(dayNumber > 1 && { days: { from: `${month}-01`, to: addMoscowDays(day, -1) } }),
  };
}
