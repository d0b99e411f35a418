import type { ClientBatchStore, ClientFollowUpOutbox, StoredFollowUp } from '../../ports/ClientBatchStore';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { Clock } from '../Clock';
import { earliestDue } from '../JobRun';
import { type TimeBudget, UNLIMITED_TIME } from '../TimeBudget';

/** What delivering follow-ups needs. */
export interface FollowUpDeps {
  readonly operations: Pick<ClientBatchStore, 'completeFollowUps'>;
  readonly events: EventPublisher;
}

/** What the follow-up job needs: the outbox it reads the follow-ups owed from. */
export interface DueFollowUpDeps extends FollowUpDeps {
  readonly operations: ClientFollowUpOutbox;
  readonly clock: Clock;
}

/** What a delivery did. */
export interface FollowUpDelivery {
  /** Follow-ups whose event was published, and which were removed. */
  readonly delivered: ReadonlySet<string>;
  /** Bus calls that failed (their follow-ups stay for the job). */
  readonly failures: number;
}

/** Calls to the bus in flight at once. */
const PARALLEL_CALLS = 8;

/** Runs `task` on every item, at most `PARALLEL_CALLS` at a time; returns the items it succeeded on. */
async function succeededOn<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<T[]> {
  const succeeded: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
        succeeded.push(item);
      } catch {
        // Left for the follow-up job: the follow-up stays stored.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CALLS, items.length) }, worker));
  return succeeded;
}

/**
 * Delivers follow-ups of committed status changes: publishes each event (at least once: a follow-up
 * left over is published again with the same id) and removes the published ones. The console's
 * sign-in gate needs nothing delivered: it reads the committed status at every sign-in.
 */
export async function deliverFollowUps(deps: FollowUpDeps, followUps: readonly StoredFollowUp[]): Promise<FollowUpDelivery> {
  const published = await succeededOn(followUps, (followUp) => deps.events.publish(followUp.event));
  await deps.operations.completeFollowUps(published);
  return { delivered: new Set(published.map((followUp) => followUp.id)), failures: followUps.length - published.length };
}

/** Follow-ups one job run takes, and how many it delivers together. */
const PER_RUN = 500;
const CHUNK = 100;

/**
 * The follow-up job (EventBridge schedule): delivers every follow-up the request that made the
 * change did not finish (a failed bus call, a crash after the commit). It only takes follow-ups
 * older than `FOLLOW_UP_GRACE_MS`, longer than a request may run, so it does not race the
 * request's own delivery. What fails again stays for the next run. `oldestDueAt` is the
 * earliest due time among the follow-ups it took. It takes the next chunk only while `budget` has time left.
 */
export async function deliverDueFollowUps(
  deps: DueFollowUpDeps,
  budget: TimeBudget = UNLIMITED_TIME,
): Promise<{ delivered: number; failures: number; oldestDueAt?: Date }> {
  const due = budget.hasTimeLeft() ? await deps.operations.dueFollowUps(deps.clock.now(), PER_RUN) : [];
  let delivered = 0;
  let failures = 0;
  for (let start = 0; start < due.length && budget.hasTimeLeft(); start += CHUNK) {
    const delivery = await deliverFollowUps(deps, due.slice(start, start + CHUNK));
    delivered += delivery.delivered.size;
    failures += delivery.failures;
  }
  return { delivered, failures, oldestDueAt: earliestDue(due.map((followUp) => followUp.dueAt)) };
}
