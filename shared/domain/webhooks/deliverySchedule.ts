/**
 * When a failed webhook delivery is tried again: exponential-ish backoff (the schedule Standard
 * Webhooks' reference senders use, cut to fit one day), from the event's first attempt.
 */

/** Waits before attempts 2, 3, …, in seconds: 10 s, 1 min, 5 min, 30 min, 2 h, 5 h, 8 h (≈ 15.6 h in all, within 24 h). */
export const RETRY_DELAYS_SECONDS = [10, 60, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 8 * 3600] as const;

/** An endpoint that has failed every delivery for this long is disabled (and its partner told). */
export const DISABLE_AFTER_FAILING_MS = 24 * 3600 * 1000;

/** The delay before the attempt after `attempt` (1-based) failed, or `undefined` when the delivery has used every attempt. */
export function retryDelaySeconds(attempt: number): number | undefined {
  return RETRY_DELAYS_SECONDS[attempt - 1];
}

/** Whether an endpoint failing since `failingSince` (its first failure after its last success) is to be disabled at `now`. */
export function endpointToDisable(failingSince: Date | undefined, now: Date): boolean {
  return failingSince !== undefined && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
}
