/**
 * Moscow days and times as the product shows them. Moscow has kept UTC+03:00 all year since 2014,
 * so a fixed offset is exact for every date the product stores.
 */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

/** The Moscow calendar day (`YYYY-MM-DD`) of an instant. */
export function moscowDay(instant: Date): string {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11-30T21:05:00Z` → `2026-12-01 00:05` (Moscow time). */
export function formatMoscow(iso: string): string {
  return new Date(new Date(iso).getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The current month in Moscow time so far: its first day and today. */
export function currentMoscowMonth(now = new Date()): { from: string; to: string } {
  const today = moscowDay(now);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The instant a Moscow day starts, as ISO-8601 with the +03:00 offset. */
export function moscowDayStart(day: string): string {
  return `${day}T00:00:00+03:00`;
}

/** The Moscow day after `day`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
