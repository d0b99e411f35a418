/**
 * Expenses per day, week or month of the Moscow calendar, added up in the console from the API's
 * per-day answer (the API has no grouping). A group that reaches today is partial: today is not over.
 */
import type { Expenses } from '../../api/types';
import { monthStart, weekStart } from '../../ui/moscowTime';

/** How the expenses are grouped. */
export type Grouping = 'day' | 'week' | 'month';

/** Every grouping, in the order the switch offers them. */
export const GROUPINGS: readonly Grouping[] = ['day', 'week', 'month'];

/** One group: its first and last day within the period, its total, each service's amount, and whether it is still running. */
export interface ExpenseGroup {
  readonly from: string;
  readonly to: string;
  /** Minor units. */
  readonly total: number;
  /** Minor units by service. */
  readonly services: ReadonlyMap<string, number>;
  readonly partial: boolean;
}

/** The group key of `day`. */
function keyOf(day: string, by: Grouping): string {
  return by === 'day' ? day : by === 'week' ? weekStart(day) : monthStart(day);
}

/** The per-day expenses grouped `by`, oldest first; `today` (a Moscow day) marks the running group. */
export function groupExpenses(expenses: Expenses, by: Grouping, today: string): ExpenseGroup[] {
  const perServiceDay = new Map<string, Map<string, number>>();
  for (const service of expenses.services) {
    for (const entry of service.days) {
      const byService = perServiceDay.get(entry.day) ?? new Map<string, number>();
      byService.set(service.service, (byService.get(service.service) ?? 0) + entry.amount.amount);
      perServiceDay.set(entry.day, byService);
    }
  }
  const groups = new Map<string, { from: string; to: string; total: number; services: Map<string, number>; partial: boolean }>();
  for (const day of expenses.days) {
    const key = keyOf(day.day, by);
    const group = groups.get(key) ?? { from: day.day, to: day.day, total: 0, services: new Map<string, number>(), partial: false };
    group.to = day.day;
    group.total += day.total.amount;
    group.partial ||= day.day >= today;
    for (const [service, amount] of perServiceDay.get(day.day) ?? []) group.services.set(service, (group.services.get(service) ?? 0) + amount);
    groups.set(key, group);
  }
  return [...groups.values()];
}
