/**
 * How much of a job run's time is left. A job takes no new work once the budget says stop, reports
 * what it did and leaves the rest to its next run, so a backlog never ends in a time-out that loses
 * the run's metrics and log line.
 */
export interface TimeBudget {
  /** True while there is time for one more piece of work. */
  hasTimeLeft(): boolean;
}

/** A budget that never runs out (tests, the local job timer without a deadline). */
export const UNLIMITED_TIME: TimeBudget = { hasTimeLeft: () => true };

/**
 * A budget that stops taking work `reserveMs` before the invocation ends.
 *
 * @example
 * const budget = timeBudget(() => context.getRemainingTimeInMillis(), 10_000);
 */
export function timeBudget(remainingMs: () => number, reserveMs: number): TimeBudget {
  return { hasTimeLeft: () => remainingMs() > reserveMs };
}
