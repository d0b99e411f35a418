/** Sending a change again by itself when its answer is lost. */
import type { Problem } from './errorMessages';

/** A call's outcome (as `attempt` answers it). */
type Outcome<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly problem: Problem };

/** Tries of a change whose answer was lost, and the wait before the first repeat (doubling). */
const RESEND_TRIES = 4;
const RESEND_WAIT_MS = 1000;

/**
 * True when a change may or may not have happened: no answer (a dropped connection, a gateway
 * timeout), a server error, or the same request still running. Sending it again with the same
 * `Idempotency-Key` (or the same confirmation) answers what was done and finishes what was not.
 */
export function answerLost(problem: Problem): boolean {
  return problem.status === 0 || problem.status >= 500 || problem.code === 'request_in_progress';
}

/** A failed read that a later one may not meet: refused for now (429), a server error, or no answer. */
export function passing(problem: Problem): boolean {
  return problem.status === 0 || problem.status === 429 || problem.status >= 500;
}

/** Wait before reading again after the `tried`-th failure that passes: the service's `Retry-After`, else 1, 2, 4 … s up to 30 s. */
export function waitBeforeReadingAgain(problem: Problem, tried: number): number {
  return problem.retryAfter !== null ? problem.retryAfter * 1000 : Math.min(1000 * 2 ** (tried - 1), 30_000);
}

/** Runs `call` again while its answer is lost, a few times, waiting 1, 2, 4 s; the first real answer, or the last problem. */
export async function untilAnswered<T>(call: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  for (let tried = 1; ; tried += 1) {
    const outcome = await call();
    if (outcome.ok || tried >= RESEND_TRIES || !answerLost(outcome.problem)) return outcome;
    await new Promise((resolve) => setTimeout(resolve, RESEND_WAIT_MS * 2 ** (tried - 1)));
  }
}
